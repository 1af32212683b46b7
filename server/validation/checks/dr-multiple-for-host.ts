import 'server-only';
import { scopesOverlap, visibility } from '@/lib/mesh-rules/export-to';
import { fqdn } from '@/lib/mesh-rules/hosts';
import { finding, type Check, type Item, type Loose } from '../types';

/** Several DestinationRules of one cluster for one host (without workloadSelector): Istio applies one of them. */
export const drMultipleForHost: Check = {
  code: 'MRD0004',
  name: 'MultipleDestinationRulesForHost',
  severity: 'warning',
  description: 'Several DestinationRules in one cluster apply to the same host; only one traffic policy takes effect.',
  run(ctx) {
    const groups = new Map<string, Item[]>();
    for (const dr of ctx.items('DestinationRule')) {
      const spec = dr.obj.spec as Loose;
      if (typeof spec?.host !== 'string' || spec.workloadSelector) continue;
      const key = `${dr.cluster}|${fqdn(spec.host, dr.namespace ?? 'default')}`;
      groups.set(key, [...(groups.get(key) ?? []), dr]);
    }
    const vis = (dr: Item) => visibility((dr.obj.spec as Loose)?.exportTo, dr.namespace ?? 'default');
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
