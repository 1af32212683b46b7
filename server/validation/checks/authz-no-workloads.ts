import 'server-only';
import { at, rec, strMap } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';
import { selects, selectorString } from '../workloads';

/** istioctl's AuthorizationPoliciesAnalyzer: a policy applies to at least one mesh pod of its cluster. */
export const authzNoWorkloads: Check = {
  code: 'IST0127',
  name: 'NoMatchingWorkloadsFound',
  severity: 'warning',
  description: 'An AuthorizationPolicy\'s selector (or its namespace) matches no pod in the mesh.',
  run(ctx) {
    return ctx.items('AuthorizationPolicy').flatMap((ap) => {
      const spec = rec(ap.obj.spec);
      if (spec.targetRef || spec.targetRefs) return [];
      const selector = strMap(at(spec, 'selector', 'matchLabels'));
      const meshWide = ap.namespace === ctx.rootNamespace;
      if (meshWide && !spec.selector) return [];
      const pods = (meshWide ? ctx.items('Pod', ap.cluster) : ctx.pods(ap.namespace ?? 'default', ap.cluster)).filter((p) => ctx.inMesh(p));
      if (pods.some((p) => selects(selector, p.obj.metadata.labels))) return [];
      const sel = selectorString(selector);
      return [finding(this, ap, spec.selector ? 'spec.selector' : undefined, `No matching workloads for this resource with the following labels: ${sel}`)];
    });
  },
};
