import 'server-only';

// istiod of each simulated cluster: its debug endpoints and its metrics, as plain values
// (the control server in ../main.ts serves them over HTTP).
export { syncz, xdsState, proxySyncState, XDS_TYPES, type SyncStatus, type SynczOptions, type XdsSyncState, type XdsType, type ProxyMatcher } from './syncz';
export { mcsz, mcsSummary, MCS_API_VERSION, type MCSServiceInfo, type MCSServiceSummary } from './mcsz';
export { clusterz, type ClusterDebugInfo, type ClusterSyncStatus, type ClusterzOptions } from './clusterz';
export { istiodMetrics, type IstiodMetrics, type IstiodMetricsOptions } from './metrics';
export { connectedProxies, ISTIOD_VERSION, type ConnectedProxy } from './proxies';
