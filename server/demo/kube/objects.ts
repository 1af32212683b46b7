import 'server-only';
import type { KubeObject } from '../types';

// Small helpers over stored objects.

/** Freeze an object and everything in it, so that no reader can change what the store holds. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** RFC 3339 in seconds, as Kubernetes writes timestamps. */
export function kubeTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** What counts for metadata.generation: everything but metadata and status. */
export function specOf(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = obj;
  return rest;
}

/** A JSON-shaped plain object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
