import 'server-only';
import { serviceFqdn } from '@/lib/mesh-rules/hosts';
import { finding, type Check } from '../types';

/**
 * Namespace sameness: an MCS controller imports a service only into clusters that have its
 * namespace (GKE creates the ServiceImport in every fleet cluster with the namespace). A cluster that
 * takes part in MCS (it exports or imports something) but lacks the namespace of an exported service
 * cannot reach it by its clusterset name. Clusters whose namespaces are unknown are not judged.
 */
export const mcsNamespaceMissing: Check = {
  code: 'MRD0012',
  name: 'ImportingClusterWithoutNamespace',
  severity: 'warning',
  description: 'A cluster that takes part in MCS lacks the namespace of an exported service, so the service is not imported there.',
  run(ctx) {
    const participants = ctx.clusters.filter((c) => c && ctx.items('Namespace', c).length > 0 && (ctx.mcsExports(c).length > 0 || ctx.mcsImports(c).length > 0));
    return ctx.mcsExports().flatMap((e) => {
      const ns = e.namespace ?? 'default';
      const missing = participants.filter((c) => c !== e.cluster && !ctx.namespace(c, ns));
      if (missing.length === 0) return [];
      return [
        finding(this, e, 'metadata.namespace', `Service ${ns}/${e.name} is exported, but ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no namespace ${ns}: the MCS controller imports it only where the namespace exists, so ${serviceFqdn(e.name, ns, 'clusterset')} does not resolve there.`),
      ];
    });
  },
};
