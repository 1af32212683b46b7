// Kubernetes field paths, the one formatter and parser: `spec.http[0].route[1].weight`, and keys
// that are not identifiers in brackets, `metadata.labels[app.kubernetes.io/name]`. Used by schema
// validation causes, request errors, diffs and the history summary, and to find a field in YAML.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** One step down a path: `spec` + `http` -> `spec.http`, + 0 -> `spec.http[0]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number' || !IDENTIFIER.test(key)) return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** A path of keys and indexes (a zod issue's path, say) in Kubernetes syntax; '' for the root. */
export function fieldPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((path, seg) => childPath(path, typeof seg === 'number' ? seg : String(seg)), '');
}

/** `spec.http[0].route` or `metadata.labels[app.kubernetes.io/name]` -> ['spec', 'http', 0, 'route'] / [..., 'app.kubernetes.io/name']. */
export function parseFieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  for (const m of field.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}
