import 'server-only';
import { ROUTE_PROTOCOLS, type RouteProtocol } from '@/lib/mesh-rules/routes';
import { arr, at, isRec, rec, str } from '@/lib/mesh-rules/spec';
import type { Item } from './types';

// Which VirtualService rules and matches can never be used: Envoy takes the first rule that
// matches, so a rule after a catch-all, or a match equal to an earlier one, is dead.

export interface DeadRule {
  proto: RouteProtocol;
  rule: number;
  /** The index of the dead match; undefined when the whole rule is dead. */
  match?: number;
  reason: string;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([k, x]) => k !== 'name' && x !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function isCatchAll(m: unknown): boolean {
  if (!isRec(m)) return true;
  const keys = Object.keys(m).filter((k) => k !== 'name' && m[k] !== undefined);
  if (keys.length === 0) return true;
  if (keys.length !== 1 || keys[0] !== 'uri') return false;
  const uri = rec(m.uri);
  return uri.prefix === '/' || uri.regex === '.*' || uri.regex === '*';
}

const label = (rule: unknown, i: number) => {
  const name = str(at(rule, 'name'));
  return name ? `#${i} (${name})` : `#${i}`;
};

export function deadRules(vs: Item): DeadRule[] {
  const spec = rec(vs.obj.spec);
  const out: DeadRule[] = [];
  for (const proto of ROUTE_PROTOCOLS) {
    const rules = arr(spec[proto]);
    let catchAll: number | undefined;
    const seen = new Map<string, number>();
    rules.forEach((rule, i) => {
      if (catchAll !== undefined) {
        out.push({ proto, rule: i, reason: `rule ${label(rule, i)} comes after rule ${label(rules[catchAll], catchAll)}, which matches every request: only the last rule can have no matches` });
        return;
      }
      const matches = arr(at(rule, 'match'));
      if (matches.length === 0 || matches.some(isCatchAll)) {
        catchAll = i;
        return;
      }
      const dups = matches.map((m) => seen.get(canonical(m)));
      if (dups.every((d) => d !== undefined)) {
        out.push({ proto, rule: i, reason: `rule ${label(rule, i)}: duplicate/overlapping match in rule #${dups[0]}` });
      } else {
        dups.forEach((d, k) => {
          if (d !== undefined) out.push({ proto, rule: i, match: k, reason: `rule ${label(rule, i)} match #${k}: duplicate/overlapping match in rule #${d}` });
        });
      }
      matches.forEach((m) => {
        const key = canonical(m);
        if (!seen.has(key)) seen.set(key, i);
      });
    });
  }
  return out;
}
