import 'server-only';
import { stringify } from 'yaml';
import { DEMO_CLUSTERS, DEMO_MESH_ID, type DemoClusterName } from '../../types';
import { configMap, gateway, peerAuthentication, secret } from '../build/istio';
import { ISTIO_REVISION, ISTIO_VERSION, networkOf, TRUST_DOMAIN } from '../ids';
import type { ClusterObject, NamespaceSpec, ServiceSpec, WorkloadSpec } from '../spec';

// istio-system of every cluster: a multi-primary, multi-network installation. Each cluster runs its
// own istiod (revision `default`) and an east-west gateway for its network `network-<cluster>`,
// and holds a remote secret for every other cluster. us-east also runs the ingress gateway.

const NS = 'istio-system';
const INGRESS_CLUSTER: DemoClusterName = 'us-east';
const rev = { 'istio.io/rev': ISTIO_REVISION, 'app.kubernetes.io/version': ISTIO_VERSION };

function workloads(cluster: DemoClusterName): WorkloadSpec[] {
  const gatewayBase = { cluster, version: ISTIO_VERSION, proxy: 'gateway' as const };
  const out: WorkloadSpec[] = [
    {
      cluster,
      app: 'istiod',
      version: ISTIO_VERSION,
      name: 'istiod',
      proxy: 'none',
      image: `docker.io/istio/pilot:${ISTIO_VERSION}`,
      ports: [
        { name: 'grpc-xds', containerPort: 15010 },
        { name: 'https-dns', containerPort: 15012 },
        { name: 'https-webhook', containerPort: 15017 },
        { name: 'http-monitoring', containerPort: 15014 },
      ],
      labels: { istio: 'pilot', ...rev },
      annotations: { 'meridian.dev/istio-version': ISTIO_VERSION },
    },
    {
      ...gatewayBase,
      app: 'istio-eastwestgateway',
      name: 'istio-eastwestgateway',
      serviceAccount: 'istio-eastwestgateway-service-account',
      ports: [
        { name: 'status-port', containerPort: 15021 },
        { name: 'tls', containerPort: 15443 },
        { name: 'tls-istiod', containerPort: 15012 },
        { name: 'tls-webhook', containerPort: 15017 },
      ],
      labels: { istio: 'eastwestgateway', 'topology.istio.io/network': networkOf(cluster), ...rev },
    },
  ];
  if (cluster === INGRESS_CLUSTER) {
    out.push({
      ...gatewayBase,
      app: 'istio-ingressgateway',
      name: 'istio-ingressgateway',
      serviceAccount: 'istio-ingressgateway-service-account',
      ports: [
        { name: 'status-port', containerPort: 15021 },
        { name: 'http2', containerPort: 80 },
        { name: 'https', containerPort: 443 },
      ],
      labels: { istio: 'ingressgateway', ...rev },
    });
  }
  return out;
}

const services: ServiceSpec[] = [
  {
    name: 'istiod',
    clusters: DEMO_CLUSTERS,
    selector: { app: 'istiod', istio: 'pilot' },
    labels: { istio: 'pilot', ...rev },
    ports: [
      { name: 'grpc-xds', port: 15010 },
      { name: 'https-dns', port: 15012 },
      { name: 'https-webhook', port: 443, targetPort: 15017 },
      { name: 'http-monitoring', port: 15014 },
    ],
  },
  {
    name: 'istio-eastwestgateway',
    clusters: DEMO_CLUSTERS,
    type: 'LoadBalancer',
    selector: { app: 'istio-eastwestgateway', istio: 'eastwestgateway' },
    labels: { istio: 'eastwestgateway', ...rev },
    ports: [
      { name: 'status-port', port: 15021 },
      { name: 'tls', port: 15443 },
      { name: 'tls-istiod', port: 15012 },
      { name: 'tls-webhook', port: 15017 },
    ],
  },
  {
    name: 'istio-ingressgateway',
    clusters: [INGRESS_CLUSTER],
    type: 'LoadBalancer',
    selector: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
    labels: { istio: 'ingressgateway', ...rev },
    ports: [
      { name: 'status-port', port: 15021 },
      { name: 'http2', port: 80 },
      { name: 'https', port: 443 },
    ],
  },
];

function meshConfig(): string {
  return stringify({
    meshId: DEMO_MESH_ID,
    trustDomain: TRUST_DOMAIN,
    rootNamespace: NS,
    enableAutoMtls: true,
    defaultConfig: { discoveryAddress: 'istiod.istio-system.svc:15012', meshId: DEMO_MESH_ID, proxyMetadata: {} },
  });
}

function meshNetworks(): string {
  const networks = Object.fromEntries(
    DEMO_CLUSTERS.map((c) => [
      networkOf(c),
      { endpoints: [{ fromRegistry: c }], gateways: [{ registryServiceName: 'istio-eastwestgateway.istio-system.svc.cluster.local', port: 15443 }] },
    ]),
  );
  return stringify({ networks });
}

/** The remote secret by which `cluster`'s istiod watches `remote` (no credentials: this is a demo). */
function remoteSecret(remote: DemoClusterName): ReturnType<typeof secret> {
  const kubeconfig = stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: remote, cluster: { server: `https://${remote}.demo.meridian.local:6443` } }],
    contexts: [{ name: remote, context: { cluster: remote, user: remote } }],
    'current-context': remote,
    users: [{ name: remote, user: {} }],
  });
  return secret(NS, `istio-remote-secret-${remote}`, { [remote]: kubeconfig }, {
    labels: { 'istio/multiCluster': 'true' },
    annotations: { 'networking.istio.io/cluster': remote },
  });
}

function objects(cluster: DemoClusterName): ClusterObject[] {
  const list = [
    configMap(NS, 'istio', { mesh: meshConfig(), meshNetworks: meshNetworks() }, { 'istio.io/rev': ISTIO_REVISION }),
    peerAuthentication(NS, 'default', 'PERMISSIVE'),
    gateway(NS, 'cross-network-gateway', {
      selector: { istio: 'eastwestgateway' },
      servers: [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' }, hosts: ['*.local'] }],
    }),
    ...DEMO_CLUSTERS.filter((c) => c !== cluster).map(remoteSecret),
  ];
  return list.map((object) => ({ cluster, object }));
}

export const istioSystem: NamespaceSpec = {
  name: NS,
  clusters: DEMO_CLUSTERS,
  injected: false,
  labels: (cluster) => ({ 'topology.istio.io/network': networkOf(cluster) }),
  workloads: DEMO_CLUSTERS.flatMap(workloads),
  services,
  objects: DEMO_CLUSTERS.flatMap(objects),
};
