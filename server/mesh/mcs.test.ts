import { describe, expect, it } from 'vitest';
import { emptyObjects, type ClusterSnapshot, type InventoryKind, type K8sObject } from '@/lib/inventory/types';
import type { MCSProblemCode } from '@/lib/mesh';
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
