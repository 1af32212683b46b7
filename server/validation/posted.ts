import 'server-only';
import { emptyObjects, type ClusterSnapshot, type InventoryKind, type InventorySnapshot, type K8sObject } from '@/lib/inventory/types';
import type { ValidateRequest } from '@/lib/validation/api';
import type { Finding } from '@/lib/validation/types';
import { YamlSyntaxError } from '@/lib/validation/yaml-source';
import { badRequest, unknownCluster } from '@/server/http/errors';
import { analyzeSnapshot } from './index';
import { snapshotFromYaml } from './offline';

// POST /api/validate: posted YAML alone, or in place of the live objects of one cluster.

const keyOf = (o: K8sObject) => `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;

/** `live` with the posted cluster's objects replaced (same kind, namespace, name) or added. */
export function overlay(live: InventorySnapshot, cluster: string, posted: ClusterSnapshot): InventorySnapshot {
  const target = live.clusters.find((c) => c.cluster === cluster);
  if (!target) throw unknownCluster(cluster);
  const objects = emptyObjects();
  for (const kind of Object.keys(objects) as InventoryKind[]) {
    const mine = posted.objects[kind];
    const replaced = new Set(mine.map(keyOf));
    objects[kind] = [...target.objects[kind].filter((o) => !replaced.has(keyOf(o))), ...mine];
  }
  return { clusters: live.clusters.map((c) => (c === target ? { ...c, objects } : c)) };
}

/** Findings about the posted objects, each with the line of its field in the posted text. */
export function validatePosted(req: ValidateRequest, live: () => InventorySnapshot): Finding[] {
  if (req.withLive && !req.cluster) throw badRequest('cluster is required with withLive: the posted objects replace live objects of one cluster', 'cluster');
  let offline;
  try {
    offline = snapshotFromYaml([{ text: req.yaml, cluster: req.withLive ? req.cluster : (req.cluster ?? '') }]);
  } catch (err) {
    if (err instanceof YamlSyntaxError) throw badRequest(`malformed YAML at line ${err.line}: ${err.message.replace(/^line \d+: /, '')}`, 'yaml');
    throw err;
  }
  const posted = offline.snapshot.clusters[0];
  const postedObjects = new Set(offline.snapshot.clusters.flatMap((c) => Object.values(c.objects).flat()));
  for (const list of Object.values(offline.extra)) list.forEach((o) => postedObjects.add(o));
  if (!req.withLive || !req.cluster || !posted) {
    return analyzeSnapshot(offline.snapshot, { extra: offline.extra, locate: offline.locate, assumeDefaultIngress: true });
  }
  const cluster = req.cluster;
  const extra = { [cluster]: offline.extra[cluster] ?? [] };
  return analyzeSnapshot(overlay(live(), cluster, posted), { extra, locate: offline.locate, about: (o) => postedObjects.has(o) });
}
