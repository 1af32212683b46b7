import 'server-only';
import { gatewayRef, gatewaysOf } from '../routes';
import { finding, type Check, type Item } from '../types';
import { hostConflicts } from './vs-mesh-host-conflict';

/** The Gateway counterpart of IST0109: one host bound to one Gateway by several VirtualServices. */
export const vsGatewayHostConflict: Check = {
  code: 'MRD0006',
  name: 'MultipleVirtualServicesForGatewayHost',
  severity: 'warning',
  description: 'Several VirtualServices bind the same host to the same Gateway; Istio merges their rules in creation order, so the order decides which rule wins.',
  run(ctx) {
    const gatewaysOnly = (vs: Item) =>
      gatewaysOf(vs)
        .filter((g) => g !== 'mesh')
        .map((g) => {
          const r = gatewayRef(g, vs.namespace ?? 'default');
          return `${r.namespace}/${r.name}`;
        });
    return hostConflicts(ctx, gatewaysOnly).map(({ vs, host, others, gateway }) =>
      finding(this, vs, 'spec.hosts', `Host "${host}" on Gateway ${gateway} is also defined by VirtualService ${others.map((o) => `${o.namespace}/${o.name}`).join(', ')}: their rules are merged in creation order.`),
    );
  },
};
