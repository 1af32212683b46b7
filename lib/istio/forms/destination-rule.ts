// DestinationRule <-> SubsetsForm and TrafficPolicyForm (load balancer, connection pool, outlier
// detection, TLS mode). Only the fields a form owns are written back; the rest survives.
import { z } from 'zod';
import { arrAt, child, clone, isObj, num, type Obj, objAt, pruneEmpty, setOrDelete, str } from './object';

export const subsetFormSchema = z.object({
  name: z.string(),
  /** "version=v1, track=stable" */
  labels: z.string(),
});
export const subsetsFormSchema = z.object({ subsets: z.array(subsetFormSchema) });
export type SubsetsForm = z.infer<typeof subsetsFormSchema>;

export const LB_CHOICES = ['', 'ROUND_ROBIN', 'LEAST_REQUEST', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH'] as const;
export const TLS_CHOICES = ['', 'DISABLE', 'ISTIO_MUTUAL', 'SIMPLE', 'MUTUAL'] as const;

export const trafficPolicyFormSchema = z.object({
  loadBalancer: z.enum(LB_CHOICES),
  maxConnections: z.number().optional(),
  http1MaxPendingRequests: z.number().optional(),
  maxRequestsPerConnection: z.number().optional(),
  consecutive5xxErrors: z.number().optional(),
  interval: z.string(),
  baseEjectionTime: z.string(),
  maxEjectionPercent: z.number().optional(),
  tlsMode: z.enum(TLS_CHOICES),
});
export type TrafficPolicyForm = z.infer<typeof trafficPolicyFormSchema>;

export function labelsToText(labels: unknown): string {
  return isObj(labels) ? Object.entries(labels).map(([k, v]) => `${k}=${str(v)}`).join(', ') : '';
}

export function textToLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [k, ...rest] = part.split('=');
    const key = k?.trim();
    if (key) out[key] = rest.join('=').trim();
  }
  return out;
}

export function readSubsets(dr: unknown): SubsetsForm {
  return {
    subsets: arrAt(dr, 'spec', 'subsets').map((s) => ({ name: str(objAt(s)?.name), labels: labelsToText(objAt(s)?.labels) })),
  };
}

export function writeSubsets(dr: Obj, form: SubsetsForm): Obj {
  const next = clone(dr);
  const spec = child(next, 'spec');
  const old = arrAt(spec, 'subsets');
  const subsets = form.subsets.map((s, i) => {
    const base: Obj = isObj(old[i]) ? clone(old[i] as Obj) : {};
    base.name = s.name.trim();
    const labels = textToLabels(s.labels);
    if (Object.keys(labels).length) base.labels = labels;
    else delete base.labels;
    return base;
  });
  if (subsets.length) spec.subsets = subsets;
  else delete spec.subsets;
  return next;
}

/** Subsets named after the pods' version labels: v1 -> {name: v1, labels: {version: v1}}. */
export function subsetsForVersions(versions: readonly string[]): SubsetsForm {
  return { subsets: versions.map((v) => ({ name: v, labels: `version=${v}` })) };
}

function oneOf<T extends readonly string[]>(choices: T, v: unknown): T[number] {
  return (choices as readonly string[]).includes(str(v)) ? (str(v) as T[number]) : '';
}

export function readTrafficPolicy(dr: unknown): TrafficPolicyForm {
  const tp = objAt(dr, 'spec', 'trafficPolicy');
  const tcp = objAt(tp, 'connectionPool', 'tcp');
  const http = objAt(tp, 'connectionPool', 'http');
  const od = objAt(tp, 'outlierDetection');
  return {
    loadBalancer: oneOf(LB_CHOICES, objAt(tp, 'loadBalancer')?.simple),
    maxConnections: num(tcp?.maxConnections),
    http1MaxPendingRequests: num(http?.http1MaxPendingRequests),
    maxRequestsPerConnection: num(http?.maxRequestsPerConnection),
    consecutive5xxErrors: num(od?.consecutive5xxErrors),
    interval: str(od?.interval),
    baseEjectionTime: str(od?.baseEjectionTime),
    maxEjectionPercent: num(od?.maxEjectionPercent),
    tlsMode: oneOf(TLS_CHOICES, objAt(tp, 'tls')?.mode),
  };
}

export function writeTrafficPolicy(dr: Obj, form: TrafficPolicyForm): Obj {
  const next = clone(dr);
  const spec = child(next, 'spec');
  const tp = child(spec, 'trafficPolicy');
  const lb = child(tp, 'loadBalancer');
  setOrDelete(lb, 'simple', form.loadBalancer);
  pruneEmpty(tp, 'loadBalancer');
  const pool = child(tp, 'connectionPool');
  const tcp = child(pool, 'tcp');
  setOrDelete(tcp, 'maxConnections', form.maxConnections);
  pruneEmpty(pool, 'tcp');
  const http = child(pool, 'http');
  setOrDelete(http, 'http1MaxPendingRequests', form.http1MaxPendingRequests);
  setOrDelete(http, 'maxRequestsPerConnection', form.maxRequestsPerConnection);
  pruneEmpty(pool, 'http');
  pruneEmpty(tp, 'connectionPool');
  const od = child(tp, 'outlierDetection');
  setOrDelete(od, 'consecutive5xxErrors', form.consecutive5xxErrors);
  setOrDelete(od, 'interval', form.interval.trim());
  setOrDelete(od, 'baseEjectionTime', form.baseEjectionTime.trim());
  setOrDelete(od, 'maxEjectionPercent', form.maxEjectionPercent);
  pruneEmpty(tp, 'outlierDetection');
  const tls = child(tp, 'tls');
  setOrDelete(tls, 'mode', form.tlsMode);
  pruneEmpty(tp, 'tls');
  pruneEmpty(spec, 'trafficPolicy');
  return next;
}
