import 'server-only';
import { sidecarInjected } from '@/lib/mesh-rules/injection';
import { hasProxy } from '@/lib/mesh-rules/proxy';
import { at } from '@/lib/mesh-rules/spec';
import { finding, type Check } from '../types';

export const podMissingProxy: Check = {
  code: 'IST0103',
  name: 'PodMissingProxy',
  severity: 'warning',
  description: 'A pod the injector gives a sidecar (its namespace or its own label asks for one) runs without the istio-proxy sidecar.',
  run(ctx) {
    return ctx.items('Pod').flatMap((pod) => {
      const ns = ctx.namespace(pod.cluster, pod.namespace ?? 'default');
      if (!sidecarInjected(ns?.obj.metadata.labels, pod.obj.metadata) || at(pod.obj.spec, 'hostNetwork') || hasProxy(pod.obj)) return [];
      return [finding(this, pod, 'spec.containers', `The pod ${pod.namespace}/${pod.name} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.`)];
    });
  },
};
