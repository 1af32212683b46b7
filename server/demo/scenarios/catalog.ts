import 'server-only';
import { z } from 'zod';
import { DEMO_CLUSTERS } from '../types';

// The named failure scenarios of the demo mesh and their options. Each option has a default so that
// `start(name)` with no body does something sensible on the seeded mesh.

const cluster = z.enum(DEMO_CLUSTERS);
const name = z.string().min(1).max(253);

export const SCENARIO_CATALOG = {
  'cluster-cut-off': {
    description:
      "The cluster's API refuses connections; cross-cluster calls to and from it fail (503, response_flags UH). " +
      'Its own metrics endpoint keeps serving.',
    options: z.strictObject({ cluster: cluster.default('eu-west') }),
  },
  'latency-spike': {
    description:
      'Adds extraMs of latency on one edge: calls from sourceWorkload in sourceCluster to destinationService ' +
      '(a Service or workload name) in destinationCluster.',
    options: z.strictObject({
      sourceCluster: cluster.default('us-east'),
      sourceWorkload: name.default('hello-app-engine'),
      destinationCluster: cluster.default('eu-west'),
      destinationService: name.default('hello-master-engine'),
      extraMs: z.number().positive().max(600_000).default(400),
    }),
  },
  'cert-expiry': {
    description: "The cluster's istiod reports a root certificate expiring in inDays days.",
    options: z.strictObject({
      cluster: cluster.default('us-east'),
      inDays: z.number().min(0).max(3650).default(3),
    }),
  },
  'error-burst': {
    description:
      'The workloads behind a Service (name or namespace/name) in one cluster answer a share `rate` of requests with 5xx.',
    options: z.strictObject({
      service: z
        .string()
        .regex(/^([a-z0-9-]+\/)?[a-z0-9-]+$/, 'expected <service> or <namespace>/<service>')
        .default('ratings'),
      // the seeded ratings runs in eu-west, called across clusters from us-east
      cluster: cluster.default('eu-west'),
      rate: z.number().min(0).max(1).default(0.3),
    }),
  },
  'proxy-stale': {
    description:
      "The cluster's sidecars stop receiving configuration: istiod reports them STALE and their traffic keeps the " +
      'routing it had when the scenario started.',
    options: z.strictObject({ cluster: cluster.default('us-east') }),
  },
  'telemetry-outage': {
    description:
      "The cluster's Istio metrics endpoint (/clusters/<cluster>/metrics on the control port) stops answering. Mode " +
      '"hang" (default) holds each scrape open until Prometheus gives up at its scrape timeout, as a wedged or ' +
      'firewalled exporter does (Prometheus records "context deadline exceeded"); mode "error" answers 503 at once. ' +
      'Its traffic keeps flowing; stopping the scenario serves the metrics again.',
    options: z.strictObject({ cluster: cluster.default('eu-west'), mode: z.enum(['hang', 'error']).default('hang') }),
  },
} as const;

export type ScenarioName = keyof typeof SCENARIO_CATALOG;
export type ScenarioOptions<N extends ScenarioName> = z.output<(typeof SCENARIO_CATALOG)[N]['options']>;

export const SCENARIO_NAMES = Object.keys(SCENARIO_CATALOG) as ScenarioName[];

export function isScenarioName(value: string): value is ScenarioName {
  return Object.prototype.hasOwnProperty.call(SCENARIO_CATALOG, value);
}

/** Parses the options of a scenario; throws an Error naming the scenario and every bad option. */
export function parseScenarioOptions<N extends ScenarioName>(scenario: N, input: unknown): ScenarioOptions<N> {
  const result = SCENARIO_CATALOG[scenario].options.safeParse(input ?? {});
  if (!result.success) {
    const details = result.error.issues
      .map((issue) => `${issue.path.length ? issue.path.join('.') : '(options)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid options for scenario "${scenario}": ${details}`);
  }
  return result.data as ScenarioOptions<N>;
}
