import 'server-only';
import { at, strMap } from '@/lib/mesh-rules/spec';
import type { Item } from './types';

/** A Sidecar's workloadSelector labels; undefined when it applies to the whole namespace. */
export function sidecarSelector(sc: Item): Record<string, string> | undefined {
  const labels = strMap(at(sc.obj.spec, 'workloadSelector', 'labels'));
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
}
