import { describe, expect, it } from 'vitest';
import { DEMO_CLUSTERS, DEMO_MESH_ID, SIM_ANNOTATIONS, type DemoClusterName, type KubeObject } from '../types';
import { labelsMatch } from './build/service';
import { callsOf, find, ofKind, seedAll, type Seeds } from './testing';

// What the seeded mesh contains: MCS exports/imports, resolvable traffic, istio-system, the two
// deliberate misconfigurations and nothing else of their sort, synthetic scale.

const seeds = seedAll();
const everywhere = (s: Seeds, kind: string): [DemoClusterName, KubeObject][] =>
  DEMO_CLUSTERS.flatMap((c) => ofKind(s[c], kind).map((o) => [c, o] as [DemoClusterName, KubeObject]));
const clustersWith = (s: Seeds, kind: string, ns: string, name: string) => DEMO_CLUSTERS.filter((c) => find(s[c], kind, ns, name));

function checkCallsResolve(s: Seeds): number {
  let checked = 0;
  for (const [cluster, d] of everywhere(s, 'Deployment')) {
    for (const call of callsOf(d)) {
      const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.(cluster|clusterset)\.local$/.exec(call.host);
      expect(m, call.host).not.toBeNull();
      const [, name = '', ns = '', domain] = m ?? [];
      const where = d.metadata.name + ' -> ' + call.host;
      if (domain === 'cluster') {
        expect(clustersWith(s, 'Service', ns, name).length, where).toBeGreaterThan(0);
      } else {
        expect(clustersWith(s, 'ServiceExport', ns, name).length, where).toBeGreaterThan(0);
        expect(find(s[cluster], 'ServiceImport', ns, name), `${where}: imported in ${cluster}`).toBeDefined();
      }
      const ports = DEMO_CLUSTERS.flatMap((c) => {
        const svc = find(s[c], 'Service', ns, name);
        return ((svc?.spec as { ports?: { port: number }[] } | undefined)?.ports ?? []).map((p) => p.port);
      });
      expect(ports, where).toContain(call.port);
      checked++;
    }
  }
  return checked;
}

describe('MCS', () => {
  it('exports ratings from eu-west and imports it in us-east with a ClusterSetIP', () => {
    expect(clustersWith(seeds, 'ServiceExport', 'bookinfo', 'ratings')).toEqual(['eu-west']);
    const imp = find(seeds['us-east'], 'ServiceImport', 'bookinfo', 'ratings');
    const spec = imp?.spec as { type: string; ips: string[]; ports: { port: number }[] };
    expect(imp?.apiVersion).toBe('multicluster.x-k8s.io/v1alpha1');
    expect(spec.type).toBe('ClusterSetIP');
    expect(spec.ips).toHaveLength(1);
    expect(spec.ports.map((p) => p.port)).toEqual([9080]);
  });

  it('exports hello-master-engine from eu-west to us-east', () => {
    expect(clustersWith(seeds, 'ServiceExport', 'mcs-demo', 'hello-master-engine')).toEqual(['eu-west']);
    expect(clustersWith(seeds, 'ServiceImport', 'mcs-demo', 'hello-master-engine')).toEqual(['us-east']);
    const app = find(seeds['us-east'], 'Deployment', 'mcs-demo', 'hello-app-engine-v1');
    expect(callsOf(app!)).toEqual([{ host: 'hello-master-engine.mcs-demo.svc.clusterset.local', port: 8080, rps: 5, protocol: 'http' }]);
    expect(app?.metadata.annotations?.[SIM_ANNOTATIONS.entryRps]).toBe('5');
  });
});

describe('traffic annotations', () => {
  it('resolve every called host to a Service (clusterset: an exported and locally imported one)', () => {
    expect(checkCallsResolve(seeds)).toBe(7);
  });

  it('make productpage the 10 rps entry point and ratings call mysqldb over tcp', () => {
    const pp = find(seeds['us-east'], 'Deployment', 'bookinfo', 'productpage-v1');
    expect(pp?.metadata.annotations?.[SIM_ANNOTATIONS.entryRps]).toBe('10');
    expect(callsOf(pp!).map((c) => c.host)).toEqual(['details.bookinfo.svc.cluster.local', 'reviews.bookinfo.svc.cluster.local']);
    const ratings = find(seeds['eu-west'], 'Deployment', 'bookinfo', 'ratings-v1');
    expect(callsOf(ratings!)).toEqual([{ host: 'mysqldb.bookinfo.svc.cluster.local', port: 3306, rps: 1, protocol: 'tcp' }]);
    const mysql = find(seeds['eu-west'], 'Service', 'bookinfo', 'mysqldb');
    expect((mysql?.spec as { ports: { name: string }[] }).ports[0]?.name).toBe('tcp-mysql');
  });
});

describe('istio-system', () => {
  it.each(DEMO_CLUSTERS)('%s: istiod, east-west gateway, network, remote secrets, mesh id', (cluster) => {
    const objs = seeds[cluster];
    expect(ofKind(objs, 'Namespace').find((n) => n.metadata.name === 'istio-system')).toMatchObject({ metadata: { labels: { 'topology.istio.io/network': `network-${cluster}` } } });
    const istiod = find(objs, 'Deployment', 'istio-system', 'istiod');
    expect(istiod?.metadata.labels).toMatchObject({ app: 'istiod', 'istio.io/rev': 'default' });
    expect(istiod?.metadata.labels?.['app.kubernetes.io/version']).toMatch(/^1\.28\./);
    const ew = find(objs, 'Service', 'istio-system', 'istio-eastwestgateway');
    expect((ew?.spec as { type: string }).type).toBe('LoadBalancer');
    expect((ew?.status as { loadBalancer: { ingress: { ip: string }[] } }).loadBalancer.ingress[0]?.ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const secrets = ofKind(objs, 'Secret', 'istio-system').filter((s) => s.metadata.labels?.['istio/multiCluster'] === 'true');
    expect(secrets.map((s) => s.metadata.annotations?.['networking.istio.io/cluster']).sort()).toEqual(DEMO_CLUSTERS.filter((c) => c !== cluster).sort());
    for (const s of secrets) expect(s.metadata.name).toBe(`istio-remote-secret-${s.metadata.annotations?.['networking.istio.io/cluster']}`);
    const mesh = (find(objs, 'ConfigMap', 'istio-system', 'istio')?.data as { mesh: string }).mesh;
    expect(mesh).toContain(`meshId: ${DEMO_MESH_ID}`);
    expect(mesh).toContain('trustDomain: cluster.local');
    expect(find(objs, 'PeerAuthentication', 'istio-system', 'default')?.spec).toEqual({ mtls: { mode: 'PERMISSIVE' } });
  });

  it('runs the ingress gateway in us-east only, selected by bookinfo-gateway', () => {
    expect(clustersWith(seeds, 'Deployment', 'istio-system', 'istio-ingressgateway')).toEqual(['us-east']);
    const gw = find(seeds['us-east'], 'Gateway', 'bookinfo', 'bookinfo-gateway');
    const selector = (gw?.spec as { selector: Record<string, string> }).selector;
    expect(ofKind(seeds['us-east'], 'Pod', 'istio-system').filter((p) => labelsMatch(selector, p.metadata.labels))).toHaveLength(1);
  });

  it('makes mcs-demo STRICT wherever it exists', () => {
    const withNs = DEMO_CLUSTERS.filter((c) => ofKind(seeds[c], 'Namespace').some((n) => n.metadata.name === 'mcs-demo'));
    expect(clustersWith(seeds, 'PeerAuthentication', 'mcs-demo', 'default')).toEqual(withNs);
  });
});

describe('deliberate misconfigurations', () => {
  type Route = { destination: { host: string; subset?: string } };
  const drSubsets = (cluster: DemoClusterName, ns: string, host: string) =>
    ofKind(seeds[cluster], 'DestinationRule', ns)
      .filter((dr) => (dr.spec as { host: string }).host === host)
      .flatMap((dr) => (dr.spec as { subsets?: { name: string }[] }).subsets ?? [])
      .map((s) => s.name);

  it('has exactly one VirtualService route to an undefined subset: details v2 in ap-south', () => {
    const missing: string[] = [];
    for (const [cluster, vs] of everywhere(seeds, 'VirtualService')) {
      const routes = ((vs.spec as { http?: { route: Route[] }[] }).http ?? []).flatMap((h) => h.route);
      for (const r of routes) {
        const { host, subset } = r.destination;
        if (subset && !drSubsets(cluster, vs.metadata.namespace ?? '', host).includes(subset)) missing.push(`${cluster}/${vs.metadata.name}/${subset}`);
      }
    }
    expect(missing).toEqual(['ap-south/details/v2']);
  });

  it('has exactly one DestinationRule subset selecting no pod in any cluster: ratings v2', () => {
    const allPods = everywhere(seeds, 'Pod').map(([, p]) => p);
    const empty: string[] = [];
    for (const [cluster, dr] of everywhere(seeds, 'DestinationRule')) {
      const spec = dr.spec as { host: string; subsets?: { name: string; labels: Record<string, string> }[] };
      for (const s of spec.subsets ?? []) {
        const selector = { app: spec.host, ...s.labels };
        const matches = allPods.filter((p) => p.metadata.namespace === dr.metadata.namespace && labelsMatch(selector, p.metadata.labels));
        if (matches.length === 0) empty.push(`${cluster}/${dr.metadata.name}/${s.name}`);
      }
    }
    expect(empty).toEqual(['eu-west/ratings/v2']);
  });
});

describe('synthetic services', () => {
  it('adds N services spread over the clusters, with resolvable calls, deterministically', () => {
    const big = seedAll({ syntheticServices: 1000 });
    const synthServices = everywhere(big, 'Service').filter(([, s]) => s.metadata.namespace?.startsWith('synth-'));
    expect(synthServices).toHaveLength(1000);
    for (const c of DEMO_CLUSTERS) expect(synthServices.filter(([cl]) => cl === c).length).toBeGreaterThan(250);
    const namespaces = new Set(synthServices.map(([, s]) => s.metadata.namespace));
    expect(namespaces.size).toBe(20);
    const synthDeployments = everywhere(big, 'Deployment').filter(([, d]) => d.metadata.namespace?.startsWith('synth-'));
    for (const [, d] of synthDeployments) expect(callsOf(d).length).toBeGreaterThanOrEqual(3);
    expect(synthDeployments.flatMap(([, d]) => callsOf(d)).some((c) => c.host.endsWith('.svc.clusterset.local'))).toBe(true);
    expect(checkCallsResolve(big)).toBeGreaterThan(3000);
  });
});
