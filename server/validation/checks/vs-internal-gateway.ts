import 'server-only';
import { gatewaysOf } from '../routes';
import { finding, type Check } from '../types';
import { INTERNAL_GATEWAY } from './vs-gateway';

/** A VirtualService bound to a Gateway Istio generates from a Kubernetes Gateway API object. */
export const vsInternalGateway: Check = {
  code: 'IST0165',
  name: 'ReferencedInternalGateway',
  severity: 'warning',
  description: 'A VirtualService references a gateway Istio generates internally from a Kubernetes Gateway; use the Gateway API resources instead.',
  run(ctx) {
    return ctx.items('VirtualService').flatMap((vs) =>
      gatewaysOf(vs).flatMap((g, i) =>
        g.includes(INTERNAL_GATEWAY)
          ? [finding(this, vs, `spec.gateways[${i}]`, `Referenced gateway "${g}" is an internal generated gateway; refer to the Kubernetes Gateway instead.`)]
          : [],
      ),
    );
  },
};
