import 'server-only';
import { scopesOverlap, visibility } from '@/lib/mesh-rules/export-to';
import { fqdn } from '@/lib/mesh-rules/hosts';
import { gatewaysOf, hostsOf } from '../routes';
import { rec, strs } from '@/lib/mesh-rules/spec';
import { finding, type Check, type Item } from '../types';

/**
 * Several VirtualServices of one cluster bound to `gateway` (the mesh: sidecars, or one Gateway) for the
 * same host, visible in a common namespace: Istio uses one of them and ignores the others' rules.
 */
export function hostConflicts(ctx: { clusters: string[]; items(kind: string, cluster?: string): Item[] }, bound: (vs: Item) => string[]) {
  const groups = new Map<string, { vs: Item; host: string; scopes: Set<string> }[]>();
  for (const vs of ctx.items('VirtualService')) {
    const ns = vs.namespace ?? 'default';
    const scopes = visibility(strs(rec(vs.obj.spec).exportTo), ns);
    for (const gateway of bound(vs)) {
      for (const h of new Set(hostsOf(vs).map((x) => fqdn(x, ns)))) {
        const key = `${vs.cluster}|${gateway}|${h}`;
        const list = groups.get(key) ?? [];
        list.push({ vs, host: h, scopes });
        groups.set(key, list);
      }
    }
  }
  const out: { vs: Item; host: string; others: Item[]; gateway: string }[] = [];
  for (const [key, list] of groups) {
    const gateway = key.split('|')[1] ?? '';
    for (const entry of list) {
      const others = list.filter((o) => o !== entry && scopesOverlap(o.scopes, entry.scopes)).map((o) => o.vs);
      if (others.length > 0) out.push({ vs: entry.vs, host: entry.host, others, gateway });
    }
  }
  return out;
}

const names = (items: Item[]) => items.map((i) => `${i.namespace}/${i.name}`).sort().join(',');

export const vsMeshHostConflict: Check = {
  code: 'IST0109',
  name: 'ConflictingMeshGatewayVirtualServiceHosts',
  severity: 'error',
  description: 'Several VirtualServices bound to the mesh gateway define the same host (in one cluster, visible in a common namespace).',
  run(ctx) {
    const meshOnly = (vs: Item) => gatewaysOf(vs).filter((g) => g === 'mesh');
    return hostConflicts(ctx, meshOnly).map(({ vs, host, others }) =>
      finding(this, vs, 'spec.hosts', `The VirtualServices ${names([vs, ...others])} associated with mesh gateway define the same host "${host}" which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.`),
    );
  },
};
