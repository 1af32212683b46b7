import 'server-only';
import type { GraphType } from '@/lib/graph/types';
import type { InventorySnapshot } from '@/lib/inventory/types';
import type { BuildGraphInput, GraphOptions, Telemetry } from '../types';
import { cluster, merge, namespace, object, service, workload } from './k8s';
import { pushLatency, pushPrincipals, request, spiffe, telemetryOf, type Call, type End } from './telemetry';

/**
 * The canned two-cluster scenario of the graph golden tests:
 *  - mcs-demo: hello-app-engine (us-east) -> hello-master-engine.mcs-demo.svc.clusterset.local ->
 *    hello-master-engine (eu-west, exported, imported in us-east); both reporters (source 10.2/s,
 *    destination 10/s), mutual TLS, p95 60 ms at the destination;
 *  - bookinfo (us-east): productpage -> reviews v1 (4/s) / v2 (3/s, 1% 500) / v3 (3/s);
 *    reviews-v2 -> ratings (local, us-east); reviews-v3 -> ratings.bookinfo.svc.clusterset.local
 *    (eu-west); ratings exported in eu-west and imported in us-east; productpage -> details, whose
 *    only pod is not ready (source-reported 503 UH); productpage -> PassthroughCluster;
 *    reviews-v1 -> api.payments.example (ServiceEntry); unidentified callers -> productpage;
 *    VirtualService reviews (short host), DestinationRule reviews (outlierDetection), VirtualService
 *    ratings with a fault; STRICT PeerAuthentication in mcs-demo, mesh-wide PERMISSIVE;
 *  - legacy (us-east, not injected): legacy-billing without sidecar -> productpage; only the
 *    destination proxy reports it (identified by metadata discovery), plaintext.
 */

const E = 'us-east';
const W = 'eu-west';

export const ends = {
  helloApp: { cluster: E, ns: 'mcs-demo', wl: 'hello-app-engine', app: 'hello-app-engine', version: 'v1' },
  helloMaster: { cluster: W, ns: 'mcs-demo', wl: 'hello-master-engine', app: 'hello-master-engine', version: 'v1' },
  productpage: { cluster: E, ns: 'bookinfo', wl: 'productpage-v1', app: 'productpage', version: 'v1' },
  reviews1: { cluster: E, ns: 'bookinfo', wl: 'reviews-v1', app: 'reviews', version: 'v1' },
  reviews2: { cluster: E, ns: 'bookinfo', wl: 'reviews-v2', app: 'reviews', version: 'v2' },
  reviews3: { cluster: E, ns: 'bookinfo', wl: 'reviews-v3', app: 'reviews', version: 'v3' },
  ratingsEast: { cluster: E, ns: 'bookinfo', wl: 'ratings-v1', app: 'ratings', version: 'v1' },
  ratingsWest: { cluster: W, ns: 'bookinfo', wl: 'ratings-v1', app: 'ratings', version: 'v1' },
  legacy: { cluster: E, ns: 'legacy', wl: 'legacy-billing', app: 'legacy-billing', version: 'v1' },
} satisfies Record<string, End>;

const local = (svc: string, ns: string) => `${svc}.${ns}.svc.cluster.local`;
const set = (svc: string, ns: string) => `${svc}.${ns}.svc.clusterset.local`;

export const calls = {
  hello: { src: ends.helloApp, dst: { cluster: W, host: set('hello-master-engine', 'mcs-demo'), wl: ends.helloMaster } },
  reviews1: { src: ends.productpage, dst: { host: local('reviews', 'bookinfo'), wl: ends.reviews1 } },
  reviews2: { src: ends.productpage, dst: { host: local('reviews', 'bookinfo'), wl: ends.reviews2 } },
  reviews3: { src: ends.productpage, dst: { host: local('reviews', 'bookinfo'), wl: ends.reviews3 } },
  ratingsLocal: { src: ends.reviews2, dst: { host: local('ratings', 'bookinfo'), wl: ends.ratingsEast } },
  ratingsRemote: { src: ends.reviews3, dst: { cluster: W, host: set('ratings', 'bookinfo'), wl: ends.ratingsWest } },
  legacy: { src: ends.legacy, dst: { host: local('productpage', 'bookinfo'), wl: ends.productpage } },
  unknown: { dst: { host: local('productpage', 'bookinfo'), wl: ends.productpage } },
  payments: { src: ends.reviews1, dst: { host: 'api.payments.example', svcNs: 'bookinfo' } },
  details: { src: ends.productpage, dst: { host: local('details', 'bookinfo') } },
  passthrough: { src: ends.productpage, dst: { host: 'unknown', svcName: 'PassthroughCluster', svcNs: 'unknown' } },
} satisfies Record<string, Call>;

export function scenarioInventory(): InventorySnapshot {
  const east = merge(
    { Namespace: [namespace('istio-system', false), namespace('mcs-demo', true), namespace('bookinfo', true), namespace('legacy', false)] },
    object('PeerAuthentication', 'istio-system', 'default', { mtls: { mode: 'PERMISSIVE' } }),
    object('PeerAuthentication', 'mcs-demo', 'strict', { mtls: { mode: 'STRICT' } }),
    workload('mcs-demo', 'hello-app-engine', 'hello-app-engine', 'v1'),
    service('mcs-demo', 'hello-app-engine'),
    object('ServiceImport', 'mcs-demo', 'hello-master-engine', { type: 'ClusterSetIP', ports: [{ port: 8080 }] }),
    workload('bookinfo', 'productpage-v1', 'productpage', 'v1'),
    workload('bookinfo', 'reviews-v1', 'reviews', 'v1'),
    workload('bookinfo', 'reviews-v2', 'reviews', 'v2'),
    workload('bookinfo', 'reviews-v3', 'reviews', 'v3'),
    workload('bookinfo', 'ratings-v1', 'ratings', 'v1'),
    workload('bookinfo', 'details-v1', 'details', 'v1', { ready: 0 }),
    service('bookinfo', 'productpage'),
    service('bookinfo', 'reviews', 3),
    service('bookinfo', 'ratings'),
    service('bookinfo', 'details', 0),
    object('ServiceImport', 'bookinfo', 'ratings', { type: 'ClusterSetIP', ports: [{ port: 9080 }] }),
    object('VirtualService', 'bookinfo', 'reviews', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] }),
    object('DestinationRule', 'bookinfo', 'reviews', {
      host: 'reviews.bookinfo.svc.cluster.local',
      trafficPolicy: { outlierDetection: { consecutive5xxErrors: 5 } },
      subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
    }),
    object('VirtualService', 'bookinfo', 'ratings', { hosts: ['ratings'], http: [{ fault: { delay: { fixedDelay: '2s', percentage: { value: 10 } } }, route: [{ destination: { host: 'ratings' } }] }] }),
    object('ServiceEntry', 'bookinfo', 'payments', { hosts: ['api.payments.example'], location: 'MESH_EXTERNAL', ports: [{ number: 443, name: 'https', protocol: 'TLS' }] }),
    workload('legacy', 'legacy-billing', 'legacy-billing', 'v1', { sidecar: false }),
    service('legacy', 'legacy-billing'),
  );
  const west = merge(
    { Namespace: [namespace('istio-system', false), namespace('mcs-demo', true), namespace('bookinfo', true)] },
    object('PeerAuthentication', 'istio-system', 'default', { mtls: { mode: 'PERMISSIVE' } }),
    object('PeerAuthentication', 'mcs-demo', 'strict', { mtls: { mode: 'STRICT' } }),
    workload('mcs-demo', 'hello-master-engine', 'hello-master-engine', 'v1'),
    service('mcs-demo', 'hello-master-engine'),
    object('ServiceExport', 'mcs-demo', 'hello-master-engine'),
    workload('bookinfo', 'ratings-v1', 'ratings', 'v1'),
    service('bookinfo', 'ratings'),
    object('ServiceExport', 'bookinfo', 'ratings'),
  );
  return { clusters: [cluster(E, east), cluster(W, west)] };
}

/** A call reported by both proxies with the same rate; mutual TLS. */
function both(c: Call, rps: number, code = '200') {
  return [request(c, 'source', rps, { code }), request(c, 'destination', rps, { code })];
}

export function scenarioTelemetry(): Telemetry {
  const requests = [
    request(calls.hello, 'source', 10.2),
    request(calls.hello, 'destination', 10),
    ...both(calls.reviews1, 4),
    ...both(calls.reviews2, 2.97),
    ...both(calls.reviews2, 0.03, '500'),
    ...both(calls.reviews3, 3),
    ...both(calls.ratingsLocal, 3),
    ...both(calls.ratingsRemote, 3),
    request(calls.legacy, 'destination', 1, { policy: 'none' }),
    request(calls.unknown, 'destination', 2, { policy: 'none' }),
    request(calls.payments, 'source', 0.5),
    request(calls.details, 'source', 0.5, { code: '503', flags: 'UH' }),
    request(calls.passthrough, 'source', 0.2),
  ];
  const t = telemetryOf(requests);
  // The caller measures the cross-cluster hop too (~50 ms more than the server's own time).
  pushLatency(t, calls.hello, 'source', { p50: 70, p95: 112, p99: 150, avg: 76, rps: 10.2 });
  pushLatency(t, calls.hello, 'destination', { p50: 20, p95: 60, p99: 90, avg: 25, rps: 10 });
  for (const [c, p95] of [
    [calls.reviews1, 30],
    [calls.reviews2, 45],
    [calls.reviews3, 50],
  ] as const) {
    pushLatency(t, c, 'destination', { p50: 10, p95, p99: p95 + 20, avg: 12, rps: 3 });
  }
  pushLatency(t, calls.ratingsRemote, 'destination', { p50: 8, p95: 70, p99: 95, avg: 15, rps: 3 });
  pushLatency(t, calls.payments, 'source', { p50: 120, p95: 300, p99: 480, avg: 150, rps: 0.5 });
  pushPrincipals(t, calls.hello, 'destination', 10, spiffe('mcs-demo', 'hello-app-engine'), spiffe('mcs-demo', 'hello-master-engine'));
  pushPrincipals(t, calls.ratingsRemote, 'destination', 3, spiffe('bookinfo', 'bookinfo-reviews'), spiffe('bookinfo', 'bookinfo-ratings'));
  return t;
}

export const QUERY_TIME = 1_760_000_000;

export function scenarioOptions(graphType: GraphType, over: Partial<GraphOptions> = {}): GraphOptions {
  return { graphType, clusters: [], namespaces: [], duration: 600, queryTime: QUERY_TIME, idle: false, ...over };
}

export function scenario(graphType: GraphType, over: Partial<GraphOptions> = {}): BuildGraphInput {
  return { inventory: scenarioInventory(), telemetry: scenarioTelemetry(), options: scenarioOptions(graphType, over) };
}
