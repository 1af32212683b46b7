import 'server-only';
import type { MultiApplyRequest, MultiApplyResponse, ObjectRef } from '@/lib/istio-config/api';
import { isIstioKindName } from '@/lib/istio/kinds';
import { getCluster } from '@/server/config';
import { badRequest, fromKubeError } from '@/server/http/errors';
import { applyObject, checkedObject, type WriteOptions } from './apply';
import { unknownKind } from './refs';

type Row = MultiApplyResponse['results'][number];

/** The object's ref in one cluster, from its own apiVersion/kind/metadata (400 when they are missing). */
function refIn(cluster: string, object: Record<string, unknown>): ObjectRef {
  const meta = (object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  if (typeof object.kind !== 'string') throw badRequest('object.kind is required', 'object.kind');
  if (!isIstioKindName(object.kind)) throw unknownKind(object.kind);
  if (typeof meta.name !== 'string' || !meta.name) throw badRequest('object.metadata.name is required', 'object.metadata.name');
  if (typeof meta.namespace !== 'string' || !meta.namespace) {
    throw badRequest('object.metadata.namespace is required', 'object.metadata.namespace');
  }
  return { cluster, namespace: meta.namespace, kind: object.kind, name: meta.name };
}

/**
 * Applies one object to several clusters, each independently and in parallel: one row per cluster
 * (ok with the result, or the error with its status), so a partial failure is always visible. An
 * object that fails validation is refused as a whole (422) before any cluster is touched. Each
 * cluster's resourceVersion comes from `resourceVersions` (absent = create there); a
 * metadata.resourceVersion in the object is ignored (it can belong to one cluster only).
 */
export async function applyToClusters(req: MultiApplyRequest, opts: Omit<WriteOptions, 'dryRun'>): Promise<MultiApplyResponse> {
  const [first] = req.clusters;
  const { resourceVersion: _rv, ...metadata } = (req.object.metadata ?? {}) as Record<string, unknown>;
  const object = { ...req.object, metadata };
  checkedObject(refIn(first ?? '', object), object);
  const action = req.action ?? opts.action;
  const results = await Promise.all(
    [...new Set(req.clusters)].map(async (cluster): Promise<Row> => {
      try {
        getCluster(cluster);
        const ref = refIn(cluster, object);
        const r = await applyObject(ref, { object, resourceVersion: req.resourceVersions[cluster] }, { ...opts, action, dryRun: req.dryRun });
        return { cluster, ok: true, status: r.created ? 201 : 200, created: r.created, resourceVersion: r.resourceVersion, object: r.object, warnings: r.warnings };
      } catch (err) {
        const e = fromKubeError(err, cluster);
        const { field, causes } = e.extra;
        return { cluster, ok: false, status: e.status, error: { code: e.code, message: e.message, cluster, field, causes } };
      }
    }),
  );
  return { dryRun: req.dryRun, results };
}
