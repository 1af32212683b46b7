import 'server-only';

// Test fixtures: the Istio labels of the demo's cross-cluster edge hello-app-engine (us-east) ->
// hello-master-engine (eu-west), as the latency-spike scenario slows it down.
export const HELLO_EDGE = {
  source_cluster: 'us-east',
  source_workload_namespace: 'mcs-demo',
  source_canonical_service: 'hello-app-engine',
  source_canonical_revision: 'v1',
  destination_cluster: 'eu-west',
  destination_service_namespace: 'mcs-demo',
  destination_service_name: 'hello-master-engine',
  request_protocol: 'http',
} as const;

export const HELLO_EDGE_ID = 'app:us-east:mcs-demo:hello-app-engine:v1->svc:eu-west:mcs-demo:hello-master-engine:http';
