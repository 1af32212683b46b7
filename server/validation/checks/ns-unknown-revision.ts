import 'server-only';
import { isManagedRevision, namespaceRevision, providedRevisions, REVISION_LABEL } from '@/lib/mesh-rules/injection';
import { finding, type Check } from '../types';
import { SYSTEM_NAMESPACES } from './ns-not-injected';

/**
 * A namespace injected by a revision (istio.io/rev) that its cluster does not provide: no istiod of
 * that revision and no managed ControlPlaneRevision of that name (Cloud Service Mesh: asm-managed,
 * asm-managed-rapid, asm-managed-stable are valid where Google provisioned them). Its new pods get
 * no sidecar. Judged only where the control plane is known (an istiod or a ControlPlaneRevision).
 */
export const nsUnknownRevision: Check = {
  code: 'MRD0013',
  name: 'NamespaceUnknownRevision',
  severity: 'warning',
  description: 'A namespace asks for a control-plane revision (istio.io/rev) that no istiod and no managed ControlPlaneRevision of its cluster provides.',
  run(ctx) {
    return ctx.items('Namespace').flatMap((ns) => {
      const rev = ns.obj.metadata.labels?.[REVISION_LABEL] !== undefined ? namespaceRevision(ns.obj.metadata.labels) : undefined;
      if (!rev || SYSTEM_NAMESPACES.has(ns.name)) return [];
      const provided = providedRevisions(ctx.items('Deployment', ns.cluster).map((d) => d.obj), ctx.items('ControlPlaneRevision', ns.cluster).map((c) => c.obj));
      if (provided.size === 0 || provided.has(rev)) return [];
      const hint = isManagedRevision(rev) ? ' (a managed revision: provision Cloud Service Mesh in this cluster, which creates its ControlPlaneRevision)' : '';
      return [finding(this, ns, 'metadata.labels', `Namespace ${ns.name} asks for revision ${rev}${hint}, but ${ns.cluster || 'the cluster'} provides only ${[...provided].sort().join(', ')}: its new pods get no sidecar.`)];
    });
  },
};
