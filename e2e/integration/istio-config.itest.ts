import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, stack } from '../support/stack';

// Issue: routing rule editors, server half — review (dry-run, diff), 422 causes at their field, 409
// conflicts, CSRF/origin refusals, history Events and revert, against the shared stack's console
// over HTTP. Every write goes through POST /api/istio-config/apply (mode review or apply).
// Leaves bookinfo/reviews (us-east) and its Events as it found them.

const PATH = '/api/istio-config/us-east/bookinfo/VirtualService/reviews';
const APPLY = '/api/istio-config/apply';
type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: Json;
}

let original: Json | undefined;
let csrf: { token: string; cookie: string };
const startedAt = Date.now();

const url = (path: string) => `${stack().consoleUrl}${path}`;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url(path), {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** A mutation as the console's own page sends it: same Origin, CSRF header and cookie. */
const mutate = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  call(method, path, body, { origin: stack().consoleUrl, 'x-csrf-token': csrf.token, cookie: csrf.cookie, ...headers });

const reviews = (weights: number[]) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec: {
    hosts: ['reviews'],
    http: [{ route: weights.map((weight, i) => ({ destination: { host: 'reviews', subset: `v${i + 1}` }, weight })) }],
  },
});

async function live(): Promise<Json & { spec: Json; metadata: { resourceVersion: string } }> {
  const r = await kubectl(['--context', 'us-east', 'get', 'vs', 'reviews', '-n', 'bookinfo', '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Json & { spec: Json; metadata: { resourceVersion: string } };
}

const weightsOf = (obj: { spec: Json }) =>
  ((obj.spec.http as { route: { weight?: number }[] }[])[0]?.route ?? []).map((r) => r.weight);

interface Row {
  cluster: string;
  ok: boolean;
  status: number;
  created?: boolean;
  resourceVersion?: string;
  warnings?: string[];
  error?: { code: string; message: string; causes?: { field: string }[] };
}
interface ReviewRow {
  cluster: string;
  live: { spec: Json } | null;
  liveResourceVersion?: string;
  reviewedResourceVersion?: string;
  proposed: { spec: Json } | null;
  changed: string[];
  findings: unknown[];
  dryRun: Row;
}

/** One operation on reviews (an object, or reviews with these weights): the answer, and its rows by cluster. */
async function operate<R extends Row | ReviewRow>(mode: R extends ReviewRow ? 'review' : 'apply', object: number[] | Json, clusters: string[], resourceVersions: Record<string, string> = {}, more: Json = {}) {
  const body = { mode, operation: { op: 'apply', object: Array.isArray(object) ? reviews(object) : object }, clusters, resourceVersions, ...more };
  const r = await mutate('POST', APPLY, body);
  const rows = Object.fromEntries(((r.body.rows ?? []) as R[]).map((x) => [x.cluster, x]));
  return { ...r, rows };
}

async function kubectlSetWeights(weights: number[]) {
  const patch = JSON.stringify([{ op: 'replace', path: '/spec/http/0/route', value: reviews(weights).spec.http[0]?.route }]);
  const r = await kubectl(['--context', 'us-east', 'patch', 'vs', 'reviews', '-n', 'bookinfo', '--type', 'json', '-p', patch]);
  expect(r.code, r.stderr).toBe(0);
}

beforeAll(async () => {
  original = await live();
  const res = await fetch(url('/api/csrf'));
  const body = (await res.json()) as { token: string; readOnly: boolean; user: string };
  const cookie = /^(meridian-csrf=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  expect(body).toMatchObject({ readOnly: false, user: 'anonymous' });
  expect(cookie).toBe(`meridian-csrf=${body.token}`);
  csrf = { token: body.token, cookie: cookie ?? '' };
});

afterAll(async () => {
  // The object as it was (unconditional replace), and no history Events of this run.
  if (!original) return;
  const { metadata, ...rest } = original as Json & { metadata: Json };
  const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, generation: _g, managedFields: _mf, ...meta } = metadata;
  const r = await kubectl(['--context', 'us-east', 'replace', '-f', '-'], { input: JSON.stringify({ ...rest, metadata: meta }) });
  expect(r.code, r.stderr).toBe(0);
  const events = await kubectl(['--context', 'us-east', 'get', 'events', '-n', 'bookinfo', '--field-selector', 'involvedObject.name=reviews', '-o', 'json']);
  const mine = (JSON.parse(events.stdout) as { items: { metadata: { name: string }; source?: { component?: string } }[] }).items
    .filter((e) => e.source?.component === 'meridian')
    .map((e) => e.metadata.name)
    .filter((name) => parseInt(name.slice(name.lastIndexOf('.') + 1), 16) >= startedAt - 1000);
  if (mine.length) await kubectl(['--context', 'us-east', 'delete', 'events', '-n', 'bookinfo', ...mine]);
});

describe('Istio config API', () => {
  it('reviews a change of reviews: answers the live object, the proposed one and the dry-run verdict, and changes nothing', async () => {
    const before = await live();
    const got = await call('GET', PATH);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ ref: { cluster: 'us-east', kind: 'VirtualService', name: 'reviews' }, findings: [] });
    const rv = got.body.resourceVersion as string;
    const r = await operate<ReviewRow>('review', [80, 10, 10], ['us-east'], { 'us-east': rv });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const row = r.rows['us-east'];
    expect(row).toMatchObject({ liveResourceVersion: rv, reviewedResourceVersion: rv, dryRun: { ok: true, status: 200, created: false } });
    expect(weightsOf(row?.proposed as { spec: Json })).toEqual([80, 10, 10]);
    expect(weightsOf(row?.live as { spec: Json })).toEqual(weightsOf(before));
    expect(row?.changed).toContain('spec.http[0].route[0].weight');
    // The traffic it touches: only edges into or out of a reviews service (none yet right after a cold start).
    const affected = r.body.affected as { edges: { source: string; target: string }[]; error?: string };
    expect(affected.error).toBeUndefined();
    expect(affected.edges.filter((e) => ![e.source, e.target].some((id) => id.endsWith(':bookinfo:reviews')))).toEqual([]);
    const after = await live();
    expect(weightsOf(after)).toEqual(weightsOf(before));
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('answers 422 with the cause at spec.http[0].route for weights that do not sum to 100', async () => {
    const rv = (await live()).metadata.resourceVersion;
    const r = await operate<Row>('apply', [50, 40], ['us-east'], { 'us-east': rv });
    expect(r.status).toBe(422);
    const error = r.body.error as { code: string; causes: { field: string }[] };
    expect(error.code).toBe('invalid');
    expect(error.causes[0]?.field).toBe('spec.http[0].route');
    // The review shows the same refusal in the cluster's row.
    const reviewed = (await operate<ReviewRow>('review', [50, 40], ['us-east'], { 'us-east': rv })).rows['us-east']?.dryRun;
    expect([reviewed?.status, reviewed?.error?.code, reviewed?.error?.causes?.[0]?.field]).toEqual([422, 'invalid', 'spec.http[0].route']);
  });

  it('answers 409 when the object was changed with kubectl after the edit began', async () => {
    const rv = (await live()).metadata.resourceVersion;
    await kubectlSetWeights([40, 40, 20]);
    const r = (await operate<Row>('apply', [70, 20, 10], ['us-east'], { 'us-east': rv })).rows['us-east'];
    expect(r?.status).toBe(409);
    expect(r?.error?.message).toMatch(new RegExp(`was changed by someone else \\(resourceVersion ${rv} is not the latest\\)`));
    expect(weightsOf(await live())).toEqual([40, 40, 20]);
  });

  it('refuses a cross-origin POST and a POST without a CSRF token with 403', async () => {
    const body = { mode: 'review', operation: { op: 'apply', object: reviews([100, 0, 0]) }, clusters: ['us-east'] };
    const cross = await mutate('POST', APPLY, body, { origin: 'http://evil.example' });
    expect([cross.status, (cross.body.error as { message: string }).message]).toEqual([403, 'cross-origin request refused']);
    const noToken = await call('POST', APPLY, body, { origin: stack().consoleUrl });
    expect([noToken.status, (noToken.body.error as { message: string }).message]).toEqual([403, 'missing or invalid CSRF token']);
  });

  it('reviews one object in two clusters with a row per cluster', async () => {
    const rv = (await live()).metadata.resourceVersion;
    const r = await operate<ReviewRow>('review', [100, 0, 0], ['us-east', 'eu-west'], { 'us-east': rv });
    expect(r.status).toBe(200);
    expect(Object.keys(r.rows).sort()).toEqual(['eu-west', 'us-east']);
    expect(r.rows['us-east']?.dryRun).toMatchObject({ ok: true, status: 200 });
    expect(r.body.targets).toEqual(expect.arrayContaining(['us-east', 'eu-west', 'ap-south']));
    expect(weightsOf(await live())).toEqual([40, 40, 20]);
  });

  it('records an apply in the history with its summary and previous spec, and reverts it', async () => {
    const before = await live();
    const applied = (await operate<Row>('apply', [60, 20, 20], ['us-east'], { 'us-east': before.metadata.resourceVersion })).rows['us-east'];
    expect(applied?.status, JSON.stringify(applied)).toBe(200);
    expect(applied?.warnings).toBeUndefined();
    expect(weightsOf(await live())).toEqual([60, 20, 20]);

    const history = await call('GET', `${PATH}/history`);
    expect(history.status).toBe(200);
    const [latest] = history.body.entries as { action: string; user: string; summary: string; previousSpec: Json; resourceVersion: string }[];
    expect(latest).toMatchObject({
      action: 'update',
      user: 'anonymous',
      summary: 'spec.http[0].route[0].weight: 40 -> 60; spec.http[0].route[1].weight: 40 -> 20',
      resourceVersion: applied?.resourceVersion,
    });
    expect(latest?.previousSpec).toEqual(before.spec);

    // Revert: the previous spec through the same apply path, marked as a revert.
    const reverted = await operate<Row>('apply', { ...reviews([]), spec: latest?.previousSpec }, ['us-east'], { 'us-east': applied?.resourceVersion ?? '' }, { action: 'revert' });
    expect(reverted.rows['us-east']?.status).toBe(200);
    expect(weightsOf(await live())).toEqual([40, 40, 20]);
    const again = await call('GET', `${PATH}/history`);
    expect((again.body.entries as { action: string }[])[0]?.action).toBe('revert');
  });
});
