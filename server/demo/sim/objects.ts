import 'server-only';
import { arr as asArray, at as field, num as asNumber, str as asString, strMap, type StringMap } from '@/lib/mesh-rules/spec';
import type { ClusterStoreView, KubeObject } from '../types';

// Small readers over untyped stored objects: field access (lib/mesh-rules/spec.ts's typed readers),
// label selectors, Istio durations and percentages. The simulation never trusts a field's shape: a
// wrong type reads as "absent".

export { asArray, asNumber, asString, field };

export type Labels = StringMap;

export function asLabels(v: unknown): Labels {
  return strMap(v) ?? {};
}

/** matchLabels is a subset of labels. */
export function labelsMatch(selector: Labels, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** A Kubernetes LabelSelector ({matchLabels, matchExpressions}) against labels. */
export function selectorMatches(selector: unknown, labels: Labels): boolean {
  if (!labelsMatch(asLabels(field(selector, 'matchLabels')), labels)) return false;
  for (const expr of asArray(field(selector, 'matchExpressions'))) {
    const key = asString(field(expr, 'key')) ?? '';
    const values = asArray(field(expr, 'values')).filter((x): x is string => typeof x === 'string');
    const op = field(expr, 'operator');
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const value = labels[key];
    if (op === 'In' && !(value !== undefined && values.includes(value))) return false;
    if (op === 'NotIn' && value !== undefined && values.includes(value)) return false;
    if (op === 'Exists' && !has) return false;
    if (op === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Istio/protobuf duration ("1.5s", "100ms", "2m") in milliseconds. */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return n * unit;
}

/** Istio fault percentage: {percentage: {value}} or the legacy integer `percent`; absent means 100%. Returns 0..1. */
export function faultShare(fault: unknown): number {
  const value = asNumber(field(fault, 'percentage', 'value')) ?? asNumber(field(fault, 'percent')) ?? 100;
  return Math.min(Math.max(value, 0), 100) / 100;
}

const ISTIO_VERSIONS = ['networking.istio.io/v1', 'networking.istio.io/v1beta1', 'networking.istio.io/v1alpha3'];
const SECURITY_VERSIONS = ['security.istio.io/v1', 'security.istio.io/v1beta1'];

/** Lists a kind under every served version of its group (deduplicated by namespace/name, newest version first). */
export function listAnyVersion(view: ClusterStoreView, group: 'networking' | 'security', kind: string): KubeObject[] {
  const seen = new Set<string>();
  const out: KubeObject[] = [];
  for (const apiVersion of group === 'networking' ? ISTIO_VERSIONS : SECURITY_VERSIONS) {
    for (const obj of view.list(apiVersion, kind)) {
      const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(obj);
      }
    }
  }
  return out;
}

/** Oldest first, then by namespace/name: Istio's order when several objects claim the same host. */
export function byAge(a: KubeObject, b: KubeObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
