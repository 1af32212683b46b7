import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { validateIstioObject } from '../validate';
import { VirtualService } from './index';

const BOOKINFO_REVIEWS = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
  - reviews
  http:
  - name: jason
    match:
    - headers:
        end-user:
          exact: jason
      uri:
        prefix: /reviews
      ignoreUriCase: true
    route:
    - destination:
        host: reviews
        subset: v2
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 50
    - destination:
        host: reviews
        subset: v3
        port:
          number: 9080
      weight: 50
    timeout: 10s
    retries:
      attempts: 3
      perTryTimeout: 1.5s
      retryOn: 5xx,connect-failure
      retryRemoteLocalities: true
    fault:
      abort:
        percentage:
          value: 0.1
        httpStatus: 503
      delay:
        percentage:
          value: 10
        fixedDelay: 500ms
    mirror:
      host: reviews
      subset: v3
    mirrorPercentage:
      value: 5
    corsPolicy:
      allowOrigins:
      - exact: https://example.com
      maxAge: 24h
    headers:
      request:
        set:
          x-meridian: "1"
      response:
        remove: [server]
  tcp:
  - match:
    - port: 31400
    route:
    - destination:
        host: reviews
        port:
          number: 31400
`;

function vsWith(http: unknown[]): unknown {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'default' },
    spec: { hosts: ['reviews'], http },
  };
}

const to = (subset: string, weight?: number) => ({
  destination: { host: 'reviews', subset },
  ...(weight === undefined ? {} : { weight }),
});

describe('VirtualService schema', () => {
  it('accepts the bookinfo reviews VirtualService', () => {
    const result = validateIstioObject(parse(BOOKINFO_REVIEWS));
    expect(result).toMatchObject({ ok: true });
  });

  it('keeps unknown fields at top level and deep inside a route through a YAML round-trip', () => {
    const text =
      'futureTopLevel:\n  keep: me\n' +
      BOOKINFO_REVIEWS.replace('        subset: v1\n', '        subset: v1\n        futureDestinationField: 42\n')
        .replace('      weight: 50\n', '      weight: 50\n      futureRouteField: [a, b]\n');
    const parsed = VirtualService.parse(parse(text));
    const again = parse(stringify(parsed)) as Record<string, unknown>;
    expect(again.futureTopLevel).toEqual({ keep: 'me' });
    const spec = again.spec as { http: { route: Record<string, unknown>[] }[] };
    const route = spec.http[1]?.route[0];
    expect(route?.futureRouteField).toEqual(['a', 'b']);
    expect((route?.destination as Record<string, unknown>).futureDestinationField).toBe(42);
    expect(again).toEqual(parse(text));
  });

  it('rejects weights that do not sum to 100, naming spec.http[i].route and the sum', () => {
    const result = validateIstioObject(vsWith([{ route: [to('v1', 50), to('v2', 30)] }]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.causes).toEqual([
      expect.objectContaining({ field: 'spec.http[0].route', reason: 'FieldValueInvalid' }),
    ]);
    expect(result.causes[0]?.message).toContain('sum to 80');
  });

  it('reports a bad weight sum together with other problems of the route, and survives a null route', () => {
    const result = validateIstioObject(vsWith([{ route: [to('v1', 50), to('v2', 20)], timeout: 'soon' }, null]));
    expect(result.ok ? [] : result.causes.map((c) => c.field)).toEqual([
      'spec.http[0].timeout',
      'spec.http[0].route',
      'spec.http[1]',
    ]);
  });

  it('counts missing weights as 0 when there are several destinations', () => {
    const result = validateIstioObject(vsWith([{ route: [to('v1'), to('v2')] }]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.causes[0]?.message).toContain('sum to 0');
  });

  it('accepts a single destination without a weight and weights summing to 100', () => {
    expect(validateIstioObject(vsWith([{ route: [to('v1')] }])).ok).toBe(true);
    expect(validateIstioObject(vsWith([{ route: [to('v1', 90), to('v2', 10)] }])).ok).toBe(true);
  });

  it('rejects an out-of-range weight at its own field', () => {
    const result = validateIstioObject(vsWith([{ route: [to('v1', 0), to('v2', 120)] }]));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.causes.map((c) => c.field)).toContain('spec.http[0].route[1].weight');
    }
  });

  it.each(['10', 'abc', '-1s', '1.5', ''])('rejects the duration %j at spec.http[0].timeout', (timeout) => {
    const result = validateIstioObject(vsWith([{ route: [to('v1')], timeout }]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.causes).toHaveLength(1);
    expect(result.causes[0]).toMatchObject({ field: 'spec.http[0].timeout', reason: 'FieldValueInvalid' });
    expect(result.causes[0]?.message).toContain('invalid duration');
  });

  it.each(['10s', '500ms', '1.5s', '1m30s', '2h', '100us'])('accepts the duration %j', (timeout) => {
    expect(validateIstioObject(vsWith([{ route: [to('v1')], timeout }])).ok).toBe(true);
  });

  it('names bad fault values, percentages and redirect/direct response rules', () => {
    const result = validateIstioObject(
      vsWith([
        {
          route: [to('v1')],
          fault: { abort: { percentage: { value: 150 }, httpStatus: 700 }, delay: { percentage: { value: 5 } } },
          retries: { perTryTimeout: 'soon' },
        },
        { directResponse: { status: 404 }, redirect: { uri: '/x' } },
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.causes.map((c) => c.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'spec.http[0].fault.abort.percentage.value',
        'spec.http[0].fault.abort.httpStatus',
        'spec.http[0].fault.delay.fixedDelay',
        'spec.http[0].retries.perTryTimeout',
        'spec.http[1]',
      ]),
    );
    expect(result.causes.find((c) => c.field === 'spec.http[0].fault.delay.fixedDelay')?.reason).toBe(
      'FieldValueRequired',
    );
  });

  it('rejects a subset name that is not a DNS-1123 label, an empty host and a bad port', () => {
    const result = validateIstioObject(
      vsWith([{ route: [{ destination: { host: '', subset: 'V_1', port: { number: 70000 } } }] }]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.causes.map((c) => c.field).sort()).toEqual([
      'spec.http[0].route[0].destination.host',
      'spec.http[0].route[0].destination.port.number',
      'spec.http[0].route[0].destination.subset',
    ]);
  });

  it('reports a missing destination as required and a StringMatch with two kinds', () => {
    const result = validateIstioObject(
      vsWith([{ match: [{ uri: { exact: '/a', prefix: '/b' } }], route: [{ weight: 100 }] }]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.causes).toEqual(
      expect.arrayContaining([
        { field: 'spec.http[0].route[0].destination', message: 'Required value', reason: 'FieldValueRequired' },
        expect.objectContaining({ field: 'spec.http[0].match[0].uri' }),
      ]),
    );
  });

  it('checks tcp and tls route weights and requires sniHosts on tls matches', () => {
    const obj = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'db' },
      spec: {
        hosts: ['db'],
        tcp: [{ route: [{ destination: { host: 'a' }, weight: 10 }, { destination: { host: 'b' }, weight: 10 }] }],
        tls: [{ match: [{ port: 443 }], route: [{ destination: { host: 'a' } }] }],
      },
    };
    const result = validateIstioObject(obj);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.causes.map((c) => c.field).sort()).toEqual(['spec.tcp[0].route', 'spec.tls[0].match[0].sniHosts']);
  });
});
