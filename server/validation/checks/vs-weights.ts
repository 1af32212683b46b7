import 'server-only';
import { finding, type Check, type Loose } from '../types';

/** Destinations of one route whose weights do not sum to 100 (Istio rejects or renormalises them). */
export const vsWeights: Check = {
  code: 'MRD0005',
  name: 'RouteWeightsNotSumTo100',
  severity: 'error',
  description: 'The weights of a route\'s destinations do not add up to 100.',
  run(ctx) {
    return ctx.items('VirtualService').flatMap((vs) => {
      const spec = vs.obj.spec as Loose;
      return (['http', 'tcp', 'tls'] as const).flatMap((proto) =>
        (Array.isArray(spec?.[proto]) ? spec[proto] : []).flatMap((rule: Loose, i: number) => {
          const route: Loose[] = Array.isArray(rule?.route) ? rule.route : [];
          if (route.length < 2) return [];
          const sum = route.reduce((t, d) => t + (typeof d?.weight === 'number' ? d.weight : 0), 0);
          if (sum === 100) return [];
          const weights = route.map((d) => (typeof d?.weight === 'number' ? d.weight : 0)).join('+');
          return [finding(this, vs, `spec.${proto}[${i}].route`, `The weights of the ${route.length} destinations sum to ${sum} (${weights}), not 100.`)];
        }),
      );
    });
  },
};
