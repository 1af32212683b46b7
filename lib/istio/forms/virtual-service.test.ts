import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Obj } from './object';
import { readRequestRouting, writeRequestRouting } from './request-routing';
import { causesUnder, checkObject } from './validate';
import {
  defaultRouteIndex,
  readFault,
  readMirror,
  readTimeoutRetry,
  readTrafficShift,
  writeFault,
  writeMirror,
  writeTimeoutRetry,
  writeTrafficShift,
} from './virtual-service';
import { parseYamlObject, toYaml } from './yaml';

const REVIEWS = `
apiVersion: networking.istio.io/v1
kind: VirtualService
futureTopLevel: {keep: me}
metadata:
  name: reviews
  namespace: bookinfo
  resourceVersion: "42"
spec:
  hosts: [reviews]
  futureSpecField: 7
  http:
  - name: jason
    match:
    - headers:
        end-user: {exact: jason, futureMatch: 1}
    route:
    - destination: {host: reviews, subset: v2}
  - futureRouteField: [a, b]
    route:
    - destination: {host: reviews, subset: v1, futureDest: x}
      weight: 50
      futureWeighted: true
    - destination: {host: reviews, subset: v2}
      weight: 30
    - destination: {host: reviews, subset: v3}
      weight: 20
    retries: {attempts: 3, retryRemoteLocalities: true}
    fault:
      delay: {fixedDelay: 1s, percentage: {value: 5}}
`;

const vs = () => parse(REVIEWS) as Obj;

/** YAML -> object -> form -> object -> YAML -> object. */
function roundTrip(edit: (o: Obj) => Obj): Obj {
  const parsed = parseYamlObject(REVIEWS);
  if (!parsed.ok) throw new Error(parsed.message);
  const again = parseYamlObject(toYaml(edit(parsed.value)));
  if (!again.ok) throw new Error(again.message);
  return again.value;
}

describe('VirtualService forms', () => {
  it('finds the catch-all route for traffic shifting', () => {
    expect(defaultRouteIndex(vs())).toBe(1);
  });

  it('round-trips every form unchanged: YAML -> form -> YAML is the same object', () => {
    const i = defaultRouteIndex(vs());
    const all = (o: Obj) =>
      writeRequestRouting(
        writeMirror(writeFault(writeTimeoutRetry(writeTrafficShift(o, i, readTrafficShift(o, i)), i, readTimeoutRetry(o, i)), i, readFault(o, i)), i, readMirror(o, i)),
        readRequestRouting(o),
      );
    expect(roundTrip(all)).toEqual(vs());
  });

  it('shifts traffic to 0/0/100 and keeps unknown fields at every level', () => {
    const out = roundTrip((o) =>
      writeTrafficShift(o, 1, {
        destinations: [
          { host: 'reviews', subset: 'v1', weight: 0 },
          { host: 'reviews', subset: 'v2', weight: 0 },
          { host: 'reviews', subset: 'v3', weight: 100 },
        ],
      }),
    );
    expect(out.futureTopLevel).toEqual({ keep: 'me' });
    const spec = out.spec as { futureSpecField: number; http: Obj[] };
    expect(spec.futureSpecField).toBe(7);
    expect(spec.http[1]?.futureRouteField).toEqual(['a', 'b']);
    expect(spec.http[1]?.route).toEqual([
      { destination: { host: 'reviews', subset: 'v1', futureDest: 'x' }, weight: 0, futureWeighted: true },
      { destination: { host: 'reviews', subset: 'v2' }, weight: 0 },
      { destination: { host: 'reviews', subset: 'v3' }, weight: 100 },
    ]);
    expect(spec.http[1]?.retries).toEqual({ attempts: 3, retryRemoteLocalities: true });
    expect(checkObject(out).causes).toEqual([]);
  });

  it('rejects weights that do not sum to 100, naming spec.http[1].route', () => {
    const out = writeTrafficShift(vs(), 1, {
      destinations: [
        { host: 'reviews', subset: 'v1', weight: 50 },
        { host: 'reviews', subset: 'v3', weight: 30 },
      ],
    });
    const causes = checkObject(out).causes;
    expect(causes).toEqual([expect.objectContaining({ field: 'spec.http[1].route' })]);
    expect(causes[0]?.message).toContain('sum to 80');
    expect(causesUnder(causes, 'spec.http[1]')).toHaveLength(1);
    expect(causesUnder(causes, 'spec.http[0]')).toHaveLength(0);
  });

  it('rejects bad durations, naming the field', () => {
    const out = writeTimeoutRetry(vs(), 1, { timeout: 'soon', attempts: 2, perTryTimeout: '2 seconds', retryOn: '5xx' });
    const fields = checkObject(out).causes.map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['spec.http[1].timeout', 'spec.http[1].retries.perTryTimeout']));
    const fault = writeFault(vs(), 1, { delay: true, delayPercent: 10, fixedDelay: '5 s', abort: false, abortPercent: undefined, httpStatus: undefined });
    expect(checkObject(fault).causes.map((c) => c.field)).toEqual(['spec.http[1].fault.delay.fixedDelay']);
  });

  it('clears what a form empties and keeps the rest of the container', () => {
    const out = writeTimeoutRetry(vs(), 1, { timeout: '', attempts: undefined, perTryTimeout: '', retryOn: '' });
    const route = (out.spec as { http: Obj[] }).http[1] as Obj;
    expect(route.retries).toEqual({ retryRemoteLocalities: true });
    const noFault = writeFault(vs(), 1, { ...readFault(vs(), 1), delay: false });
    expect((noFault.spec as { http: Obj[] }).http[1]?.fault).toBeUndefined();
  });

  it('adds fault injection and mirroring', () => {
    let out = writeFault(vs(), 1, { delay: false, delayPercent: undefined, fixedDelay: '', abort: true, abortPercent: 10, httpStatus: 503 });
    out = writeMirror(out, 1, { host: 'reviews', subset: 'v3', percent: 5 });
    const route = (out.spec as { http: Obj[] }).http[1] as Obj;
    expect(route.fault).toEqual({ abort: { percentage: { value: 10 }, httpStatus: 503 } });
    expect(route.mirror).toEqual({ host: 'reviews', subset: 'v3' });
    expect(route.mirrorPercentage).toEqual({ value: 5 });
    expect(checkObject(out).causes).toEqual([]);
    expect(readMirror(out, 1)).toEqual({ host: 'reviews', subset: 'v3', percent: 5 });
  });

  it('routes requests by header or path, before the catch-all, keeping unknown match fields', () => {
    const form = readRequestRouting(vs());
    expect(form.rules).toEqual([{ source: 0, match: 'header', header: 'end-user', op: 'exact', value: 'jason', host: 'reviews', subset: 'v2' }]);
    const out = writeRequestRouting(vs(), {
      rules: [
        { ...form.rules[0]!, value: 'alice' },
        { match: 'path', header: '', op: 'prefix', value: '/beta', host: 'reviews', subset: 'v3' },
      ],
    });
    const http = (out.spec as { http: Obj[] }).http;
    expect(http).toHaveLength(3);
    expect(http[0]?.match).toEqual([{ headers: { 'end-user': { exact: 'alice', futureMatch: 1 } } }]);
    expect(http[1]).toEqual({ match: [{ uri: { prefix: '/beta' } }], route: [{ destination: { host: 'reviews', subset: 'v3' } }] });
    expect(http[2]?.futureRouteField).toEqual(['a', 'b']);
    expect(checkObject(out).causes).toEqual([]);
  });

  it('names the object identity when the YAML retargets it', () => {
    const o = vs();
    (o.metadata as Obj).name = 'other';
    expect(checkObject(o, { kind: 'VirtualService', namespace: 'bookinfo', name: 'reviews' }).causes.map((c) => c.field)).toEqual(['metadata.name']);
  });

  it('refuses bodies over 1 MiB', () => {
    const o = vs();
    (o.metadata as Obj).annotations = { big: 'x'.repeat(1024 * 1024) };
    expect(checkObject(o).tooLarge).toBe(true);
    expect(checkObject(vs()).tooLarge).toBe(false);
  });
});
