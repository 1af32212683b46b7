import 'server-only';
import { arr, at, rec } from '@/lib/mesh-rules/spec';
import type { Item } from './types';

// AuthorizationPolicy sources: the namespaces and principals its rules name, with field paths.

export interface SourceRef {
  path: string;
  value: string;
}

function sourceValues(ap: Item, fields: readonly string[]): SourceRef[] {
  const out: SourceRef[] = [];
  arr(rec(ap.obj.spec).rules).forEach((rule, i) =>
    arr(at(rule, 'from')).forEach((from, j) => {
      for (const field of fields) {
        arr(at(from, 'source', field)).forEach((v, k) => {
          if (typeof v === 'string') out.push({ path: `spec.rules[${i}].from[${j}].source.${field}[${k}]`, value: v });
        });
      }
    }),
  );
  return out;
}

export const namespacesOf = (ap: Item) => sourceValues(ap, ['namespaces', 'notNamespaces']);
export const principalsOf = (ap: Item) => sourceValues(ap, ['principals', 'notPrincipals']);

/** Istio's namespace match: `*`, `prefix*`, `*suffix` or exact. */
export function namespaceMatches(ns: string, exp: string): boolean {
  if (exp === '*') return true;
  if (exp.startsWith('*')) return ns.endsWith(exp.slice(1));
  if (exp.endsWith('*')) return ns.startsWith(exp.slice(0, -1));
  return ns === exp;
}

/** `<trust domain>/ns/<ns>/sa/<sa>` without wildcards. */
export function parsePrincipal(p: string): { namespace: string; serviceAccount: string } | undefined {
  if (p.includes('*')) return undefined;
  const m = /^[^/]+\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(p);
  return m?.[1] && m[2] ? { namespace: m[1], serviceAccount: m[2] } : undefined;
}
