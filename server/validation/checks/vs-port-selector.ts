import 'server-only';
import { resolvedDestinations } from '../routes';
import { finding, type Check } from '../types';

/** A destination without a port whose Service exposes several ports: Istio cannot tell which one. */
export const vsPortSelectorRequired: Check = {
  code: 'IST0112',
  name: 'VirtualServiceDestinationPortSelectorRequired',
  severity: 'error',
  description: 'A VirtualService destination names no port although its host exposes several.',
  run(ctx) {
    return ctx.items('VirtualService').flatMap((vs) =>
      resolvedDestinations(ctx, vs).flatMap(({ d, resolved }) => {
        if (d.port !== undefined || !d.path.startsWith('spec.http')) return [];
        const ports = resolved?.ports ?? [];
        if (ports.length < 2) return [];
        return [
          finding(this, vs, d.path, `This VirtualService routes to a service "${d.host}" that exposes multiple ports [${ports.join(' ')}]. Specifying a port in the destination is required to disambiguate.`),
        ];
      }),
    );
  },
};
