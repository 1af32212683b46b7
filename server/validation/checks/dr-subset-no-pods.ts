import 'server-only';
import { backendPods } from '../mtls';
import { arr, rec, str, strMap } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';
import { isTopologyLabel, selectorString } from '../workloads';

/**
 * A subset whose labels select no pod of the host's Service. Multi-primary: a cluster.local host
 * spans every cluster holding the Service, so pods of any of them count.
 */
export const drSubsetNoPods: Check = {
  code: 'IST0173',
  name: 'DestinationRuleSubsetNotSelectPods',
  severity: 'warning',
  description: 'A DestinationRule subset selects no pod of its host in any cluster that has the Service.',
  run(ctx) {
    return ctx.items('DestinationRule').flatMap((dr) => {
      const spec = rec(dr.obj.spec);
      const host = str(spec.host);
      if (host === undefined) return [];
      const services = ctx.resolveHost(host, dr.namespace ?? 'default')?.services ?? [];
      if (services.length === 0) return [];
      return arr(spec.subsets).flatMap((raw, i) => {
        const s = rec(raw);
        const labels = Object.fromEntries(Object.entries(strMap(s.labels) ?? {}).filter(([k]) => !isTopologyLabel(k)));
        if (Object.keys(labels).length === 0) return [];
        if (backendPods(ctx, services, labels).length > 0) return [];
        const where = [...new Set(services.map((x) => x.cluster).filter(Boolean))].join(', ');
        return [
          finding(this, dr, `spec.subsets[${i}]`, `The destination rule subset "${String(s.name)}" (${selectorString(labels)}) selects no pods of host "${host}"${where ? ` in any cluster with the service (${where})` : ''}.`),
        ];
      });
    });
  },
};
