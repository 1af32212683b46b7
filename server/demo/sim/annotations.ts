import 'server-only';
import { z } from 'zod';
import { SIM_ANNOTATIONS, type DemoCall, type KubeObject } from '../types';

// The traffic a Deployment describes with its SIM_ANNOTATIONS. A bad annotation is reported through
// `warn` (once per distinct value) and read as absent: it never stops the simulation.

export interface TrafficSpec {
  calls: DemoCall[];
  entryRps: number;
  latencyMs: number;
  errorRate: number;
  tcpBytes: number;
}

export const TRAFFIC_DEFAULTS = { latencyMs: 10, errorRate: 0, tcpBytes: 2000, entryRps: 0 } as const;

const callSchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(80),
  rps: z.number().min(0).max(1e6),
  protocol: z.enum(['http', 'grpc', 'tcp']).default('http'),
});
const callsSchema = z.array(callSchema).max(1000);
const numberText = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'expected a non-negative number')
  .transform(Number);

export type Warn = (message: string) => void;

/** Reads the traffic annotations of a Deployment. */
export function readTraffic(deployment: KubeObject, warn: Warn): TrafficSpec {
  const annotations = deployment.metadata.annotations ?? {};
  const where = `${deployment.metadata.namespace ?? ''}/${deployment.metadata.name}`;
  const report = (key: string, problem: string) => warn(`demo sim: ignoring annotation ${key} of Deployment ${where}: ${problem}`);

  const num = (key: string, fallback: number, max: number): number => {
    const raw = annotations[key];
    if (raw === undefined) return fallback;
    const parsed = numberText.safeParse(raw);
    if (!parsed.success || parsed.data > max) {
      report(key, parsed.success ? `above ${max}` : (parsed.error.issues[0]?.message ?? 'invalid'));
      return fallback;
    }
    return parsed.data;
  };

  let calls: DemoCall[] = [];
  const rawCalls = annotations[SIM_ANNOTATIONS.calls];
  if (rawCalls !== undefined) {
    try {
      const parsed = callsSchema.safeParse(JSON.parse(rawCalls));
      if (parsed.success) calls = parsed.data;
      else report(SIM_ANNOTATIONS.calls, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    } catch (err) {
      report(SIM_ANNOTATIONS.calls, `not JSON (${(err as Error).message})`);
    }
  }

  return {
    calls,
    entryRps: num(SIM_ANNOTATIONS.entryRps, TRAFFIC_DEFAULTS.entryRps, 1e6),
    latencyMs: Math.max(num(SIM_ANNOTATIONS.latencyMs, TRAFFIC_DEFAULTS.latencyMs, 3_600_000), 0.05),
    errorRate: num(SIM_ANNOTATIONS.errorRate, TRAFFIC_DEFAULTS.errorRate, 1),
    tcpBytes: num(SIM_ANNOTATIONS.tcpBytes, TRAFFIC_DEFAULTS.tcpBytes, 1e10),
  };
}

/** A warn function that says each distinct message once (rebuilds happen on every store change). */
export function warnOnce(sink: Warn): Warn {
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message)) return;
    if (seen.size > 10_000) seen.clear();
    seen.add(message);
    sink(message);
  };
}
