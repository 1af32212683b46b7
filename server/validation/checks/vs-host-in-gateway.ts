import 'server-only';
import { gatewayHost, hostsIntersect } from '@/lib/mesh-rules/hosts';
import { gatewayRef, gatewaysOf, hostsOf } from '../routes';
import { arr, at, rec, strs } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';
import { INTERNAL_GATEWAY } from './vs-gateway';

/** istioctl's GatewayAnalyzer: some host of the VirtualService is served by each Gateway it binds to. */
export const vsHostInGateway: Check = {
  code: 'IST0132',
  name: 'VirtualServiceHostNotFoundInGateway',
  severity: 'warning',
  description: 'None of a VirtualService\'s hosts is among the hosts of a Gateway it binds to (visible to its namespace).',
  run(ctx) {
    return ctx.items('VirtualService').flatMap((vs) => {
      const ns = vs.namespace ?? 'default';
      const hosts = hostsOf(vs);
      return gatewaysOf(vs).flatMap((g, i) => {
        if (g === 'mesh' || g.includes(INTERNAL_GATEWAY)) return [];
        const ref = gatewayRef(g, ns);
        const gwHosts = ctx
          .items('Gateway', vs.cluster)
          .filter((gw) => gw.namespace === ref.namespace && gw.name === ref.name)
          .flatMap((gw) => arr(rec(gw.obj.spec).servers).flatMap((s) => strs(at(s, 'hosts'))))
          .map((h) => gatewayHost(h, ref.namespace))
          .filter(([hostNs]) => hostNs === '*' || hostNs === ns);
        const served = gwHosts.some(([, gh]) => hosts.some((h) => hostsIntersect(gh, h)));
        return served
          ? []
          : [finding(this, vs, `spec.gateways[${i}]`, `one or more host [${hosts.join(' ')}] defined in VirtualService ${ns}/${vs.name} not found in Gateway ${ref.namespace}/${ref.name}.`)];
      });
    });
  },
};
