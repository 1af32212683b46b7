// Access to the running demo stack (started by scripts/test.mjs) for integration and e2e tests:
// its URLs, the real kubectl with the demo kubeconfig, PromQL queries, scenarios.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface StackState {
  consoleUrl: string;
  prometheusUrl: string;
  alertmanagerUrl: string;
  controlUrl: string;
  kubeconfig: string;
  clusters: { name: string; apiUrl: string; context: string }[];
  /** How often the demo's Prometheus scrapes (scripts/lib/scrape-limits.mjs). */
  scrape: { intervalS: number; timeoutS: number; raised: boolean; message: string };
}

/**
 * The production server's entry as `npm test` built it (what the stack's console and the container
 * image run), for tests that start a second console with their own settings. It needs PORT,
 * HOSTNAME, MERIDIAN_CONFIG, KUBECONFIG and MERIDIAN_SESSION_SECRET in its environment.
 */
export function consoleEntry(): string {
  return join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'standalone', 'start.mjs');
}

export function stack(): StackState {
  const file = process.env.MERIDIAN_TEST_STATE;
  if (!file) throw new Error('MERIDIAN_TEST_STATE is not set: run these tests through `npm test` (scripts/test.mjs starts the demo stack)');
  return JSON.parse(readFileSync(file, 'utf8')) as StackState;
}

/** Runs the real kubectl against the demo (a missing kubectl fails loudly, naming it). */
export async function kubectl(args: string[], opts: { input?: string; kubeconfig?: string } = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  const run = exec('kubectl', args, { env: { ...process.env, KUBECONFIG: opts.kubeconfig ?? stack().kubeconfig }, timeout: 60_000 });
  if (opts.input !== undefined) {
    run.child.stdin?.end(opts.input);
  }
  try {
    const { stdout, stderr } = await run;
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { code?: number | string; stdout?: string; stderr?: string };
    if (err.code === 'ENOENT') throw new Error('kubectl is not installed (/usr/bin/kubectl); run scripts/ensure-tools.sh');
    return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: typeof err.code === 'number' ? err.code : 1 };
  }
}

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

export async function promQuery(query: string): Promise<PromSample[]> {
  const res = await fetch(`${stack().prometheusUrl}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query }),
  });
  const body = (await res.json()) as { status: string; error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  if (body.status !== 'success') throw new Error(`Prometheus: ${body.error ?? res.status} for ${query}`);
  return (body.data?.result ?? []).map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

/** Polls `probe` until it returns a defined value or the time runs out; the last error explains a failure. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (last error: ${String(last)})` : ''}`);
}

export async function scenario(name: string, action: 'start' | 'stop', options: Record<string, unknown> = {}): Promise<void> {
  const res = await fetch(`${stack().controlUrl}/scenarios/${name}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });
  if (!res.ok) throw new Error(`scenario ${name} ${action}: ${res.status} ${await res.text()}`);
}
