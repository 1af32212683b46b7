import 'server-only';

// The demo mesh's Kubernetes API: the per-cluster object store, its persistence and the HTTP server.
export { ClusterStore, createClusterStore, BUILTIN_NAMESPACES } from './store';
export type { ClusterStoreOptions, StoreSnapshot, WriteOptions } from './store';
export { loadClusterStore, persistClusterStore, saveClusterStore, clusterStatePath } from './persist';
export type { LoadOptions, PersistOptions, PersistedStore } from './persist';
export { createKubeApiServer } from './server';
export type { KubeApiServer, KubeApiServerOptions } from './server';
export type { MeshValidator } from './validation';
export { KubeError } from './status';
