import { describe, expect, it } from 'vitest';
import { metricsQuerySchema } from '@/lib/metrics-query';
import { nodeMatchers, seriesQueries } from './series';

describe('chart series PromQL', () => {
  it('maps node ids to the labels of each side', () => {
    expect(nodeMatchers('wl:us-east:mcs-demo:hello-app-engine-v1', 'source').matchers).toEqual({
      source_cluster: 'us-east',
      source_workload_namespace: 'mcs-demo',
      source_workload: 'hello-app-engine-v1',
    });
    expect(nodeMatchers('app:eu-west:bookinfo:reviews:v3', 'destination').matchers).toMatchObject({ destination_canonical_revision: 'v3' });
    expect(nodeMatchers('svc:eu-west:bookinfo:ratings', 'destination').matchers).toMatchObject({ destination_service_name: 'ratings' });
    expect(() => nodeMatchers('svc:eu-west:bookinfo:ratings', 'source')).toThrow(/no outbound traffic/);
  });

  it('builds edge queries from the source reporter, in the source cluster', () => {
    const q = metricsQuerySchema.parse({ source: 'wl:us-east:mcs-demo:hello-app-engine-v1', target: 'svc:eu-west:mcs-demo:hello-master-engine' });
    const { reporterCluster, queries } = seriesQueries(q, 10);
    expect(reporterCluster).toBe('us-east');
    expect(queries.rps).toBe(
      'sum(rate(istio_requests_total{reporter="source",source_cluster="us-east",source_workload_namespace="mcs-demo",source_workload="hello-app-engine-v1",destination_cluster="eu-west",destination_service_namespace="mcs-demo",destination_service_name="hello-master-engine"}[30s]))',
    );
    expect(queries.p95).toMatch(/^histogram_quantile\(0\.95, sum by \(le\)/);
  });

  it('rejects a query that is neither a node nor an edge', () => {
    expect(metricsQuerySchema.safeParse({ source: 'unknown' }).error?.issues[0]?.message).toMatch(/either node/);
    expect(metricsQuerySchema.safeParse({ node: 'wl:US:x:y' }).error?.issues[0]?.path).toEqual(['node']);
  });
});
