import 'server-only';
import type { DemoClusterName } from '../../types';
import { peerAuthentication } from '../build/istio';
import { clusterSetHost } from '../ids';
import type { NamespaceSpec, ServiceSpec, WorkloadSpec } from '../spec';

// mcs-demo (the seed architecture): hello-app-engine in us-east calls
// hello-master-engine.mcs-demo.svc.clusterset.local:8080, served from eu-west where it is exported.
// mTLS is STRICT in this namespace in every cluster that has it.

const NS = 'mcs-demo';
/** The hello engines' port (also the gke flavour's, server/demo/gke/content.ts). */
export const HELLO_PORT = 8080;
const PORT = HELLO_PORT;
const CLUSTERS: DemoClusterName[] = ['us-east', 'eu-west'];
const IMAGE = 'us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0';

/** A hello-app engine (2 replicas of the GKE sample image); the gke flavour's content uses it too. */
export const engine = (cluster: DemoClusterName, name: string, extra: Partial<WorkloadSpec>): WorkloadSpec => ({
  cluster,
  app: name,
  version: 'v1',
  replicas: 2,
  image: IMAGE,
  ports: [{ name: 'http', containerPort: PORT }],
  ...extra,
});

export const svc = (name: string, cluster: DemoClusterName): ServiceSpec => ({ name, clusters: [cluster], ports: [{ name: 'http', port: PORT }] });

export const mcsDemo: NamespaceSpec = {
  name: NS,
  clusters: CLUSTERS,
  injected: true,
  workloads: [
    engine('us-east', 'hello-app-engine', {
      traffic: { entryRps: 5, latencyMs: 10, calls: [{ host: clusterSetHost('hello-master-engine', NS), port: PORT, rps: 5, protocol: 'http' }] },
    }),
    engine('eu-west', 'hello-master-engine', { traffic: { latencyMs: 15 } }),
  ],
  services: [svc('hello-app-engine', 'us-east'), svc('hello-master-engine', 'eu-west')],
  exports: [{ service: 'hello-master-engine', from: ['eu-west'], importedIn: ['us-east'] }],
  objects: CLUSTERS.map((cluster) => ({ cluster, object: peerAuthentication(NS, 'default', 'STRICT') })),
};
