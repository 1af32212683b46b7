import 'server-only';
import type { KubeObject } from '../types';
import { parseBody } from './http';
import { jsonPatch, mergePatch } from './patch';
import { apiVersionOf, type ResourceDef } from './resources';
import { KubeError, badRequest, notFound, status } from './status';
import type { ClusterStore } from './store';

// The /scale subresource of Deployments and ReplicaSets (autoscaling/v1 Scale), which
// `kubectl scale` reads and patches. Only spec.replicas can change through it.

function selectorText(obj: KubeObject): string {
  const labels = ((obj.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels) ?? {};
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

function scaleOf(obj: KubeObject) {
  const spec = (obj.spec ?? {}) as { replicas?: number };
  const st = (obj.status ?? {}) as { replicas?: number };
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: obj.metadata.name, namespace: obj.metadata.namespace, uid: obj.metadata.uid, resourceVersion: obj.metadata.resourceVersion, creationTimestamp: obj.metadata.creationTimestamp },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: st.replicas ?? 0, selector: selectorText(obj) },
  };
}

export interface ScaleRequest {
  store: ClusterStore;
  def: ResourceDef;
  namespace?: string;
  name: string;
  method: string;
  body: Buffer;
  contentType: string;
  dryRun: boolean;
}

export function handleScale(r: ScaleRequest): unknown {
  const current = r.store.get(apiVersionOf(r.def), r.def.kind, r.namespace, r.name);
  if (!current) throw notFound(r.def.plural, r.def.group, r.name);
  const scale = scaleOf(current);
  if (r.method === 'GET') return scale;
  const type = r.contentType.split(';')[0]?.trim() ?? '';
  const input = parseBody(r.body, type);
  let next: unknown;
  if (r.method === 'PUT') next = input;
  else if (r.method === 'PATCH') next = type === 'application/json-patch+json' ? jsonPatch(scale, input) : mergePatch(scale, input);
  else throw new KubeError(status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
  const replicas = (next as { spec?: { replicas?: unknown } }).spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest('spec.replicas: Invalid value: must be a non-negative integer');
  }
  const updated = r.store.replace({ ...current, spec: { ...(current.spec as object), replicas } }, { dryRun: r.dryRun });
  return scaleOf(updated);
}
