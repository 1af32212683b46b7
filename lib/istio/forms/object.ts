// Plain-object helpers for the form mappings: a form edits a copy of the object and writes back
// only the fields it owns, so everything else (unknown fields included) survives untouched.
// Reading goes through the typed readers of lib/mesh-rules/spec.ts.
import { arr, at, isRec as isObj, type Rec } from '../../mesh-rules/spec';

export { isObj };
export { num } from '../../mesh-rules/spec';
export type Obj = Rec;

/** A deep copy of JSON-like data (objects from YAML or the API). */
export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** The object at `key` of `parent`, created when absent (or not an object). */
export function child(parent: Obj, key: string): Obj {
  const v = parent[key];
  if (isObj(v)) return v;
  const created: Obj = {};
  parent[key] = created;
  return created;
}

/** The array at `key` of `parent`, created when absent. */
export function childArray(parent: Obj, key: string): unknown[] {
  const v = parent[key];
  if (Array.isArray(v)) return v;
  const created: unknown[] = [];
  parent[key] = created;
  return created;
}

/** Sets `key`, or deletes it when the value is undefined, '' or NaN. */
export function setOrDelete(parent: Obj, key: string, value: unknown): void {
  if (value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value))) delete parent[key];
  else parent[key] = value;
}

/** Deletes `key` when it holds an empty object (a container the form emptied). */
export function pruneEmpty(parent: Obj, key: string): void {
  const v = parent[key];
  if (isObj(v) && Object.keys(v).length === 0) delete parent[key];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** The object at a path (see lib/mesh-rules/spec.ts `at`), or undefined. */
export function objAt(v: unknown, ...keys: (string | number)[]): Obj | undefined {
  const found = at(v, ...keys);
  return isObj(found) ? found : undefined;
}

/** The array at a path, or an empty one. */
export function arrAt(v: unknown, ...keys: (string | number)[]): unknown[] {
  return arr(at(v, ...keys));
}

/** Structural equality of JSON-like data. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
