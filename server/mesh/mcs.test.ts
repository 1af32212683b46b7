import { describe, expect, it } from 'vitest';
import { emptyObjects, type ClusterSnapshot, type InventoryKind, type K8sObject } from '@/lib/inventory/types';
import type { MCSProblemCode } from '@/lib/mesh';
import { DERIVED, gkeFleetInventory } from '@/server/graph/testing/gke';
import { buildMcs } from './mcs';

type Spec = { exports?: string[]; imports?: Record<string, number[]>; services?: Record<string, { ports: number[]; ready: number; protocol?: string }> };

function cluster(name: string, spec: Spec): ClusterSnapshot {
  const objects = emptyObjects();
  const add = (kind: InventoryKind, o: K8sObject) => objects[kind].push(o);
  const meta = (n: string) => ({ name: n, namespace: 'ns' });
  for (const n of spec.exports ?? []) add('ServiceExport', { kind: 'ServiceExport', metadata: meta(n) });
  for (const [n, ports] of Object.entries(spec.imports ?? {})) add('ServiceImport', { kind: 'ServiceImport', metadata: meta(n), spec: { ports: ports.map((port) => ({ port, protocol: 'TCP' })) } });
  for (const [n, s] of Object.entries(spec.services ?? {})) {
    add('Service', { kind: 'Service', metadata: meta(n), spec: { ports: s.ports.map((port) => ({ name: 'http', port, protocol: s.protocol ?? 'TCP' })) } });
    add('EndpointSlice', {
      kind: 'EndpointSlice',
      metadata: { name: `${n}-x`, namespace: 'ns', labels: { 'kubernetes.io/service-name': n } },
      endpoints: [...Array(s.ready + 1).keys()].map((i) => ({ conditions: { ready: i < s.ready } })),
    });
  }
  return { cluster: name, state: 'synced', objects };
}

const codes = (clusters: ClusterSnapshot[]) => buildMcs(clusters).problems.map((p) => `${p.code}${p.cluster ? `@${p.cluster}` : ''}`);

describe('buildMcs problems', () => {
  it.each<{ what: string; a: Spec; b: Spec; problems: `${MCSProblemCode}${string}`[] }>([
    { what: 'healthy export and import', a: { exports: ['s'], services: { s: { ports: [80], ready: 2 } } }, b: { imports: { s: [80] } }, problems: [] },
    { what: 'export without a Service', a: { exports: ['s'] }, b: { imports: { s: [80] } }, problems: ['export-without-service@a'] },
    { what: 'import without any export', a: {}, b: { imports: { s: [80] } }, problems: ['import-without-export'] },
    {
      what: 'ports that differ between exporting clusters',
      a: { exports: ['s'], services: { s: { ports: [80], ready: 1 } } },
      b: { exports: ['s'], imports: { s: [80] }, services: { s: { ports: [8080], ready: 1 } } },
      problems: ['ports-differ'],
    },
    {
      what: 'protocols that differ',
      a: { exports: ['s'], services: { s: { ports: [80], ready: 1 } } },
      b: { exports: ['s'], imports: { s: [80] }, services: { s: { ports: [80], ready: 1, protocol: 'UDP' } } },
      problems: ['ports-differ'],
    },
    { what: 'an export nobody imports', a: { exports: ['s'], services: { s: { ports: [80], ready: 1 } } }, b: {}, problems: ['export-not-imported'] },
    { what: 'an export without ready endpoints', a: { exports: ['s'], services: { s: { ports: [80], ready: 0 } } }, b: { imports: { s: [80] } }, problems: ['export-no-endpoints@a'] },
  ])('$what', ({ a, b, problems }) => {
    expect(codes([cluster('a', a), cluster('b', b)]).sort()).toEqual([...problems].sort());
  });

  it('rates an export without endpoints an error only when no exporting cluster serves it', () => {
    const one = buildMcs([cluster('a', { exports: ['s'], services: { s: { ports: [80], ready: 0 } } }), cluster('b', { exports: ['s'], imports: { s: [80] }, services: { s: { ports: [80], ready: 3 } } })]);
    expect(one.problems).toEqual([expect.objectContaining({ code: 'export-no-endpoints', cluster: 'a', severity: 'warning' })]);
  });

  it('builds one row per clusterset service with the state in each cluster, merging /debug/mcsz', () => {
    const { services } = buildMcs(
      [cluster('a', { exports: ['s'], services: { s: { ports: [80], ready: 2 } } }), cluster('b', { services: { s: { ports: [80], ready: 0 } } })],
      [{ Cluster: 'b', Namespace: 'ns', Name: 's', Exported: false, Imported: true }],
    );
    expect(services).toEqual([
      {
        namespace: 'ns',
        name: 's',
        host: 's.ns.svc.clusterset.local',
        exportedFrom: ['a'],
        importedIn: ['b'],
        portsConsistent: true,
        clusters: [
          { cluster: 'a', exported: true, imported: false, service: true, endpoints: 2, ports: ['http:80/TCP'] },
          { cluster: 'b', exported: false, imported: true, service: true, endpoints: 0, ports: ['http:80/TCP'] },
        ],
      },
    ]);
  });
});

describe('buildMcs with GKE (net.gke.io) and mixed fleets', () => {
  const gke = (exported: boolean, endpoints = 2) => {
    const inv = gkeFleetInventory({ exported, endpoints });
    // The fleet's clusters know their namespaces (a real cache always lists some).
    for (const c of inv.clusters) c.objects.Namespace.push({ kind: 'Namespace', metadata: { name: 'default' } });
    return inv.clusters;
  };

  it('reads net.gke.io exports and imports: one row, the derived Service a detail, its endpoints per exporting cluster', () => {
    const { services, problems } = buildMcs(gke(true));
    expect(problems).toEqual([]);
    expect(services).toHaveLength(1);
    expect(services[0]).toMatchObject({ namespace: 'mcs-demo', name: 'hello-master-engine', exportedFrom: ['cluster-b'], importedIn: ['cluster-a', 'cluster-b'] });
    expect(services[0]?.clusters).toEqual([
      expect.objectContaining({ cluster: 'cluster-a', imported: true, exported: false, service: false, groups: ['net.gke.io'], derivedService: DERIVED, importedEndpoints: { 'cluster-b': 2 } }),
      expect.objectContaining({ cluster: 'cluster-b', imported: true, exported: true, service: true, endpoints: 2, derivedService: DERIVED, importedEndpoints: { 'cluster-b': 2 } }),
    ]);
    // No row of its own for the derived Service.
    expect(services.some((r) => r.name.startsWith('gke-mcs-'))).toBe(false);
  });

  it('an import whose exporter is gone: import-without-export, and the derived Service has no endpoints in each importing cluster', () => {
    const codes = buildMcs(gke(false)).problems.map((p) => `${p.code}${p.cluster ? `@${p.cluster}` : ''}`);
    expect(codes.sort()).toEqual(['derived-no-endpoints@cluster-a', 'derived-no-endpoints@cluster-b', 'import-without-export']);
  });

  it('both groups side by side: an upstream export in one cluster, a GKE import in another, make one clusterset service', () => {
    const upstream = cluster('a', { exports: ['s'], services: { s: { ports: [80], ready: 1 } } });
    const gkeSide: ClusterSnapshot = { cluster: 'g', state: 'synced', objects: emptyObjects() };
    gkeSide.objects['ServiceImport.net.gke.io'].push({ apiVersion: 'net.gke.io/v1', kind: 'ServiceImport', metadata: { name: 's', namespace: 'ns' }, spec: { ports: [{ port: 80, protocol: 'TCP' }] } });
    const { services, problems } = buildMcs([upstream, gkeSide]);
    expect(problems).toEqual([]);
    expect(services.map((r) => [r.name, r.exportedFrom, r.importedIn])).toEqual([['s', ['a'], ['g']]]);
    expect(services[0]?.clusters.map((c) => c.groups)).toEqual([undefined, ['net.gke.io']]);
  });

  it('a cluster taking part in MCS without the namespace of an exported service: namespace-missing there', () => {
    const clusters = gke(true);
    const c = clusters.find((x) => x.cluster === 'cluster-a')!;
    c.objects.Namespace = c.objects.Namespace.filter((n) => n.metadata.name !== 'mcs-demo');
    const withOther: ClusterSnapshot = { cluster: 'cluster-c', state: 'synced', objects: emptyObjects() };
    // cluster-c takes part in no MCS at all: not asked to have the namespace.
    withOther.objects.Namespace.push({ kind: 'Namespace', metadata: { name: 'default' } });
    const problems = buildMcs([...clusters, withOther]).problems.filter((p) => p.code === 'namespace-missing');
    expect(problems).toEqual([expect.objectContaining({ cluster: 'cluster-a', severity: 'warning', message: expect.stringContaining('has no namespace mcs-demo') })]);
  });
});
