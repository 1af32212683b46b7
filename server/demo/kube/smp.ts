import 'server-only';
import { isPlainObject } from './objects';

// A small strategic merge patch: a JSON merge patch in which the well-known lists of built-in kinds
// (containers, env, ports, volumes, ...) are merged element by element on their merge key, as
// `kubectl apply` expects of the API server. Directives: `$patch: delete` on a list element or a
// map, `$setElementOrder/<list>` (orders the merged list), `$deleteFromPrimitiveList/<list>`,
// `$retainKeys` (ignored: the merge keeps what the patch leaves out). Custom resources (Istio, MCS)
// get a JSON merge patch from kubectl and never reach here in practice.

const MERGE_KEYS: Record<string, (element: Record<string, unknown>) => string | undefined> = {
  containers: () => 'name',
  initContainers: () => 'name',
  ephemeralContainers: () => 'name',
  env: () => 'name',
  volumes: () => 'name',
  imagePullSecrets: () => 'name',
  volumeMounts: () => 'mountPath',
  volumeDevices: () => 'devicePath',
  hostAliases: () => 'ip',
  ownerReferences: () => 'uid',
  finalizers: () => undefined,
  ports: (e) => ('containerPort' in e ? 'containerPort' : 'port'),
};

export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'delete') return undefined;
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  const out: Record<string, unknown> = isPlainObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/') || key === '$retainKeys' || key === '$patch') continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const list = key.slice('$deleteFromPrimitiveList/'.length);
      const drop = Array.isArray(value) ? value : [];
      const current = out[list];
      if (Array.isArray(current)) out[list] = current.filter((v) => !drop.includes(v));
      continue;
    }
    if (value === null) {
      delete out[key];
      continue;
    }
    const merged = Array.isArray(value)
      ? mergeList(key, out[key], value, patch[`$setElementOrder/${key}`])
      : strategicMergePatch(out[key], value);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  return out;
}

function mergeList(field: string, current: unknown, patch: unknown[], order: unknown): unknown[] {
  const keyOf = MERGE_KEYS[field];
  const first = patch.find(isPlainObject) ?? (Array.isArray(current) ? current.find(isPlainObject) : undefined);
  const mergeKey = keyOf && first ? keyOf(first) : undefined;
  if (!mergeKey || !Array.isArray(current) || !patch.every(isPlainObject)) {
    return patch.filter((e) => !(isPlainObject(e) && e.$patch === 'delete')).map((e) => structuredClone(e));
  }
  const result = current.map((e) => structuredClone(e) as unknown);
  for (const element of patch as Record<string, unknown>[]) {
    const i = result.findIndex((e) => isPlainObject(e) && e[mergeKey] === element[mergeKey]);
    if (element.$patch === 'delete') {
      if (i >= 0) result.splice(i, 1);
    } else if (i >= 0) {
      result[i] = strategicMergePatch(result[i], element);
    } else {
      result.push(strategicMergePatch({}, element));
    }
  }
  if (!Array.isArray(order)) return result;
  const rank = (e: unknown) => {
    const k = isPlainObject(e) ? e[mergeKey] : undefined;
    const at = order.findIndex((o) => isPlainObject(o) && o[mergeKey] === k);
    return at < 0 ? order.length : at;
  };
  return result.sort((a, b) => rank(a) - rank(b));
}
