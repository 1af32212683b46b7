// Typed reads of untyped objects: specs and statuses as the API server, YAML files and the
// inventory caches give them. Each reader checks the shape and answers a typed value or a neutral
// one (absent, empty), so no caller reads through `any`; a field of the wrong type reads as absent.

export type Rec = Record<string, unknown>;
export type StringMap = Record<string, string>;

/** A plain object (not an array, not null). */
export function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object, or an empty one. */
export function rec(v: unknown): Rec {
  return isRec(v) ? v : {};
}

/** The array, or an empty one (entries keep their indexes, so field paths stay right). */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The string, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The finite number, or undefined. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The strings of an array (other entries dropped). */
export function strs(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}

/** A map of strings (labels, a selector's matchLabels); undefined when it is not an object. Non-string values are dropped. */
export function strMap(v: unknown): StringMap | undefined {
  if (!isRec(v)) return undefined;
  const out: StringMap = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** The value at a path: a string steps into an object, a number into an array; undefined when a step is missing. */
export function at(v: unknown, ...path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const key of path) {
    if (typeof key === 'number') cur = Array.isArray(cur) ? cur[key] : undefined;
    else cur = isRec(cur) ? cur[key] : undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}
