import 'server-only';
import { namespaceInjection } from '@/lib/mesh-rules/injection';
import { finding, type Check } from '../types';

/** Namespaces istioctl never asks to inject. */
export const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage', 'istio-system']);

export const nsNotInjected: Check = {
  code: 'IST0102',
  name: 'NamespaceNotInjected',
  severity: 'info',
  description: 'A namespace has neither istio-injection nor istio.io/rev (nor ambient mode): its new pods get no sidecar.',
  run(ctx) {
    return ctx.items('Namespace').flatMap((ns) => {
      if (SYSTEM_NAMESPACES.has(ns.name) || ns.name === ctx.rootNamespace || namespaceInjection(ns.obj.metadata.labels) !== 'unlabeled') return [];
      return [
        finding(this, ns, 'metadata.labels', `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${ns.name} istio-injection=enabled' to enable it, or 'kubectl label namespace ${ns.name} istio-injection=disabled' to explicitly mark it as not needing injection.`),
      ];
    });
  },
};
