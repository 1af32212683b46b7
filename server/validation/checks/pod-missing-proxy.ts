import 'server-only';
import { finding, type Check } from '../types';
import { hasProxy, injectOptOut, namespaceMode } from '../workloads';

export const podMissingProxy: Check = {
  code: 'IST0103',
  name: 'PodMissingProxy',
  severity: 'warning',
  description: 'A pod of an injection-enabled namespace runs without the istio-proxy sidecar.',
  run(ctx) {
    return ctx.items('Pod').flatMap((pod) => {
      const ns = ctx.namespace(pod.cluster, pod.namespace ?? 'default');
      if (namespaceMode(ns?.obj) !== 'sidecar' || injectOptOut(pod.obj.metadata) || pod.obj.spec?.hostNetwork || hasProxy(pod.obj)) return [];
      return [finding(this, pod, 'spec.containers', `The pod ${pod.namespace}/${pod.name} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.`)];
    });
  },
};
