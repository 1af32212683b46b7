import 'server-only';
import { clusterLocalHost } from '../ids';
import type { NamespaceSpec } from '../spec';

// legacy (ap-south): a namespace outside the mesh, opted out as Istio expects (istio-injection=disabled,
// so istioctl analyze does not suspect a forgotten label). legacy-billing has no
// sidecar and calls bookinfo's details in plaintext (bookinfo is PERMISSIVE through the mesh-wide
// default). It runs next to details because without a sidecar only local endpoints are reachable.

export const legacy: NamespaceSpec = {
  name: 'legacy',
  clusters: ['ap-south'],
  injected: false,
  labels: () => ({ 'istio-injection': 'disabled' }),
  workloads: [
    {
      cluster: 'ap-south',
      app: 'legacy-billing',
      version: 'v1',
      image: 'docker.io/meridian/legacy-billing:3.4.1',
      ports: [{ name: 'http', containerPort: 8080 }],
      traffic: { latencyMs: 40, calls: [{ host: clusterLocalHost('details', 'bookinfo'), port: 9080, rps: 1, protocol: 'http' }] },
    },
  ],
  services: [{ name: 'legacy-billing', clusters: ['ap-south'], ports: [{ name: 'http', port: 8080 }] }],
};
