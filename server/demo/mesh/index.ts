import 'server-only';

// The seeded content of the demo mesh's clusters. See seed.ts and content/ for what is where.
export { seedCluster, type SeedOptions } from './seed';
export { syntheticContent, SERVICES_PER_NAMESPACE } from './synthetic';
export { DEMO_CONTENT } from './content';
export { ISTIO_VERSION, ISTIO_REVISION, TRUST_DOMAIN, clusterLocalHost, clusterSetHost, clusterSetVip, networkOf } from './ids';
export type { NamespaceSpec, WorkloadSpec, ServiceSpec, ExportSpec, TrafficSpec } from './spec';
