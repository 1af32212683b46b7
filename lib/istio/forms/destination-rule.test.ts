import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSubsets, readTrafficPolicy, subsetsForVersions, writeSubsets, writeTrafficPolicy } from './destination-rule';
import { type Obj } from './object';
import { newObject } from './templates';
import { checkObject } from './validate';
import { parseYamlObject, toYaml } from './yaml';

const RATINGS = `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ratings, namespace: bookinfo}
spec:
  host: ratings
  futureSpec: {a: 1}
  trafficPolicy:
    loadBalancer: {simple: LEAST_REQUEST, futureLb: true}
    connectionPool:
      tcp: {maxConnections: 100, connectTimeout: 30ms}
    portLevelSettings: [{port: {number: 9080}, tls: {mode: DISABLE}}]
  subsets:
  - name: v1
    labels: {version: v1}
    trafficPolicy: {loadBalancer: {simple: RANDOM}}
  - name: v2
    labels: {version: v2, track: canary}
`;
const dr = () => parse(RATINGS) as Obj;

function viaYaml(o: Obj): Obj {
  const p = parseYamlObject(toYaml(o));
  if (!p.ok) throw new Error(p.message);
  return p.value;
}

describe('DestinationRule forms', () => {
  it('round-trip unchanged: YAML -> form -> YAML is the same object', () => {
    const o = dr();
    expect(viaYaml(writeTrafficPolicy(writeSubsets(o, readSubsets(o)), readTrafficPolicy(o)))).toEqual(dr());
  });

  it('edits subsets and keeps their traffic policies and unknown fields', () => {
    const out = viaYaml(writeSubsets(dr(), { subsets: [{ name: 'v1', labels: 'version=v1' }, { name: 'v3', labels: 'version=v3' }] }));
    const spec = out.spec as { subsets: Obj[]; futureSpec: unknown };
    expect(spec.futureSpec).toEqual({ a: 1 });
    expect(spec.subsets[0]).toEqual({ name: 'v1', labels: { version: 'v1' }, trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } });
    expect(spec.subsets[1]).toEqual({ name: 'v3', labels: { version: 'v3' } });
    expect(readSubsets(dr()).subsets[1]).toEqual({ name: 'v2', labels: 'version=v2, track=canary' });
  });

  it('sets connection pool, outlier detection and TLS mode, leaving unowned fields', () => {
    const out = viaYaml(
      writeTrafficPolicy(dr(), {
        ...readTrafficPolicy(dr()),
        loadBalancer: '',
        http1MaxPendingRequests: 10,
        consecutive5xxErrors: 5,
        interval: '10s',
        baseEjectionTime: '30s',
        maxEjectionPercent: 50,
        tlsMode: 'ISTIO_MUTUAL',
      }),
    );
    const tp = (out.spec as { trafficPolicy: Obj }).trafficPolicy;
    expect(tp.loadBalancer).toEqual({ futureLb: true });
    expect(tp.connectionPool).toEqual({ tcp: { maxConnections: 100, connectTimeout: '30ms' }, http: { http1MaxPendingRequests: 10 } });
    expect(tp.outlierDetection).toEqual({ consecutive5xxErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 });
    expect(tp.tls).toEqual({ mode: 'ISTIO_MUTUAL' });
    expect(tp.portLevelSettings).toEqual([{ port: { number: 9080 }, tls: { mode: 'DISABLE' } }]);
    expect(checkObject(out).causes).toEqual([]);
  });

  it('rejects a bad outlier duration and a bad subset name at their fields', () => {
    const bad = writeSubsets(writeTrafficPolicy(dr(), { ...readTrafficPolicy(dr()), interval: 'often' }), {
      subsets: [{ name: 'V_1', labels: 'version=v1' }],
    });
    expect(checkObject(bad).causes.map((c) => c.field).sort()).toEqual(['spec.subsets[0].name', 'spec.trafficPolicy.outlierDetection.interval']);
  });

  it('makes subsets from the pods version labels, and valid new objects for a service', () => {
    expect(subsetsForVersions(['v1', 'v2'])).toEqual({ subsets: [{ name: 'v1', labels: 'version=v1' }, { name: 'v2', labels: 'version=v2' }] });
    const seed = { namespace: 'bookinfo', service: 'reviews', versions: ['v1', 'v2', 'v3'] };
    const vs = newObject({ ...seed, kind: 'VirtualService' });
    expect(checkObject(vs).causes).toEqual([]);
    expect((vs.spec as { http: { route: { weight: number }[] }[] }).http[0]?.route.map((r) => r.weight)).toEqual([34, 33, 33]);
    const d = newObject({ ...seed, kind: 'DestinationRule' });
    expect(checkObject(d).causes).toEqual([]);
    for (const kind of ['Gateway', 'ServiceEntry', 'Sidecar', 'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'] as const) {
      expect(checkObject(newObject({ kind, namespace: 'bookinfo' })).causes).toEqual([]);
    }
  });
});
