import { describe, expect, it } from 'vitest';
import { QUERY_NAMES } from './types';
import { fetchTelemetry, graphQueries, mergeTelemetry } from './queries';

const IDENT =
  'source_cluster,source_workload,source_workload_namespace,source_canonical_service,source_canonical_revision,destination_cluster,destination_service,destination_service_name,destination_service_namespace,destination_workload,destination_workload_namespace,destination_canonical_service,destination_canonical_revision';

describe('graphQueries', () => {
  it('one batch: requests, tcp, p50/p95/p99, sum, count, principals', () => {
    expect(Object.keys(graphQueries({ duration: 600, namespaces: [], clusters: [] }))).toEqual([...QUERY_NAMES]);
  });

  it('golden: the request query without filters', () => {
    expect(graphQueries({ duration: 600, namespaces: [], clusters: [] }).requests).toBe(
      `sum by (reporter,${IDENT},request_protocol,response_code,grpc_response_status,response_flags,connection_security_policy) (rate(istio_requests_total{}[600s]))`,
    );
  });

  it('golden: namespaces filter source OR destination with an escaped regex; global cluster matcher', () => {
    const q = graphQueries({ duration: 60, namespaces: ['bookinfo', 'a.b'], clusters: ['us-east', 'eu-west'], clusterLabel: 'k8s_cluster' });
    const by = `sum by (reporter,${IDENT},request_protocol,response_code,grpc_response_status,response_flags,connection_security_policy)`;
    const sel = (side: string) => `istio_requests_total{k8s_cluster=~"us-east|eu-west",${side}=~"bookinfo|a\\\\.b"}`;
    expect(q.requests).toBe(`(${by} (rate(${sel('destination_service_namespace')}[60s])) or ${by} (rate(${sel('source_workload_namespace')}[60s])))`);
    expect(q.tcp).toContain('istio_tcp_sent_bytes_total{k8s_cluster=~"us-east|eu-west",destination_service_namespace=~"bookinfo|a\\\\.b"}');
    expect(q.tcp).toContain('istio_tcp_received_bytes_total{k8s_cluster=~"us-east|eu-west",source_workload_namespace=~"bookinfo|a\\\\.b"}');
  });

  it('latency quantiles over buckets of both reporters (the appender picks whose view), avg from _sum/_count', () => {
    const q = graphQueries({ duration: 300, namespaces: [], clusters: [] });
    expect(q.latencyP95).toBe(`histogram_quantile(0.95, sum by (le,reporter,${IDENT},request_protocol) (rate(istio_request_duration_milliseconds_bucket{}[300s])))`);
    expect(q.latencyP50).toMatch(/^histogram_quantile\(0\.5, /);
    expect(q.latencyP99).toMatch(/^histogram_quantile\(0\.99, /);
    expect(q.latencySum).toBe(`sum by (reporter,${IDENT},request_protocol) (rate(istio_request_duration_milliseconds_sum{}[300s]))`);
    expect(q.latencyCount).toContain('rate(istio_request_duration_milliseconds_count{}[300s])');
    expect(q.principals).toContain('source_principal,destination_principal');
    expect(q.tcp).toMatch(/^\(sum by .*istio_tcp_sent_bytes_total.* \+ sum by .*istio_tcp_received_bytes_total/);
  });

  it('a hostile namespace cannot break out of the string', () => {
    const q = graphQueries({ duration: 60, namespaces: ['x"}) or vector(1) or ({a="'], clusters: [] });
    expect(q.requests).toContain('=~"x\\"\\\\}\\\\) or vector\\\\(1\\\\) or \\\\(\\\\{a=\\""');
  });
});

describe('fetchTelemetry', () => {
  it('runs every query once through the injected client and keeps failures as data', async () => {
    const seen: string[] = [];
    const t = await fetchTelemetry(async (name, promql) => {
      seen.push(name);
      if (name === 'latencyP99') throw new Error('timeout');
      return name === 'requests' ? [{ metric: { reporter: 'destination', q: promql.slice(0, 3) }, value: 1 }] : [];
    }, { duration: 60, namespaces: ['bookinfo'], clusters: [] });
    expect(seen.sort()).toEqual([...QUERY_NAMES].sort());
    expect(t.samples.requests).toEqual([{ metric: { reporter: 'destination', q: '(su' }, value: 1 }]);
    expect(t.errors).toEqual({ latencyP99: 'timeout' });
  });

  it('merges per-cluster telemetry; a query fails only when it failed everywhere', async () => {
    const ok = await fetchTelemetry(async () => [{ metric: {}, value: 1 }], { duration: 60, namespaces: [], clusters: [] });
    const bad = await fetchTelemetry(async () => Promise.reject(new Error('down')), { duration: 60, namespaces: [], clusters: [] });
    const m = mergeTelemetry([ok, bad])!;
    expect(m.errors).toEqual({});
    expect(m.samples.requests).toHaveLength(1);
    expect(mergeTelemetry([bad])!.errors.requests).toBe('down');
    expect(mergeTelemetry([])).toBeUndefined();
  });
});
