import 'server-only';
import type { ConfigItem, ObjectRef } from '@/lib/istio-config/api';
import type { Finding } from '@/lib/validation/types';
import { liveFindings } from '@/server/validation/live';

/**
 * The validation findings about the given items (any order; attachFindings hands each item its own):
 * the analyzers of server/validation over the live inventory, computed once per inventory change.
 */
export function findingsFor(_items: readonly Omit<ConfigItem, 'findings'>[]): Finding[] {
  return liveFindings().findings;
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
