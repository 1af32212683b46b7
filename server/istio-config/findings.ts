import 'server-only';
import type { InventoryKind } from '@/lib/inventory/types';
import type { ConfigItem, ObjectRef } from '@/lib/istio-config/api';
import { toYaml } from '@/lib/istio/forms';
import type { Finding } from '@/lib/validation/types';
import { inventorySnapshot } from '@/server/kube/informers';
import { analyzeSnapshot } from '@/server/validation';
import { liveFindings } from '@/server/validation/live';
import { validatePosted } from '@/server/validation/posted';

const refKey = (cluster: string | undefined, kind: string, namespace: string | undefined, name: string) =>
  `${cluster ?? ''}\n${kind}\n${namespace ?? ''}\n${name}`;
const keyOfRef = (r: ObjectRef) => refKey(r.cluster, r.kind, r.namespace, r.name);

/**
 * The items with their findings (matched by cluster, kind, namespace and name): the analyzers of
 * server/validation over the live inventory, computed once per inventory change.
 */
export function attachFindings(items: Omit<ConfigItem, 'findings'>[]): ConfigItem[] {
  const byRef = new Map<string, Finding[]>();
  for (const f of liveFindings().findings) {
    const key = refKey(f.cluster, f.kind, f.namespace, f.objectName);
    byRef.set(key, [...(byRef.get(key) ?? []), f]);
  }
  return items.map((item) => ({ ...item, findings: byRef.get(keyOfRef(item.ref)) ?? [] }));
}

const findingKey = (f: Finding) => JSON.stringify([f.code, f.cluster, f.kind, f.namespace, f.objectName, f.path, f.message]);

/**
 * The findings about `object` once applied to `cluster`: the analyzers of POST /api/validate over that
 * cluster's live inventory with the object in place (alone when the cluster has no inventory yet).
 */
export function findingsOfApply(object: Record<string, unknown>, cluster: string): Finding[] {
  const snapshot = inventorySnapshot();
  const withLive = snapshot.clusters.some((c) => c.cluster === cluster);
  return validatePosted({ yaml: toYaml(object), cluster, withLive }, () => snapshot);
}

/** The findings deleting `ref` would newly cause in its cluster (e.g. a VirtualService left routing to a deleted subset). */
export function findingsOfDelete(ref: ObjectRef): Finding[] {
  const snapshot = inventorySnapshot();
  const target = snapshot.clusters.find((c) => c.cluster === ref.cluster);
  if (!target || !Object.prototype.hasOwnProperty.call(target.objects, ref.kind)) return [];
  const kind = ref.kind as InventoryKind;
  const kept = target.objects[kind].filter((o) => !(o.metadata.namespace === ref.namespace && o.metadata.name === ref.name));
  if (kept.length === target.objects[kind].length) return [];
  const without = { clusters: snapshot.clusters.map((c) => (c === target ? { ...c, objects: { ...c.objects, [kind]: kept } } : c)) };
  const before = new Set(liveFindings().findings.map(findingKey));
  return analyzeSnapshot(without).filter((f) => f.cluster === ref.cluster && !before.has(findingKey(f)));
}
