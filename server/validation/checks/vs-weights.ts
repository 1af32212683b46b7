import 'server-only';
import { ROUTE_PROTOCOLS } from '@/lib/mesh-rules/routes';
import { arr, at, num, rec } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';

/** Destinations of one route whose weights do not sum to 100 (Istio rejects or renormalises them). */
export const vsWeights: Check = {
  code: 'MRD0005',
  name: 'RouteWeightsNotSumTo100',
  severity: 'error',
  description: 'The weights of a route\'s destinations do not add up to 100.',
  run(ctx) {
    return ctx.items('VirtualService').flatMap((vs) => {
      const spec = rec(vs.obj.spec);
      return ROUTE_PROTOCOLS.flatMap((proto) =>
        arr(spec[proto]).flatMap((rule, i) => {
          const route = arr(at(rule, 'route'));
          if (route.length < 2) return [];
          const weights = route.map((d) => num(at(d, 'weight')) ?? 0);
          const sum = weights.reduce((t, w) => t + w, 0);
          if (sum === 100) return [];
          return [finding(this, vs, `spec.${proto}[${i}].route`, `The weights of the ${route.length} destinations sum to ${sum} (${weights.join('+')}), not 100.`)];
        }),
      );
    });
  },
};
