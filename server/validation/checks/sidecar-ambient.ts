import 'server-only';
import { namespaceInjection } from '@/lib/mesh-rules/injection';
import { hasProxy, isAmbientPod } from '@/lib/mesh-rules/proxy';
import { sidecarSelector } from '../sidecars';
import { finding, type Check } from '../types';
import { selects } from '../workloads';

/** A Sidecar resource has no effect on workloads in ambient mode (no sidecar to configure). */
export const sidecarAmbient: Check = {
  code: 'IST0167',
  name: 'IneffectivePolicy',
  severity: 'warning',
  description: 'A Sidecar applies only to ambient-mode workloads (namespace or pods), where it has no effect.',
  run(ctx) {
    return ctx.items('Sidecar').flatMap((sc) => {
      const selector = sidecarSelector(sc);
      const ns = ctx.namespace(sc.cluster, sc.namespace ?? 'default');
      const pods = ctx.pods(sc.namespace ?? 'default', sc.cluster).filter((p) => selects(selector, p.obj.metadata.labels));
      const ambientNs = namespaceInjection(ns?.obj.metadata.labels) === 'ambient';
      const ambientPods = pods.length > 0 && pods.every((p) => isAmbientPod(p.obj) && !hasProxy(p.obj));
      if (!(selector ? ambientPods : ambientNs)) return [];
      const what = selector ? 'the workloads it selects are' : `namespace ${sc.namespace} is`;
      return [finding(this, sc, selector ? 'spec.workloadSelector' : undefined, `The policy has no impact: ${what} in ambient mode, which has no sidecar to configure.`)];
    });
  },
};
