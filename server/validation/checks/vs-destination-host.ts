import 'server-only';
import { resolvedDestinations } from '../routes';
import { finding, type Check } from '../types';

/** istioctl's DestinationHostAnalyzer: every route and mirror host exists (Service of any cluster, export, ServiceEntry), with the port named. */
export const vsDestinationHost: Check = {
  code: 'IST0101',
  name: 'ReferencedResourceNotFound',
  severity: 'error',
  description: 'A VirtualService routes or mirrors to a host (or host:port) no Service, ServiceExport or ServiceEntry provides.',
  run(ctx) {
    return ctx.items('VirtualService').flatMap((vs) =>
      resolvedDestinations(ctx, vs).flatMap(({ d, resolved }) => {
        const what = d.mirror ? 'mirror host' : 'host';
        if (!resolved) return [finding(this, vs, `${d.path}.host`, `Referenced ${what} not found: "${d.host}"`)];
        if (d.port !== undefined && resolved.ports.length > 0 && !resolved.ports.includes(d.port)) {
          return [finding(this, vs, `${d.path}.port.number`, `Referenced host:port not found: "${d.host}:${d.port}"`)];
        }
        return [];
      }),
    );
  },
};
