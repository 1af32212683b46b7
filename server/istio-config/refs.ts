import 'server-only';
import { objectRefSchema, type ObjectRef } from '@/lib/istio-config/api';
import { ISTIO_KIND_LIST, isIstioKindName, ISTIO_KINDS, type IstioKind } from '@/lib/istio/kinds';
import { getCluster } from '@/server/config';
import { badRequest, fromZodError } from '@/server/http/errors';
import type { ObjectHeader } from '@/server/kube/caller-client';

/**
 * The object of a URL (/api/istio-config/{cluster}/{namespace}/{kind}/{name}): a bad kind is a 400
 * naming it, an unknown cluster a 404, other malformed parts a 400 naming the part.
 */
export function parseRef(params: Record<string, string | string[] | undefined>): ObjectRef {
  const kind = params.kind;
  if (typeof kind === 'string' && !isIstioKindName(kind)) throw unknownKind(kind);
  const parsed = objectRefSchema.safeParse(params);
  if (!parsed.success) throw fromZodError(parsed.error, 'path parameter');
  getCluster(parsed.data.cluster);
  return parsed.data;
}

export function unknownKind(kind: string, apiVersion?: string) {
  const known = ISTIO_KIND_LIST.map((k) => k.id).join(', ');
  const what = apiVersion ? `"${kind}" of apiVersion "${apiVersion}"` : `"${kind}"`;
  return badRequest(`Unknown kind ${what}: expected one of ${known}`, 'kind');
}

/** The kind of a write (apply or delete): a read-only kind (ControlPlaneRevision, the platform's) is a 400 naming it. */
export function writableKind(info: IstioKind) {
  if (info.readOnly) throw badRequest(`${info.kind} (${info.group}) is managed by its platform: Meridian shows it but does not write it`, 'kind');
  return info;
}

export function kindOf(ref: ObjectRef): IstioKind {
  if (!isIstioKindName(ref.kind)) throw unknownKind(ref.kind);
  return ISTIO_KINDS[ref.kind];
}

/** "VirtualService bookinfo/reviews in us-east", for messages. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name} in ${ref.cluster}`;
}

export function headerOf(ref: ObjectRef): ObjectHeader {
  const info = kindOf(ref);
  return { apiVersion: info.apiVersion, kind: info.kind, metadata: { name: ref.name, namespace: ref.namespace } };
}
