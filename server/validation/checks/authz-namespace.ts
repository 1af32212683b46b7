import 'server-only';
import { namespaceMatches, namespacesOf } from '../authz';
import { finding, type Check } from '../types';

/** istioctl's AuthorizationPoliciesAnalyzer: each source namespace (pattern) matches a namespace of the mesh. */
export const authzNamespace: Check = {
  code: 'IST0101',
  name: 'ReferencedResourceNotFound',
  severity: 'error',
  description: 'An AuthorizationPolicy source names a namespace (or pattern) that matches no namespace in any cluster.',
  run(ctx) {
    const names = [...new Set(ctx.items('Namespace').map((n) => n.name))];
    return ctx.items('AuthorizationPolicy').flatMap((ap) =>
      namespacesOf(ap)
        .filter((ref) => !names.some((n) => namespaceMatches(n, ref.value)))
        .map((ref) => finding(this, ap, ref.path, `Referenced namespace not found: "${ref.value}"`)),
    );
  },
};
