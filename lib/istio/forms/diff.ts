// What a diff of live versus proposed shows: the object without what the server writes
// (lib/mesh-rules/server-fields.ts), as YAML; and a short list of changed fields.
import { childPath } from '../../mesh-rules/field-path';
import { stripServerFields } from '../../mesh-rules/server-fields';
import { deepEqual, isObj, type Obj } from './object';
import { toYaml } from './yaml';

export { stripServerFields };

/** YAML for one side of a diff ('' for an object that does not exist). */
export function diffYaml(obj: Obj | undefined): string {
  return obj ? toYaml(stripServerFields(obj)) : '';
}

/**
 * The field paths that differ between a and b (leaves, in lib/mesh-rules/field-path.ts's syntax), e.g.
 * spec.http[0].route[2].weight; an array whose length changed is one field. (The history's
 * old -> new summary is lib/istio-config/diff-summary.ts.)
 */
export function changedFields(a: unknown, b: unknown, path = ''): string[] {
  if (deepEqual(a, b)) return [];
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changedFields(a[k], b[k], childPath(path, k)));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((x, i) => changedFields(x, b[i], childPath(path, i)));
  }
  return [path || '(whole object)'];
}
