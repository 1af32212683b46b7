import 'server-only';
import type { Finding } from '@/lib/validation/types';
import { subscribe } from '@/server/events/bus';
import { inventorySnapshot } from '@/server/kube/informers';
import { analyzeSnapshot, findingsByObject, objectKeyOf } from './index';

// The findings of the live inventory, computed once per inventory change (the analyzers are pure
// over a snapshot) and shared by the Istio config list and the graph's error badges.

interface Live {
  findings: Finding[];
  byObject: Map<string, Finding[]>;
}

const KEY = Symbol.for('meridian.liveFindings');
type WithLive = typeof globalThis & { [KEY]?: { current?: Live; subscribed: boolean } };

function state() {
  const g = globalThis as WithLive;
  g[KEY] ??= { subscribed: false };
  const s = g[KEY];
  if (!s.subscribed) {
    s.subscribed = true;
    subscribe((e) => {
      if (e.type === 'inventory' || e.type === 'cluster') s.current = undefined;
    });
  }
  return s;
}

export function liveFindings(): Live {
  const s = state();
  if (!s.current) {
    const findings = analyzeSnapshot(inventorySnapshot());
    s.current = { findings, byObject: findingsByObject(findings) };
  }
  return s.current;
}

/** Error-level findings about one object of the live inventory. */
export function liveErrorCount(cluster: string, kind: string, namespace: string | undefined, name: string): number {
  const list = liveFindings().byObject.get(objectKeyOf({ cluster, kind, namespace, objectName: name }));
  return list ? list.filter((f) => f.severity === 'error').length : 0;
}
