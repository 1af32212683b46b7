import 'server-only';
import { SERVICE_SIGMA, tailProbability, type LatencySpec } from './latency';
import type { Fault } from './routing';

// The outcome distribution of one hop, in closed form: which share of the caller's requests ends with
// which response code / flags / latency as seen by the caller's proxy (reporter=source), and what the
// destination's proxy sees (reporter=destination), including retried attempts.
//  - fault delay (share d, D ms) and abort (share a) are independent; aborted requests never leave
//    the caller's proxy (flags FI, plus DI when also delayed);
//  - a route timeout T turns the requests whose delay + transit + service time exceed T into 504 UT
//    (simplification: the fault delay of the same route counts against the timeout); the
//    destination sees those as reset by the client (code 0, flags DC);
//  - every attempt that reaches the destination fails with its error rate (80% 503, 20% 500); a
//    workload with an error rate also answers NOT_FOUND_RATE of the rest with 404 (healthy workloads
//    answer only 200, which keeps the series count low at scale); retries repeat retriable failures (503, or any 5xx with
//    retryOn 5xx), so the caller sees fewer errors and the destination more requests;
//  - gRPC: application errors keep HTTP 200 and carry grpc-status; proxy-made errors map the HTTP
//    code to a grpc-status as Envoy does.

export const NOT_FOUND_RATE = 0.005;

export interface Outcome {
  share: number;
  code: number;
  grpcStatus: string;
  flags: string;
  latency: LatencySpec;
  /** False when no upstream host was reached: the destination identity is unknown to the caller. */
  upstream: boolean;
}

export interface HopModel {
  protocol: 'http' | 'grpc';
  networkMs: number;
  jitterMs: number;
  medianMs: number;
  errorRate: number;
  fault?: Fault;
  timeoutMs?: number;
  retries?: { attempts: number; on503Only: boolean };
  /** The caller's proxy fails the request itself (no route, no healthy upstream, refused connection). */
  failure?: { code: number; flags: string; upstream: boolean; latencyMs: number };
}

export interface HopOutcomes {
  source: Outcome[];
  destination: Outcome[];
  /** Requests the destination sees per request of the caller. */
  destinationPerRequest: number;
}

const GRPC_CODES: Record<string, number> = {
  OK: 0, CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14, DATA_LOSS: 15, UNAUTHENTICATED: 16,
};

/** Envoy's mapping of an HTTP status to a grpc-status. */
function grpcFromHttp(code: number): string {
  const map: Record<number, number> = { 200: 0, 400: 13, 401: 16, 403: 7, 404: 12, 429: 14, 502: 14, 503: 14, 504: 14 };
  return String(map[code] ?? 2);
}

const APP_GRPC: Record<number, string> = { 200: '0', 404: '5', 500: '13', 503: '14' };

const joinFlags = (flags: string[]) => (flags.length ? flags.join(',') : '-');

export function buildOutcomes(h: HopModel): HopOutcomes {
  const source: Outcome[] = [];
  const destination: Outcome[] = [];
  const grpc = h.protocol === 'grpc';
  // proxy-made answer: HTTP code, grpc-status mapped from it
  const proxy = (code: number, grpcName?: string) => ({
    code,
    grpcStatus: grpc ? (grpcName !== undefined ? String(GRPC_CODES[grpcName] ?? grpcName) : grpcFromHttp(code)) : '',
  });
  // application answer: gRPC keeps HTTP 200 and puts the status in grpc-status
  const app = (code: number) => (grpc ? { code: 200, grpcStatus: APP_GRPC[code] ?? '2' } : { code, grpcStatus: '' });
  const fixed = (ms: number): LatencySpec => ({ kind: 'fixed', ms });

  if (h.failure) {
    source.push({ share: 1, ...proxy(h.failure.code), flags: h.failure.flags, latency: fixed(h.failure.latencyMs), upstream: h.failure.upstream });
    return { source, destination, destinationPerRequest: 0 };
  }

  const errorRate = Math.min(Math.max(h.errorRate, 0), 1);
  const notFound = errorRate > 0 ? NOT_FOUND_RATE : 0;
  const perAttempt = [
    { code: 503, p: 0.8 * errorRate },
    { code: 500, p: 0.2 * errorRate },
    { code: 404, p: (1 - errorRate) * notFound },
    { code: 200, p: (1 - errorRate) * (1 - notFound) },
  ];
  const retriable = (code: number) => (h.retries ? code === 503 || (!h.retries.on503Only && code === 500) : false);
  const n = h.retries?.attempts ?? 0;
  const r = perAttempt.filter((x) => retriable(x.code)).reduce((s, x) => s + x.p, 0);
  const attempts = r >= 1 ? n + 1 : (1 - r ** (n + 1)) / (1 - r); // expected attempts per request
  const abort = h.fault?.abort;
  const a = abort?.share ?? 0;
  const d = h.fault?.delay?.share ?? 0;

  for (const delayed of [false, true]) {
    const p = delayed ? d : 1 - d;
    if (p <= 0) continue;
    const offset = delayed ? (h.fault?.delay?.ms ?? 0) : 0;
    const di = delayed ? ['DI'] : [];
    if (abort && a > 0) {
      source.push({ share: p * a, ...proxy(abort.httpStatus, abort.grpcStatus), flags: joinFlags([...di, 'FI']), latency: fixed(offset + 0.2), upstream: false });
    }
    const reach = p * (1 - a);
    if (reach <= 0) continue;
    const transit = offset + h.networkMs;
    const timedOut = h.timeoutMs === undefined ? 0 : tailProbability(h.timeoutMs, transit, h.medianMs, SERVICE_SIGMA);
    if (timedOut > 0 && h.timeoutMs !== undefined) {
      source.push({ share: reach * timedOut, ...proxy(504), flags: joinFlags([...di, 'UT']), latency: fixed(h.timeoutMs), upstream: true });
      destination.push({ share: reach * timedOut, code: 0, grpcStatus: '', flags: 'DC', latency: fixed(Math.max(h.timeoutMs - transit, 0.1)), upstream: true });
    }
    const ok = reach * (1 - timedOut);
    if (ok <= 0) continue;
    const maxMs = h.timeoutMs;
    const srcLatency: LatencySpec = { kind: 'lognormal', offsetMs: transit, median: h.medianMs, sigma: SERVICE_SIGMA, jitterMs: h.jitterMs, ...(maxMs !== undefined ? { maxMs } : {}) };
    const dstMax = maxMs !== undefined ? Math.max(maxMs - transit, 0.1) : undefined;
    const dstLatency: LatencySpec = { kind: 'lognormal', offsetMs: 0, median: h.medianMs, sigma: SERVICE_SIGMA, jitterMs: 0, ...(dstMax !== undefined ? { maxMs: dstMax } : {}) };
    for (const x of perAttempt) {
      if (x.p <= 0) continue;
      const final = retriable(x.code) ? x.p * r ** n : x.p * attempts;
      source.push({ share: ok * final, ...app(x.code), flags: joinFlags(di), latency: srcLatency, upstream: true });
      destination.push({ share: ok * attempts * x.p, ...app(x.code), flags: '-', latency: dstLatency, upstream: true });
    }
  }
  const destinationPerRequest = destination.reduce((s, o) => s + o.share, 0);
  for (const o of destination) o.share /= destinationPerRequest || 1;
  return { source: source.filter((o) => o.share > 0), destination: destination.filter((o) => o.share > 0), destinationPerRequest };
}
