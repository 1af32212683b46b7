import 'server-only';
import { scopesOverlap, visibility } from '@/lib/mesh-rules/export-to';
import { fqdn } from '@/lib/mesh-rules/hosts';
import { rec, str, strs } from '@/lib/mesh-rules/spec';
import { finding, type Check, type Item } from '../types';

/** Several DestinationRules of one cluster for one host (without workloadSelector): Istio applies one of them. */
export const drMultipleForHost: Check = {
  code: 'MRD0004',
  name: 'MultipleDestinationRulesForHost',
  severity: 'warning',
  description: 'Several DestinationRules in one cluster apply to the same host; only one traffic policy takes effect.',
  run(ctx) {
    const groups = new Map<string, Item[]>();
    for (const dr of ctx.items('DestinationRule')) {
      const spec = rec(dr.obj.spec);
      const host = str(spec.host);
      if (host === undefined || spec.workloadSelector) continue;
      const key = `${dr.cluster}|${fqdn(host, dr.namespace ?? 'default')}`;
      groups.set(key, [...(groups.get(key) ?? []), dr]);
    }
    const vis = (dr: Item) => visibility(strs(rec(dr.obj.spec).exportTo), dr.namespace ?? 'default');
    return [...groups.entries()].flatMap(([key, list]) =>
      list.flatMap((dr) => {
        const others = list.filter((o) => o !== dr && scopesOverlap(vis(o), vis(dr)));
        if (others.length === 0) return [];
        const host = key.split('|')[1];
        return [finding(this, dr, 'spec.host', `Host "${host}" also has DestinationRule ${others.map((o) => `${o.namespace}/${o.name}`).join(', ')}: only one rule's traffic policy applies.`)];
      }),
    );
  },
};
