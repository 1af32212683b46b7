import 'server-only';
import { sidecarSelector } from '../sidecars';
import { finding, type Check } from '../types';
import { selects, selectorString } from '../workloads';

/** istioctl's SelectorAnalyzer: a Sidecar's workloadSelector matches a pod of its namespace and cluster. */
export const sidecarSelectorNotFound: Check = {
  code: 'IST0101',
  name: 'ReferencedResourceNotFound',
  severity: 'error',
  description: 'A Sidecar\'s workloadSelector matches no pod of its namespace.',
  run(ctx) {
    return ctx.items('Sidecar').flatMap((sc) => {
      const selector = sidecarSelector(sc);
      if (!selector || ctx.pods(sc.namespace ?? 'default', sc.cluster).some((p) => selects(selector, p.obj.metadata.labels))) return [];
      return [finding(this, sc, 'spec.workloadSelector.labels', `Referenced selector not found: "${selectorString(selector)}"`)];
    });
  },
};
