import 'server-only';
import { gatewaySelector, gatewayWorkloads } from '../gateways';
import { finding, type Check } from '../types';
import { selectorString } from '../workloads';

/** istioctl's IngressGatewayPortAnalyzer: a Gateway whose selector matches no pod of its cluster serves nothing. */
export const gatewayWorkload: Check = {
  code: 'IST0101',
  name: 'ReferencedResourceNotFound',
  severity: 'error',
  description: 'A Gateway\'s selector matches no gateway pod in its cluster.',
  run(ctx) {
    return ctx.items('Gateway').flatMap((gw) => {
      const w = gatewayWorkloads(ctx, gw);
      if (w.pods.length > 0 || w.assumed) return [];
      return [finding(this, gw, 'spec.selector', `Referenced selector not found: "${selectorString(gatewaySelector(gw))}"`)];
    });
  },
};
