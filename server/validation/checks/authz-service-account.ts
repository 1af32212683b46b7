import 'server-only';
import { parsePrincipal, principalsOf } from '../authz';
import { at, str } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';

/** A principal naming a service account no workload runs as, in a namespace that exists. */
export const authzServiceAccount: Check = {
  code: 'MRD0007',
  name: 'AuthorizationPolicyUnknownServiceAccount',
  severity: 'warning',
  description: 'An AuthorizationPolicy principal names a service account that no ServiceAccount or workload of any cluster has.',
  run(ctx) {
    const known = new Set<string>();
    for (const sa of ctx.items('ServiceAccount')) known.add(`${sa.namespace}/${sa.name}`);
    for (const p of ctx.items('Pod')) known.add(`${p.namespace}/${str(at(p.obj.spec, 'serviceAccountName')) ?? 'default'}`);
    for (const d of ctx.items('Deployment')) known.add(`${d.namespace}/${str(at(d.obj.spec, 'template', 'spec', 'serviceAccountName')) ?? 'default'}`);
    return ctx.items('AuthorizationPolicy').flatMap((ap) =>
      principalsOf(ap).flatMap((ref) => {
        const p = parsePrincipal(ref.value);
        if (!p || !ctx.namespaceExists(p.namespace) || known.has(`${p.namespace}/${p.serviceAccount}`)) return [];
        return [finding(this, ap, ref.path, `Principal "${ref.value}": no workload in any cluster runs as service account ${p.namespace}/${p.serviceAccount}.`)];
      }),
    );
  },
};
