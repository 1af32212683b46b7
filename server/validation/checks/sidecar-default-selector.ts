import 'server-only';
import { sidecarSelector } from '../sidecars';
import { finding, type Check, type Item } from '../types';

export const sidecarMultipleDefaults: Check = {
  code: 'IST0111',
  name: 'MultipleSidecarsWithoutWorkloadSelectors',
  severity: 'error',
  description: 'A namespace (in one cluster) has several Sidecars without workload selector.',
  run(ctx) {
    const byNs = new Map<string, Item[]>();
    for (const sc of ctx.items('Sidecar')) {
      if (sidecarSelector(sc)) continue;
      const key = `${sc.cluster}/${sc.namespace}`;
      byNs.set(key, [...(byNs.get(key) ?? []), sc]);
    }
    return [...byNs.values()].flatMap((list) =>
      list.length < 2
        ? []
        : list.map((sc) => finding(this, sc, 'spec', `The Sidecars [${list.map((s) => s.name).join(', ')}] in namespace ${sc.namespace} have no workload selector, which can lead to undefined behavior.`)),
    );
  },
};
