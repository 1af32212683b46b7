import { describe, expect, it } from 'vitest';
import { eventually, kubectl, promQuery } from '../support/stack';

// Issue: the demo mesh's traffic, seen by a real Prometheus scraping its Istio metrics.

const REVIEWS_ALL_V3 = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 0
    - destination: {host: reviews, subset: v2}
      weight: 0
    - destination: {host: reviews, subset: v3}
      weight: 100
`;

describe('demo mesh metrics in Prometheus', () => {
  it('shows cross-cluster traffic from us-east to eu-west within 60 s', async () => {
    const rate = await eventually('us-east -> eu-west request rate > 0', async () => {
      const r = await promQuery('sum by (source_cluster, destination_cluster) (rate(istio_requests_total{reporter="source"}[10s]))');
      const cell = r.find((s) => s.metric.source_cluster === 'us-east' && s.metric.destination_cluster === 'eu-west');
      return cell && cell.value > 0 ? cell.value : undefined;
    });
    expect(rate).toBeGreaterThan(0);
  });

  it('carries connection_security_policy="mutual_tls" on the STRICT namespace', async () => {
    const r = await eventually('mcs-demo traffic reported by the destination', async () => {
      const s = await promQuery('sum by (connection_security_policy) (rate(istio_requests_total{reporter="destination", destination_service_namespace="mcs-demo"}[10s]))');
      return s.some((x) => x.value > 0) ? s : undefined;
    });
    const byPolicy = Object.fromEntries(r.map((s) => [s.metric.connection_security_policy, s.value]));
    expect(byPolicy.mutual_tls).toBeGreaterThan(0);
    expect(byPolicy.none ?? 0).toBe(0);
  });

  it('moves >= 95% of reviews traffic to v3 within 60 s of a VirtualService change made with kubectl', async () => {
    const before = await kubectl(['--context', 'us-east', 'get', 'virtualservice', 'reviews', '-n', 'bookinfo', '-o', 'yaml']);
    expect(before.code).toBe(0);
    const applied = await kubectl(['--context', 'us-east', 'apply', '-f', '-'], { input: REVIEWS_ALL_V3 });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/virtualservice.networking.istio.io\/reviews configured/);
    try {
      const share = await eventually('>= 95% of reviews traffic on v3', async () => {
        const r = await promQuery('sum by (destination_version) (rate(istio_requests_total{reporter="source", source_cluster="us-east", destination_service_name="reviews"}[8s]))');
        const total = r.reduce((n, s) => n + s.value, 0);
        const v3 = r.find((s) => s.metric.destination_version === 'v3')?.value ?? 0;
        return total > 0 && v3 / total >= 0.95 ? v3 / total : undefined;
      });
      expect(share).toBeGreaterThanOrEqual(0.95);
    } finally {
      // Put the seeded weights back for the suites that follow.
      const restore = before.stdout.replace(/\n\s+resourceVersion: .*\n/, '\n');
      await kubectl(['--context', 'us-east', 'apply', '-f', '-'], { input: restore });
    }
  });
});
