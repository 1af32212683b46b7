import 'server-only';
import { destinationsOf } from '../routes';
import { finding, type Check, type Loose } from '../types';

/** A destination without a port whose Service exposes several ports: Istio cannot tell which one. */
export const vsPortSelectorRequired: Check = {
  code: 'IST0112',
  name: 'VirtualServiceDestinationPortSelectorRequired',
  severity: 'error',
  description: 'A VirtualService destination names no port although its host exposes several.',
  run(ctx) {
    return ctx.items('VirtualService').flatMap((vs) => {
      const exportTo = (vs.obj.spec as Loose)?.exportTo as string[] | undefined;
      return destinationsOf(vs).flatMap((d) => {
        if (d.host === undefined || d.port !== undefined || d.path.startsWith('spec.tcp') || d.path.startsWith('spec.tls')) return [];
        const ports = ctx.resolveHost(d.host, vs.namespace ?? 'default', exportTo)?.ports ?? [];
        if (ports.length < 2) return [];
        return [
          finding(this, vs, d.path, `This VirtualService routes to a service "${d.host}" that exposes multiple ports [${ports.join(' ')}]. Specifying a port in the destination is required to disambiguate.`),
        ];
      });
    });
  },
};
