import { describe, expect, it } from 'vitest';
import { type Graph } from '../../graph/types';
import { DEFAULT_THRESHOLDS } from '../../health';
import { affectedByObject, versionsOfService } from './affected';

const node = (id: string, kind: 'service' | 'app', cluster: string, name: string, version?: string) => ({
  id, kind, cluster, namespace: 'bookinfo', name, app: name, version, health: 'healthy' as const, badges: {},
  inbound: { rps: 0, errorRate: 0, clientErrorRate: 0 }, outbound: { rps: 0, errorRate: 0, clientErrorRate: 0 },
});
const edge = (source: string, target: string) => ({
  id: `${source}->${target}:http`, source, target, protocol: 'http' as const, rps: 1, errorRate: 0, responseCodes: {}, latencyMs: {}, crossCluster: false, health: 'healthy' as const,
});

describe('affected graph edges', () => {
  const graph: Graph = {
    graphType: 'versionedApp', boxes: [], clusters: [], warnings: [], timestamp: 0, duration: 60, thresholds: DEFAULT_THRESHOLDS,
    nodes: [
      node('app:us-east:bookinfo:productpage:v1', 'app', 'us-east', 'productpage', 'v1'),
      node('svc:us-east:bookinfo:reviews', 'service', 'us-east', 'reviews'),
      node('app:us-east:bookinfo:reviews:v1', 'app', 'us-east', 'reviews', 'v1'),
      node('app:eu-west:bookinfo:reviews:v3', 'app', 'eu-west', 'reviews', 'v3'),
      node('svc:us-east:bookinfo:ratings', 'service', 'us-east', 'ratings'),
    ],
    edges: [
      edge('app:us-east:bookinfo:productpage:v1', 'svc:us-east:bookinfo:reviews'),
      edge('svc:us-east:bookinfo:reviews', 'app:us-east:bookinfo:reviews:v1'),
      edge('svc:us-east:bookinfo:reviews', 'app:eu-west:bookinfo:reviews:v3'),
      edge('app:us-east:bookinfo:reviews:v1', 'svc:us-east:bookinfo:ratings'),
    ],
  };

  it('lets a wildcard host cover every service under its suffix', () => {
    const dr = { kind: 'DestinationRule', metadata: { namespace: 'bookinfo' }, spec: { host: '*.bookinfo.svc.cluster.local' } };
    expect(affectedByObject(graph, dr).services.map((s) => s.id)).toEqual(['svc:us-east:bookinfo:reviews', 'svc:us-east:bookinfo:ratings']);
    expect(affectedByObject(graph, { ...dr, spec: { host: '*.other.svc.cluster.local' } }).services).toEqual([]);
  });

  it('lists the edges into and out of the services the hosts resolve to, and their clusters', () => {
    const vs = { kind: 'VirtualService', metadata: { namespace: 'bookinfo' }, spec: { hosts: ['reviews'] } };
    const a = affectedByObject(graph, vs);
    expect(a.services.map((s) => s.id)).toEqual(['svc:us-east:bookinfo:reviews']);
    expect(a.edges).toHaveLength(3);
    expect(a.clusters).toEqual(['eu-west', 'us-east']);
    expect(versionsOfService(graph, 'bookinfo', 'reviews')).toEqual(['v1', 'v3']);
  });
});
