import 'server-only';
import { DEMO_CLUSTERS, type ClusterStoreView, type DemoClusterName, type KubeObject, type StoreChange } from '../types';
import { seedCluster } from '../mesh';

/** An in-memory ClusterStoreView for tests; `emit` plays a committed change to the listeners. */
export interface TestView extends ClusterStoreView {
  objects: KubeObject[];
  emit(change: StoreChange): void;
}

export function testView(cluster: DemoClusterName, objects: KubeObject[]): TestView {
  const listeners = new Set<(c: StoreChange) => void>();
  return {
    cluster,
    objects,
    list: (apiVersion, kind, namespace) =>
      objects.filter((o) => o.apiVersion === apiVersion && o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace)),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(change) {
      for (const l of listeners) l(change);
    },
  };
}

/** One view per demo cluster over its seed. */
export function seededViews(): TestView[] {
  return DEMO_CLUSTERS.map((c) => testView(c, seedCluster(c)));
}
