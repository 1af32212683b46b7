import 'server-only';

// istiod of every cluster: debug endpoints (syncz, mcsz, clusterz), metrics, and what the inventory
// says about the control plane (revision, version, mesh id, network).
export { istiodSyncz, istiodMcsz, istiodClusterz, istiodMetricsText, type IstiodResult, type IstiodOptions } from './client';
export { istiodInfo, imageTag, type IstiodInfo, type IstiodRevision } from './info';
export { managedControlPlane, managedHealthy, MANAGED_NOTE } from './managed';
export { summarizeSyncz, type SyncSummary, type ProxySyncState, type XdsState } from './syncz';
export type { SyncStatus, MCSServiceInfo, ClusterDebugInfo } from './schemas';
