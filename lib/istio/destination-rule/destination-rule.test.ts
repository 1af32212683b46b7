import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { validateIstioObject } from '../validate';
import { DestinationRule } from './index';

const BOOKINFO_REVIEWS = `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: RANDOM
    connectionPool:
      tcp:
        maxConnections: 100
        connectTimeout: 30ms
        tcpKeepalive:
          time: 7200s
          interval: 75s
      http:
        http2MaxRequests: 1000
        maxRequestsPerConnection: 10
        h2UpgradePolicy: UPGRADE
    outlierDetection:
      consecutive5xxErrors: 7
      interval: 5m
      baseEjectionTime: 15m
      maxEjectionPercent: 50
    tls:
      mode: ISTIO_MUTUAL
    portLevelSettings:
    - port:
        number: 9080
      loadBalancer:
        consistentHash:
          httpCookie:
            name: user
            ttl: 0s
          ringHash:
            minimumRingSize: 1024
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
    trafficPolicy:
      loadBalancer:
        localityLbSetting:
          enabled: true
          failover:
          - from: us-east
            to: eu-west
  - name: v3
    labels:
      version: v3
`;

function drWith(spec: unknown): unknown {
  return { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'reviews' }, spec };
}

function fieldsOf(obj: unknown): string[] {
  const result = validateIstioObject(obj);
  return result.ok ? [] : result.causes.map((c) => c.field).sort();
}

describe('DestinationRule schema', () => {
  it('accepts the bookinfo reviews DestinationRule with subsets v1 v2 v3', () => {
    const result = validateIstioObject(parse(BOOKINFO_REVIEWS));
    expect(result.ok).toBe(true);
    if (result.ok && result.value.kind === 'DestinationRule') {
      expect(result.value.spec?.subsets?.map((s) => s.name)).toEqual(['v1', 'v2', 'v3']);
    }
  });

  it('keeps unknown fields inside the traffic policy and subsets through a YAML round-trip', () => {
    const text = BOOKINFO_REVIEWS.replace('      simple: RANDOM\n', '      simple: RANDOM\n      futureLb: {a: 1}\n').replace(
      '  - name: v3\n',
      '  - name: v3\n    futureSubsetField: yes\n',
    );
    const once = DestinationRule.parse(parse(text));
    expect(parse(stringify(once))).toEqual(parse(text));
  });

  it('accepts every consistentHash key and the tls modes', () => {
    for (const consistentHash of [
      { httpHeaderName: 'x-user' },
      { httpCookie: { name: 'c', ttl: '10s' } },
      { useSourceIp: true, maglev: { tableSize: 65537 } },
      { httpQueryParameterName: 'user' },
    ]) {
      expect(fieldsOf(drWith({ host: 'r', trafficPolicy: { loadBalancer: { consistentHash } } }))).toEqual([]);
    }
    for (const mode of ['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']) {
      expect(fieldsOf(drWith({ host: 'r', trafficPolicy: { tls: { mode } } }))).toEqual([]);
    }
  });

  it('rejects a missing host, bad subset names and duplicate subsets', () => {
    expect(fieldsOf(drWith({ subsets: [{ name: 'v1' }] }))).toEqual(['spec.host']);
    expect(fieldsOf(drWith({ host: 'r', subsets: [{ name: 'V1' }, { name: 'v2' }, { name: 'v2' }] }))).toEqual([
      'spec.subsets[0].name',
      'spec.subsets[2].name',
    ]);
  });

  it('rejects unsupported enum values, bad durations and out-of-range percentages', () => {
    const result = validateIstioObject(
      drWith({
        host: 'r',
        trafficPolicy: {
          loadBalancer: { simple: 'FASTEST' },
          tls: { mode: 'STRICT' },
          outlierDetection: { interval: '5', maxEjectionPercent: 101 },
          portLevelSettings: [{ port: { number: 0 } }],
        },
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.causes.map((c) => [c.field, c.reason])).toEqual([
      ['spec.trafficPolicy.loadBalancer.simple', 'FieldValueNotSupported'],
      ['spec.trafficPolicy.outlierDetection.interval', 'FieldValueInvalid'],
      ['spec.trafficPolicy.outlierDetection.maxEjectionPercent', 'FieldValueInvalid'],
      ['spec.trafficPolicy.tls.mode', 'FieldValueNotSupported'],
      ['spec.trafficPolicy.portLevelSettings[0].port.number', 'FieldValueInvalid'],
    ]);
  });

  it('rejects simple together with consistentHash, and two hash keys', () => {
    expect(
      fieldsOf(
        drWith({
          host: 'r',
          trafficPolicy: { loadBalancer: { simple: 'RANDOM', consistentHash: { useSourceIp: true, httpHeaderName: 'x' } } },
        }),
      ),
    ).toEqual(['spec.trafficPolicy.loadBalancer', 'spec.trafficPolicy.loadBalancer.consistentHash']);
  });
});
