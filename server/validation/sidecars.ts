import 'server-only';
import type { Item, Loose } from './types';

/** A Sidecar's workloadSelector labels; undefined when it applies to the whole namespace. */
export function sidecarSelector(sc: Item): Record<string, string> | undefined {
  const labels = (sc.obj.spec as Loose)?.workloadSelector?.labels as Record<string, string> | undefined;
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
}
