import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScenarioState } from '../scenarios';
import type { KubeObject } from '../types';
import { createSimulation, JASON_SHARE, seededRandom } from './index';
import { fakeViews, istio, parseMetrics, service, total, workload } from './testing';

// Routing rules stored in the (fake) API drive the traffic of bookinfo-like workloads.

const SUBSETS_DR = istio('DestinationRule', 'bookinfo', 'reviews', {
  host: 'reviews',
  subsets: ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } })),
});

/** productpage calling reviews (v1, v2, v3) at 50 rps, with a DestinationRule (by default one subset per version). */
function bookinfo(extra: KubeObject[] = [], dr: KubeObject = SUBSETS_DR): KubeObject[] {
  return [
    ...workload({ namespace: 'bookinfo', name: 'productpage-v1', app: 'productpage', version: 'v1', calls: [{ host: 'reviews', port: 9080, rps: 50, protocol: 'http' }] }),
    ...['v1', 'v2', 'v3'].flatMap((v) => workload({ namespace: 'bookinfo', name: `reviews-${v}`, app: 'reviews', version: v, latencyMs: 20 })),
    service('bookinfo', 'productpage'),
    service('bookinfo', 'reviews'),
    dr,
    ...extra,
  ];
}

const weights = (w: [number, number, number]) =>
  istio('VirtualService', 'bookinfo', 'reviews', {
    hosts: ['reviews'],
    http: [{ route: w.map((weight, i) => ({ destination: { host: 'reviews', subset: `v${i + 1}` }, weight })) }],
  });

const oneRoute = (route: Record<string, unknown>) =>
  istio('VirtualService', 'bookinfo', 'reviews', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }], ...route }] });

function run(objects: KubeObject[]) {
  const views = fakeViews({ 'us-east': objects });
  const scenarios = createScenarioState();
  const s = createSimulation({ views, scenarios, random: seededRandom(42), warn: vi.fn() });
  const scrape = async () => parseMetrics(await s.metrics('us-east'));
  const toReviews = () => s.snapshot().edges.filter((e) => e.sourceWorkload === 'productpage-v1');
  const rpsTo = (name: string) => toReviews().filter((e) => e.destinationWorkload === name).reduce((sum, e) => sum + e.rps, 0);
  return { s, views, scenarios, scrape, toReviews, rpsTo };
}

const sourceTotal = (samples: ReturnType<typeof parseMetrics>, match: Record<string, string>) =>
  total(samples, 'istio_requests_total', { reporter: 'source', source_workload: 'productpage-v1', ...match });

afterEach(() => vi.useRealTimers());

describe('VirtualService weights and subsets', () => {
  it('weights 0/0/100 send everything to v3, and an edit shifts traffic within 2 ticks', async () => {
    vi.useFakeTimers();
    const { s, views, scrape, rpsTo } = run(bookinfo([weights([0, 0, 100])]));
    expect(rpsTo('reviews-v3')).toBeCloseTo(50);
    expect(rpsTo('reviews-v1') + rpsTo('reviews-v2')).toBe(0);
    s.start();
    vi.advanceTimersByTime(10_000);
    const before = await scrape();
    expect(sourceTotal(before, { destination_workload: 'reviews-v3' })).toBeGreaterThan(400);
    expect(sourceTotal(before, { destination_workload: 'reviews-v1' })).toBe(0);

    views['us-east'].put(weights([100, 0, 0]));
    vi.advanceTimersByTime(2_000); // the re-plan is debounced by 200 ms, then two ticks
    const mid = await scrape();
    vi.advanceTimersByTime(5_000);
    const after = await scrape();
    const delta = (name: string) => sourceTotal(after, { destination_workload: name }) - sourceTotal(mid, { destination_workload: name });
    expect(delta('reviews-v1')).toBeGreaterThan(200);
    expect(delta('reviews-v3')).toBe(0);
    expect(sourceTotal(mid, { destination_workload: 'reviews-v1' })).toBeGreaterThan(40);
    s.stop();
  });

  it('routes the end-user=jason share by header match, other requests by the default route', () => {
    const vs = istio('VirtualService', 'bookinfo', 'reviews', {
      hosts: ['reviews.bookinfo.svc.cluster.local'],
      http: [
        { match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews', subset: 'v2' } }] },
        { route: [{ destination: { host: 'reviews', subset: 'v1' } }] },
      ],
    });
    const { rpsTo } = run(bookinfo([vs]));
    expect(rpsTo('reviews-v2')).toBeCloseTo(50 * JASON_SHARE);
    expect(rpsTo('reviews-v1')).toBeCloseTo(50 * (1 - JASON_SHARE));
  });

  it('answers 503 NR for an undefined subset, 503 UH for a subset without pods, 404 NR when no route matches', () => {
    const undefinedSubset = oneRoute({ route: [{ destination: { host: 'reviews', subset: 'v9' } }] });
    expect(run(bookinfo([undefinedSubset])).toReviews()[0]).toMatchObject({ destinationWorkload: 'unknown', codes: { '503': 50 }, flags: { NR: 50 } });
    const emptySubset = istio('DestinationRule', 'bookinfo', 'reviews', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'nope' } }] });
    expect(run(bookinfo([oneRoute({})], emptySubset)).toReviews()[0]).toMatchObject({ codes: { '503': 50 }, flags: { UH: 50 } });
    const noMatch = oneRoute({ match: [{ uri: { prefix: '/ratings' } }] });
    expect(run(bookinfo([noMatch])).toReviews()[0]).toMatchObject({ codes: { '404': 50 }, flags: { NR: 50 } });
  });
});

describe('faults, timeouts, retries', () => {
  it('fault abort 50% answers ~50% with that code and flag FI', async () => {
    const { s, scrape, toReviews } = run(bookinfo([oneRoute({ fault: { abort: { percentage: { value: 50 }, httpStatus: 418 } } })]));
    const edge = toReviews().find((e) => e.destinationWorkload === 'reviews-v1');
    expect((edge?.codes['418'] ?? 0) / (edge?.rps ?? 1)).toBeCloseTo(0.5);
    expect(edge?.flags.FI).toBeCloseTo(25);
    for (let i = 0; i < 30; i++) s.tick();
    const m = await scrape();
    const aborted = sourceTotal(m, { response_code: '418', response_flags: 'FI' });
    expect(aborted / sourceTotal(m, {})).toBeGreaterThan(0.45);
    expect(aborted / sourceTotal(m, {})).toBeLessThan(0.55);
    // aborted requests never reach the destination, whose proxy sees only the other half
    expect(total(m, 'istio_requests_total', { reporter: 'destination', source_workload: 'productpage-v1' }) / sourceTotal(m, {})).toBeCloseTo(0.5, 1);
  });

  it('a 100 ms timeout with a 300 ms delay gives 504 UT', async () => {
    const { s, scrape, toReviews } = run(bookinfo([oneRoute({ timeout: '100ms', fault: { delay: { percentage: { value: 100 }, fixedDelay: '300ms' } } })]));
    const edge = toReviews()[0];
    expect(edge?.codes).toEqual({ '504': 50 });
    expect(edge?.flags).toEqual({ 'DI,UT': 50 });
    for (let i = 0; i < 5; i++) s.tick();
    const m = await scrape();
    expect(sourceTotal(m, { response_code: '504' })).toBe(sourceTotal(m, {}));
    expect(total(m, 'istio_request_duration_milliseconds_bucket', { reporter: 'source', response_code: '504', le: '100' })).toBe(sourceTotal(m, {}));
  });

  it('a delay without timeout adds its latency with flag DI', () => {
    const { toReviews } = run(bookinfo([oneRoute({ fault: { delay: { fixedDelay: '2s' } } })]));
    const edge = toReviews()[0];
    expect(edge?.p50Ms).toBeGreaterThan(2000);
    expect(edge?.flags.DI).toBeGreaterThan(49);
  });

  it('retries hide errors from the caller and add requests at the destination', () => {
    const flaky = bookinfo().map((o) =>
      o.kind === 'Deployment' && o.metadata.name === 'reviews-v1'
        ? { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, 'demo.meridian.dev/error-rate': '0.5' } } }
        : o,
    );
    const plain = run([...flaky, oneRoute({})]).toReviews()[0];
    const retried = run([...flaky, oneRoute({ retries: { attempts: 3, retryOn: '5xx' } })]).toReviews()[0];
    const errors = (e: typeof plain) => ((e?.codes['503'] ?? 0) + (e?.codes['500'] ?? 0)) / (e?.rps ?? 1);
    expect(errors(plain)).toBeCloseTo(0.5, 2);
    expect(errors(retried)).toBeCloseTo(0.5 ** 4, 2);
    expect((retried?.destinationRps ?? 0) / (retried?.rps ?? 1)).toBeCloseTo(1 + 0.5 + 0.25 + 0.125, 2);
  });
});

describe('security', () => {
  const strict = istio('PeerAuthentication', 'bookinfo', 'default', { mtls: { mode: 'STRICT' } });

  it('a STRICT destination reports mutual_tls with SPIFFE principals', async () => {
    const { s, scrape, toReviews } = run(bookinfo([weights([100, 0, 0]), strict]));
    expect(toReviews()[0]?.mtls).toBe(true);
    s.tick();
    const m = await scrape();
    const dest = { reporter: 'destination', source_workload: 'productpage-v1' };
    const all = total(m, 'istio_requests_total', dest);
    expect(all).toBeGreaterThan(0);
    expect(total(m, 'istio_requests_total', { ...dest, connection_security_policy: 'mutual_tls', source_principal: 'spiffe://cluster.local/ns/bookinfo/sa/productpage', destination_principal: 'spiffe://cluster.local/ns/bookinfo/sa/reviews' })).toBe(all);
  });

  it('a STRICT destination refuses plaintext: DestinationRule tls DISABLE gives 503 UF at the source', () => {
    const disable = istio('DestinationRule', 'bookinfo', 'reviews', { host: 'reviews', trafficPolicy: { tls: { mode: 'DISABLE' } }, subsets: [{ name: 'v1', labels: { version: 'v1' } }] });
    const edge = run(bookinfo([oneRoute({}), strict], disable)).toReviews()[0];
    expect(edge).toMatchObject({ mtls: false, codes: { '503': 50 }, flags: { UF: 50 }, reporters: ['source'] });
  });

  it('PERMISSIVE from a sidecar-less caller is plaintext ("none"); mesh-wide STRICT resets it silently', () => {
    const legacy = workload({ namespace: 'bookinfo', name: 'legacy', injected: false, calls: [{ host: 'reviews', port: 9080, rps: 6, protocol: 'http' }] });
    const permissive = run(bookinfo(legacy)).s.snapshot().edges.filter((e) => e.sourceWorkload === 'legacy');
    expect(permissive.map((e) => [e.mtls, e.reporters])).toEqual([[false, ['destination']], [false, ['destination']], [false, ['destination']]]);
    const meshStrict = istio('PeerAuthentication', 'istio-system', 'default', { mtls: { mode: 'STRICT' } });
    const refused = run(bookinfo([...legacy, meshStrict])).s.snapshot().edges.filter((e) => e.sourceWorkload === 'legacy');
    expect(refused.every((e) => e.reporters.length === 0 && e.codes['0'] === e.rps)).toBe(true);
  });
});
