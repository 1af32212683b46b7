import 'server-only';
import { backendPods } from '../mtls';
import { finding, type Check, type Loose } from '../types';
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
      const spec = dr.obj.spec as Loose;
      if (typeof spec?.host !== 'string' || !Array.isArray(spec.subsets)) return [];
      const services = ctx.resolveHost(spec.host, dr.namespace ?? 'default')?.services ?? [];
      if (services.length === 0) return [];
      return spec.subsets.flatMap((s: Loose, i: number) => {
        const labels = Object.fromEntries(Object.entries((s?.labels ?? {}) as Record<string, string>).filter(([k]) => !isTopologyLabel(k)));
        if (Object.keys(labels).length === 0) return [];
        if (backendPods(ctx, services, labels).length > 0) return [];
        const where = [...new Set(services.map((x) => x.cluster).filter(Boolean))].join(', ');
        return [
          finding(this, dr, `spec.subsets[${i}]`, `The destination rule subset "${s?.name}" (${selectorString(labels)}) selects no pods of host "${spec.host}"${where ? ` in any cluster with the service (${where})` : ''}.`),
        ];
      });
    });
  },
};
