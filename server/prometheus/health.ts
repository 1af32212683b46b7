import 'server-only';
import { describeCause } from '@/server/http/errors';
import type { PromTarget } from './client';

// Whether a Prometheus answers, for /api/clusters: GET /-/ready (200 ready, 503 still starting)
// and /api/v1/status/buildinfo (its version) in parallel, each with a short timeout. Never throws.
// A server that lacks /-/ready (some proxies, Mimir's API prefix) but answers buildinfo is ready.

export interface PrometheusState {
  url: string;
  state: 'ready' | 'unready' | 'unreachable';
  version?: string;
  error?: string;
  latencyMs: number;
}

const PROBE_TIMEOUT_MS = 2000;

export async function prometheusState(target: Pick<PromTarget, 'url'>, timeoutMs = PROBE_TIMEOUT_MS): Promise<PrometheusState> {
  const base = target.url.replace(/\/$/, '');
  const started = performance.now();
  const get = (path: string) => fetch(base + path, { signal: AbortSignal.timeout(timeoutMs), headers: { Accept: 'application/json, text/plain' } });
  const [ready, build] = await Promise.allSettled([
    get('/-/ready').then(async (r) => ({ status: r.status, text: (await r.text()).trim() })),
    get('/api/v1/status/buildinfo').then(async (r) => (r.ok ? ((await r.json()) as { data?: { version?: unknown } }) : undefined)),
  ]);
  const latencyMs = Math.round(performance.now() - started);
  const version = build.status === 'fulfilled' && typeof build.value?.data?.version === 'string' ? build.value.data.version : undefined;
  const v = version ? { version } : {};
  if (ready.status === 'fulfilled' && ready.value.status === 200) return { url: target.url, state: 'ready', ...v, latencyMs };
  if (version) return { url: target.url, state: 'ready', ...v, latencyMs };
  if (ready.status === 'fulfilled') {
    const said = ready.value.text.slice(0, 200) || `HTTP ${ready.value.status}`;
    return { url: target.url, state: 'unready', error: `Prometheus ${target.url} is not ready: ${said}`, latencyMs };
  }
  const err = ready.reason as { name?: string };
  const why = err?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeCause(ready.reason);
  return { url: target.url, state: 'unreachable', error: `Prometheus ${target.url} is unreachable: ${why}`, latencyMs };
}
