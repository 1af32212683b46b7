import 'server-only';
import type { ConfigItem, ObjectRef } from '@/lib/istio-config/api';
import type { Finding } from '@/lib/validation/types';

/**
 * The validation findings about the given items (any order; attachFindings hands each item its own).
 *
 * Validation (server/validation, written by another engineer: analyzers over a config snapshot)
 * plugs in here: run the analyzers over the inventory snapshot (cached per snapshot) and return
 * the findings about these items. Until then: none.
 */
export function findingsFor(_items: readonly Omit<ConfigItem, 'findings'>[]): Finding[] {
  return [];
}

const refKey = (cluster: string | undefined, kind: string, namespace: string | undefined, name: string) =>
  `${cluster ?? ''}\n${kind}\n${namespace ?? ''}\n${name}`;
const keyOfRef = (r: ObjectRef) => refKey(r.cluster, r.kind, r.namespace, r.name);

/** The items with their findings (matched by cluster, kind, namespace and name). */
export function attachFindings(items: Omit<ConfigItem, 'findings'>[]): ConfigItem[] {
  const byRef = new Map<string, Finding[]>();
  for (const f of findingsFor(items)) {
    const key = refKey(f.cluster, f.kind, f.namespace, f.objectName);
    byRef.set(key, [...(byRef.get(key) ?? []), f]);
  }
  return items.map((item) => ({ ...item, findings: byRef.get(keyOfRef(item.ref)) ?? [] }));
}
