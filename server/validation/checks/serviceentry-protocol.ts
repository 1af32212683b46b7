import 'server-only';
import { scopesOverlap, visibility } from '@/lib/mesh-rules/export-to';
import { arr, rec, strs } from '@/lib/mesh-rules/spec';
import { finding, type Check, type Item } from '../types';

interface Entry {
  se: Item;
  protocol: string;
  scopes: Set<string>;
}

/** ServiceEntries of one cluster giving one host and port different protocols where both are visible. */
export const serviceEntryProtocol: Check = {
  code: 'IST0177',
  name: 'ConflictingServiceEntryProtocol',
  severity: 'warning',
  description: 'ServiceEntries visible in a common namespace declare the same host and port with different protocols.',
  run(ctx) {
    const byHostPort = new Map<string, Entry[]>();
    for (const se of ctx.items('ServiceEntry')) {
      const spec = rec(se.obj.spec);
      const scopes = visibility(strs(spec.exportTo), se.namespace ?? 'default');
      for (const h of strs(spec.hosts)) {
        for (const p of arr(spec.ports).map(rec)) {
          if (typeof p.number !== 'number') continue;
          const key = `${se.cluster}|${h}|${p.number}`;
          byHostPort.set(key, [...(byHostPort.get(key) ?? []), { se, protocol: String(p.protocol ?? '').toUpperCase(), scopes }]);
        }
      }
    }
    const out = new Map<Item, string>();
    for (const [key, list] of byHostPort) {
      for (const e of list) {
        const others = list.filter((o) => o.se !== e.se && o.protocol !== e.protocol && scopesOverlap(o.scopes, e.scopes));
        if (others.length === 0 || out.has(e.se)) continue;
        const [, host, port] = key.split('|');
        out.set(e.se, `Host "${host}" port ${port} is ${e.protocol || 'unset'} here but ${others.map((o) => `${o.protocol || 'unset'} in ServiceEntry ${o.se.namespace}/${o.se.name}`).join(', ')}: the protocol Istio uses is undefined.`);
      }
    }
    return [...out.entries()].map(([se, message]) => finding(this, se, 'spec.ports', message));
  },
};
