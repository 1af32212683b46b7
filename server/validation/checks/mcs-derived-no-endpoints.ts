import 'server-only';
import { derivedEndpoints, derivedServiceOf, DERIVED_SERVICE_ANNOTATION } from '@/lib/mesh-rules/mcs';
import { finding, type Check } from '../types';

/**
 * GKE's MCS controller exposes an import as a derived Service (gke-mcs-<hash>, named by the import's
 * net.gke.io/derived-service annotation) whose EndpointSlices hold the exporting clusters'
 * endpoints. Missing, or without a ready endpoint, the clusterset name has no backend in that cluster.
 */
export const mcsDerivedNoEndpoints: Check = {
  code: 'MRD0011',
  name: 'DerivedServiceWithoutEndpoints',
  severity: 'warning',
  description: `A ServiceImport's derived Service (${DERIVED_SERVICE_ANNOTATION}, GKE's gke-mcs-*) is missing or has no ready endpoints in its cluster.`,
  run(ctx) {
    return ctx.mcsImports().flatMap((i) => {
      const derived = derivedServiceOf(i.obj);
      if (!derived) return [];
      const ns = i.namespace ?? 'default';
      const where = i.cluster ? ` in ${i.cluster}` : '';
      const svc = ctx.items('Service', i.cluster).some((s) => s.namespace === ns && s.name === derived);
      if (!svc) return [finding(this, i, 'metadata.annotations', `ServiceImport ${ns}/${i.name} names the derived Service ${derived}, which does not exist${where}: its clusterset name resolves to nothing here.`)];
      const ready = Object.values(derivedEndpoints(ctx.items('EndpointSlice', i.cluster).map((s) => s.obj), ns, derived)).reduce((a, b) => a + b, 0);
      return ready > 0 ? [] : [finding(this, i, 'metadata.annotations', `The derived Service ${derived} of ServiceImport ${ns}/${i.name} has no ready endpoints${where}: callers of ${i.name}.${ns}.svc.clusterset.local get no answer here.`)];
    });
  },
};
