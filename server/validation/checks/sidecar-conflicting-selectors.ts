import 'server-only';
import { sidecarSelector } from '../sidecars';
import { finding, type Check, type Item } from '../types';
import { selects } from '../workloads';

export const sidecarConflictingSelectors: Check = {
  code: 'IST0110',
  name: 'ConflictingSidecarWorkloadSelectors',
  severity: 'error',
  description: 'Several Sidecars with workload selectors select the same pod; which one applies is undefined.',
  run(ctx) {
    const byPod = new Map<Item, Item[]>();
    for (const sc of ctx.items('Sidecar')) {
      const selector = sidecarSelector(sc);
      if (!selector) continue;
      for (const p of ctx.pods(sc.namespace ?? 'default', sc.cluster)) {
        if (selects(selector, p.obj.metadata.labels)) byPod.set(p, [...(byPod.get(p) ?? []), sc]);
      }
    }
    const reported = new Set<Item>();
    return [...byPod.entries()].flatMap(([pod, list]) => {
      if (list.length < 2) return [];
      const names = list.map((s) => s.name).join(', ');
      return list.filter((s) => !reported.has(s) && reported.add(s)).map((sc) =>
        finding(this, sc, 'spec.workloadSelector', `The Sidecars [${names}] in namespace ${sc.namespace} select the same workload pod ${pod.name}, which can lead to undefined behavior.`),
      );
    });
  },
};
