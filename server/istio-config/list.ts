import 'server-only';
import type { ConfigItem, ConfigListResponse, ObjectRef } from '@/lib/istio-config/api';
import { WRITABLE_KIND_LIST, type IstioKind } from '@/lib/istio/kinds';
import type { ClusterSnapshot, K8sObject } from '@/lib/inventory/types';
import type { Caller } from '@/server/auth/guard';
import { getCluster } from '@/server/config';
import { fromKubeError, notFound } from '@/server/http/errors';
import { inventorySnapshot } from '@/server/kube/informers';
import { attachFindings } from './findings';
import { describeRef, headerOf, kindOf } from './refs';
import { readObject } from '@/server/kube/caller-client';

export interface ListFilter {
  /** Empty = every configured cluster (unknown names are a 404). */
  clusters: string[];
  namespaces: string[];
  kinds: string[];
  /** Only the items that have findings. */
  findingsOnly: boolean;
}

function toItem(cluster: string, info: IstioKind, obj: K8sObject): Omit<ConfigItem, 'findings'> {
  const object = { ...obj, apiVersion: obj.apiVersion ?? info.apiVersion, kind: obj.kind ?? info.kind };
  const ref: ObjectRef = { cluster, namespace: obj.metadata.namespace ?? '', kind: info.id, name: obj.metadata.name };
  return { ref, resourceVersion: obj.metadata.resourceVersion ?? '', object };
}

/** Why a cluster's cached list may be missing or stale, or undefined when it is fine. */
function cacheProblem(snap: ClusterSnapshot): string | undefined {
  if (snap.state === 'synced') return undefined;
  if (snap.state === 'syncing') return `Cluster ${snap.cluster}: the inventory is still syncing; the list may be incomplete`;
  return snap.error ?? `Cluster ${snap.cluster}: the inventory is ${snap.state}`;
}

/** Istio objects of the selected clusters, namespaces and kinds (ids; the kinds the console writes), from the inventory caches (every Istio kind is an inventory kind; no API calls). */
export function listConfig(filter: ListFilter): ConfigListResponse {
  filter.clusters.forEach(getCluster);
  const kinds = WRITABLE_KIND_LIST.filter((k) => filter.kinds.length === 0 || filter.kinds.includes(k.id));
  const namespaces = new Set(filter.namespaces);
  const out: ConfigListResponse = { items: [], errorsByCluster: {} };
  const raw: Omit<ConfigItem, 'findings'>[] = [];
  for (const snap of inventorySnapshot().clusters) {
    if (filter.clusters.length && !filter.clusters.includes(snap.cluster)) continue;
    const problem = cacheProblem(snap);
    if (problem) out.errorsByCluster[snap.cluster] = problem;
    for (const info of kinds) {
      for (const obj of snap.objects[info.id]) {
        if (namespaces.size && !namespaces.has(obj.metadata.namespace ?? '')) continue;
        raw.push(toItem(snap.cluster, info, obj));
      }
    }
  }
  const items = attachFindings(raw);
  out.items = filter.findingsOnly ? items.filter((i) => i.findings.length > 0) : items;
  return out;
}

function cachedObject(ref: ObjectRef): K8sObject | undefined {
  const info = kindOf(ref);
  const snap = inventorySnapshot().clusters.find((c) => c.cluster === ref.cluster);
  return snap?.objects[info.id].find((o) => o.metadata.namespace === ref.namespace && o.metadata.name === ref.name);
}

/**
 * One object: from the cache, or read live when the cache lacks it (not synced yet, just created)
 * or `fresh` asks for the API server's latest (the editor after a 409). 404 names the object.
 */
export async function getConfigObject(ref: ObjectRef, caller: Caller, fresh = false): Promise<ConfigItem> {
  const info = kindOf(ref);
  getCluster(ref.cluster);
  let obj = fresh ? undefined : cachedObject(ref);
  if (!obj) {
    try {
      obj = (await readObject(ref.cluster, caller, headerOf(ref))) as K8sObject;
    } catch (err) {
      const e = fromKubeError(err, ref.cluster);
      if (e.status === 404) throw notFound(`${describeRef(ref)} not found`, ref.cluster);
      throw e;
    }
  }
  const [item] = attachFindings([toItem(ref.cluster, info, obj)]);
  return item as ConfigItem;
}
