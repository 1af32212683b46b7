// Plain-object helpers for the form mappings: a form edits a copy of the object and writes back
// only the fields it owns, so everything else (unknown fields included) survives untouched.

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

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

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function objAt(v: unknown, ...keys: (string | number)[]): Obj | undefined {
  let cur: unknown = v;
  for (const k of keys) {
    if (typeof k === 'number') cur = Array.isArray(cur) ? cur[k] : undefined;
    else cur = isObj(cur) ? cur[k] : undefined;
  }
  return isObj(cur) ? cur : undefined;
}

export function arrAt(v: unknown, ...keys: (string | number)[]): unknown[] {
  const parentKeys = keys.slice(0, -1);
  const last = keys[keys.length - 1];
  const parent = parentKeys.length ? objAt(v, ...parentKeys) : isObj(v) ? v : undefined;
  const arr = parent && typeof last === 'string' ? parent[last] : undefined;
  return Array.isArray(arr) ? arr : [];
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

/** `spec.http[0].route` or `metadata.labels[app.kubernetes.io/name]` -> ['spec', 'http', 0, 'route']. */
export function parseFieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const m of field.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}
