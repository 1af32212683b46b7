import 'server-only';
import type { K8sObject } from '@/lib/inventory/types';
import { LAST_APPLIED_ANNOTATION as LAST_APPLIED } from '@/lib/mesh-rules/server-fields';

// What the caches keep of an object: everything but metadata.managedFields and the
// kubectl.kubernetes.io/last-applied-configuration annotation (a second copy of the object, often
// the largest part of it). Neither is read by anything in the console.

/** A copy of the object without managedFields and the last-applied annotation (the input is not changed). */
export function stripObject(raw: unknown): K8sObject | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const obj = raw as K8sObject;
  const meta = obj.metadata as (K8sObject['metadata'] & { managedFields?: unknown }) | undefined;
  if (!meta || typeof meta.name !== 'string') return undefined;
  const { managedFields: _managed, ...metadata } = meta;
  if (metadata.annotations && LAST_APPLIED in metadata.annotations) {
    const { [LAST_APPLIED]: _lastApplied, ...annotations } = metadata.annotations;
    metadata.annotations = annotations;
  }
  return { ...obj, metadata };
}

/** The cache key of an object: `<namespace>/<name>` (`/<name>` for cluster-scoped kinds). */
export function objectKey(obj: K8sObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}
