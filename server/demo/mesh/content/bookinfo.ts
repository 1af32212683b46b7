import 'server-only';
import { DEMO_CLUSTERS, type DemoCall, type DemoClusterName } from '../../types';
import { destinationRule, gateway, versionSubsets, virtualService } from '../build/istio';
import { clusterLocalHost, clusterSetHost } from '../ids';
import type { ClusterObject, NamespaceSpec, ServiceSpec, WorkloadSpec } from '../spec';

// Bookinfo spread over the three clusters (multi-primary, namespace sameness):
//   us-east : productpage v1 (entry point, 10 rps via the ingress gateway), reviews v1, v2
//   eu-west : reviews v3, ratings v1 (exported over MCS), mysqldb (TCP)
//   ap-south: details v1
// productpage calls details/reviews by their cluster.local names, which Istio load-balances over
// every cluster holding endpoints; reviews v2/v3 call ratings by its clusterset.local name.
//
// DELIBERATE MISCONFIGURATIONS (for validation to find; there are exactly these two in the seed):
//   1. VirtualService bookinfo/details in ap-south sends 10% to subset `v2`, which the
//      DestinationRule bookinfo/details (subset v1 only) does not define.
//   2. DestinationRule bookinfo/ratings in eu-west defines subset `v2` (version: v2), which selects
//      no pod in any cluster (only ratings v1 pods exist).
// Note: subset v3 of DestinationRule reviews (us-east) selects pods in eu-west only. That is correct
// in multi-primary (a cluster.local host spans clusters), so a subset check must look mesh-wide.

const NS = 'bookinfo';
const PORT = 9080;
const http = [{ name: 'http', containerPort: PORT }];

const call = (host: string, rps: number, port = PORT, protocol: DemoCall['protocol'] = 'http'): DemoCall => ({ host, port, rps, protocol });

function app(cluster: DemoClusterName, name: string, version: string, extra: Partial<WorkloadSpec> = {}): WorkloadSpec {
  return {
    cluster,
    app: name,
    version,
    serviceAccount: `bookinfo-${name}`,
    image: `docker.io/istio/examples-bookinfo-${name}-${version}:1.20.3`,
    ports: http,
    ...extra,
  };
}

const workloads: WorkloadSpec[] = [
  app('us-east', 'productpage', 'v1', {
    traffic: {
      entryRps: 10,
      latencyMs: 25,
      calls: [call(clusterLocalHost('details', NS), 10), call(clusterLocalHost('reviews', NS), 10)],
    },
  }),
  app('us-east', 'reviews', 'v1', { traffic: { latencyMs: 12 } }),
  app('us-east', 'reviews', 'v2', { traffic: { latencyMs: 18, calls: [call(clusterSetHost('ratings', NS), 3)] } }),
  app('eu-west', 'reviews', 'v3', { traffic: { latencyMs: 20, calls: [call(clusterSetHost('ratings', NS), 2)] } }),
  app('eu-west', 'ratings', 'v1', {
    replicas: 2,
    traffic: { latencyMs: 6, calls: [call(clusterLocalHost('mysqldb', NS), 1, 3306, 'tcp')] },
  }),
  app('eu-west', 'mysqldb', 'v1', {
    image: 'docker.io/istio/examples-bookinfo-mysqldb:1.20.3',
    ports: [{ name: 'mysql', containerPort: 3306 }],
    traffic: { latencyMs: 2, tcpBytes: 4000 },
  }),
  app('ap-south', 'details', 'v1', { traffic: { latencyMs: 8, errorRate: 0.02 } }),
];

const svc = (name: string, clusters: DemoClusterName[]): ServiceSpec => ({ name, clusters, ports: [{ name: 'http', port: PORT }] });

const services: ServiceSpec[] = [
  svc('productpage', ['us-east']),
  svc('details', ['us-east', 'ap-south']), // no endpoints in us-east: served from ap-south
  svc('reviews', ['us-east', 'eu-west']),
  svc('ratings', ['eu-west']), // reached over clusterset.local (ServiceImport where callers run)
  { name: 'mysqldb', clusters: ['eu-west'], ports: [{ name: 'tcp-mysql', port: 3306 }] },
];

const objects: ClusterObject[] = [
  {
    cluster: 'us-east',
    object: gateway(NS, 'bookinfo-gateway', {
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
    }),
  },
  {
    cluster: 'us-east',
    object: virtualService(NS, 'bookinfo', {
      hosts: ['*'],
      gateways: ['bookinfo-gateway'],
      http: [
        {
          match: [
            { uri: { exact: '/productpage' } },
            { uri: { prefix: '/static' } },
            { uri: { exact: '/login' } },
            { uri: { exact: '/logout' } },
            { uri: { prefix: '/api/v1/products' } },
          ],
          route: [{ destination: { host: 'productpage', port: { number: PORT } } }],
        },
      ],
    }),
  },
  { cluster: 'us-east', object: destinationRule(NS, 'reviews', { host: 'reviews', subsets: versionSubsets('v1', 'v2', 'v3') }) },
  {
    cluster: 'us-east',
    object: virtualService(NS, 'reviews', {
      hosts: ['reviews'],
      http: [
        {
          route: [
            { destination: { host: 'reviews', subset: 'v1' }, weight: 50 },
            { destination: { host: 'reviews', subset: 'v2' }, weight: 30 },
            { destination: { host: 'reviews', subset: 'v3' }, weight: 20 },
          ],
        },
      ],
    }),
  },
  {
    cluster: 'eu-west',
    // Misconfiguration 2: subset v2 selects no pods.
    object: destinationRule(NS, 'ratings', {
      host: 'ratings',
      trafficPolicy: {
        connectionPool: { http: { http1MaxPendingRequests: 100, maxRequestsPerConnection: 10 } },
        outlierDetection: { consecutive5xxErrors: 5, interval: '30s', baseEjectionTime: '60s' },
      },
      subsets: versionSubsets('v1', 'v2'),
    }),
  },
  { cluster: 'ap-south', object: destinationRule(NS, 'details', { host: 'details', subsets: versionSubsets('v1') }) },
  {
    cluster: 'ap-south',
    // Misconfiguration 1: subset v2 is defined by no DestinationRule.
    object: virtualService(NS, 'details', {
      hosts: ['details'],
      http: [
        {
          route: [
            { destination: { host: 'details', subset: 'v1' }, weight: 90 },
            { destination: { host: 'details', subset: 'v2' }, weight: 10 },
          ],
        },
      ],
    }),
  },
];

export const bookinfo: NamespaceSpec = {
  name: NS,
  clusters: DEMO_CLUSTERS,
  injected: true,
  workloads,
  services,
  exports: [{ service: 'ratings', from: ['eu-west'], importedIn: ['us-east', 'eu-west'] }],
  objects,
};
