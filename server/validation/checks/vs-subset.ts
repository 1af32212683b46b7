import 'server-only';
import { visibility, visibleIn } from '@/lib/mesh-rules/export-to';
import { fqdn, hostsIntersect, isWildcard } from '@/lib/mesh-rules/hosts';
import { destinationsOf } from '../routes';
import { arr, at, rec, str, strs } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';

/**
 * istioctl's DestinationRuleAnalyzer: a route's subset is defined by a DestinationRule of the host.
 * Multi-primary: each cluster's istiod reads its own cluster's rules, so the rule must be in the
 * VirtualService's cluster.
 */
export const vsSubset: Check = {
  code: 'IST0101',
  name: 'ReferencedResourceNotFound',
  severity: 'error',
  description: 'A VirtualService routes to a subset that no DestinationRule of the host (in the same cluster) defines.',
  run(ctx) {
    return ctx.items('VirtualService').flatMap((vs) => {
      const ns = vs.namespace ?? 'default';
      const rules = ctx.items('DestinationRule', vs.cluster).filter((dr) =>
        visibleIn(visibility(strs(rec(dr.obj.spec).exportTo), dr.namespace ?? 'default'), ns) || dr.namespace === ns,
      );
      return destinationsOf(vs).flatMap((d) => {
        if (d.host === undefined || d.subset === undefined) return [];
        const host = fqdn(d.host, ns);
        const defined = rules.some((dr) => {
          const spec = rec(dr.obj.spec);
          const written = str(spec.host);
          if (written === undefined) return false;
          const drHost = fqdn(written, dr.namespace ?? 'default');
          const matches = drHost === host || (isWildcard(drHost) && hostsIntersect(drHost, host));
          return matches && arr(spec.subsets).some((s) => at(s, 'name') === d.subset);
        });
        if (defined) return [];
        return [finding(this, vs, `${d.path}.subset`, `Referenced host+subset in destinationrule not found: "${d.host}+${d.subset}"`)];
      });
    });
  },
};
