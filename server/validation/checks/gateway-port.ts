import 'server-only';
import { gatewaySelector, gatewayWorkloads } from '../gateways';
import { arr, at, num, rec } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';
import { selectorString } from '../workloads';

/** istioctl's IngressGatewayPortAnalyzer: each server port is exposed by a Service of the gateway pods. */
export const gatewayPort: Check = {
  code: 'IST0162',
  name: 'GatewayPortNotDefinedOnService',
  severity: 'warning',
  description: 'A Gateway server listens on a port that no Service of its gateway pods exposes.',
  run(ctx) {
    return ctx.items('Gateway').flatMap((gw) => {
      const w = gatewayWorkloads(ctx, gw);
      if (w.pods.length === 0 && !w.assumed) return [];
      return arr(rec(gw.obj.spec).servers).flatMap((s, i) => {
        const port = num(at(s, 'port', 'number'));
        if (port === undefined || w.ports.has(port)) return [];
        return [finding(this, gw, `spec.servers[${i}].port.number`, `The gateway refers to a port that is not exposed on the workload (pod selector ${selectorString(gatewaySelector(gw))}; port ${port})`)];
      });
    });
  },
};
