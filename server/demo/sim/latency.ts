import 'server-only';
import { hash32, normal, type Random } from './random';

// Latency model. A hop's service time is lognormal around the workload's median (sigma 0.5: p95 is
// about 2.3x the median); network transit is ~0.5 ms inside a cluster and a stable 20-80 ms per
// cluster pair across clusters, with a little jitter. Timeouts truncate the distribution.

export const SERVICE_SIGMA = 0.5;
export const LOCAL_NETWORK_MS = 0.5;

export type LatencySpec =
  | { kind: 'fixed'; ms: number }
  /** offsetMs + lognormal(median, sigma), optionally conditioned on being <= maxMs; jitterMs ~ sd of the offset. */
  | { kind: 'lognormal'; offsetMs: number; median: number; sigma: number; maxMs?: number; jitterMs: number };

/** Network transit between two clusters: 0.5 ms locally, a stable value in [20, 80] ms across clusters. */
export function networkMs(sourceCluster: string, destinationCluster: string): number {
  if (sourceCluster === destinationCluster) return LOCAL_NETWORK_MS;
  const pair = [sourceCluster, destinationCluster].sort().join('|');
  return 20 + (hash32(pair) % 61);
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26, |error| < 1.5e-7). */
export function normCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Inverse standard normal CDF (Acklam's rational approximation). */
export function normInv(p: number): number {
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number) => k.reduce((acc, v) => acc * x + v, 0);
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    return poly(c, r) / (poly(d, r) * r + 1);
  }
  if (q > 1 - 0.02425) {
    const r = Math.sqrt(-2 * Math.log(1 - q));
    return -poly(c, r) / (poly(d, r) * r + 1);
  }
  const r = (q - 0.5) * (q - 0.5);
  return ((q - 0.5) * poly(a, r)) / (poly([...b, 1], r));
}

/** P(offset + lognormal(median, sigma) > limit). */
export function tailProbability(limitMs: number, offsetMs: number, median: number, sigma: number): number {
  const room = limitMs - offsetMs;
  if (room <= 0) return 1;
  return 1 - normCdf((Math.log(room) - Math.log(median)) / sigma);
}

/** CDF of one latency spec at t (ignoring jitter). */
export function latencyCdf(spec: LatencySpec, t: number): number {
  if (spec.kind === 'fixed') return t >= spec.ms ? 1 : 0;
  const room = t - spec.offsetMs;
  if (room <= 0) return 0;
  const z = (Math.log(room) - Math.log(spec.median)) / spec.sigma;
  if (spec.maxMs === undefined) return normCdf(z);
  if (t >= spec.maxMs) return 1;
  const top = normCdf((Math.log(Math.max(spec.maxMs - spec.offsetMs, 1e-9)) - Math.log(spec.median)) / spec.sigma);
  return top <= 0 ? 1 : Math.min(1, normCdf(z) / top);
}

/** Draws one latency (ms) from a spec. */
export function sampleLatency(spec: LatencySpec, random: Random): number {
  if (spec.kind === 'fixed') return spec.ms;
  const offset = Math.max(spec.offsetMs * 0.5, spec.offsetMs + spec.jitterMs * normal(random));
  let upper = 1;
  if (spec.maxMs !== undefined) {
    const room = spec.maxMs - offset;
    if (room <= 0) return spec.maxMs;
    upper = normCdf((Math.log(room) - Math.log(spec.median)) / spec.sigma);
  }
  const z = normInv(random() * upper);
  return offset + Math.exp(Math.log(spec.median) + spec.sigma * z);
}

/** The q-quantile of a weighted mixture of latency specs (bisection on the mixture CDF). */
export function mixtureQuantile(parts: readonly { weight: number; spec: LatencySpec }[], q: number): number {
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  if (total <= 0) return 0;
  const cdf = (t: number) => parts.reduce((sum, p) => sum + p.weight * latencyCdf(p.spec, t), 0) / total;
  let lo = 0;
  let hi = 1;
  while (cdf(hi) < q && hi < 1e8) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < q) lo = mid;
    else hi = mid;
  }
  return hi;
}
