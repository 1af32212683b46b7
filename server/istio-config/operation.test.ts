import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { ObjectRef, OperationRequest, OperationResult } from '@/lib/istio-config/api';
import { operationRequestSchema } from '@/lib/istio-config/api';
import { setConfig, type MeridianConfig } from '@/server/config';
import { validateIstioObject } from '@/lib/istio/validate';
import type { Caller } from '@/server/auth/identity';
import { createClusterStore } from '@/server/demo/kube';
import { startTestCluster, vs, type TestCluster } from '@/server/demo/kube/testing';
import { MeridianError } from '@/server/http/errors';
import { inventorySnapshot, startInventory, stopInventory, waitForSync } from '@/server/kube/informers';
import { readHistory } from './history';
import { getConfigObject } from './list';
import { applyOperation, reviewOperation } from './operation';

// The one write path (review and apply) against the in-process demo Kubernetes API
// (server/demo/kube): two live clusters, one whose user is the read-only demo-viewer, and one on a
// refused port (1: nothing listens there); for the findings, the inventory caches too.

let east: TestCluster;
let west: TestCluster;
const anon = { user: 'anonymous' };
const alice = { user: 'alice' };

const kubeconfig = (eastUrl: string, westUrl: string, dead: string) => `apiVersion: v1
kind: Config
clusters:
- {name: east, cluster: {server: '${eastUrl}', insecure-skip-tls-verify: true}}
- {name: west, cluster: {server: '${westUrl}', insecure-skip-tls-verify: true}}
- {name: dead, cluster: {server: '${dead}', insecure-skip-tls-verify: true}}
users:
- {name: editor, user: {token: demo-editor}}
- {name: viewer, user: {token: demo-viewer}}
contexts:
- {name: w-east, context: {cluster: east, user: editor}}
- {name: w-west, context: {cluster: west, user: editor}}
- {name: w-viewer, context: {cluster: east, user: viewer}}
- {name: w-dead, context: {cluster: dead, user: editor}}
current-context: w-east
`;

let cfg: MeridianConfig;

beforeAll(async () => {
  east = await startTestCluster();
  // west's API server refuses one host that Meridian's own schemas accept: a 422 only the server gives.
  west = await startTestCluster({
    store: createClusterStore('eu-west'),
    validateMeshObject: (obj) =>
      JSON.stringify(obj).includes('rejected.example')
        ? { ok: false, causes: [{ field: 'spec.hosts[0]', message: 'host rejected by the API server', reason: 'FieldValueInvalid' }] }
        : validateIstioObject(obj),
  });
  const file = join(east.dir, 'writer-kubeconfig');
  await writeFile(file, kubeconfig(east.server.httpsUrl, west.server.httpsUrl, 'https://127.0.0.1:1'));
  cfg = {
    clusters: ['w-east', 'w-west', 'w-viewer', 'w-dead'].map((name) => ({ name, kubeconfig: file })),
    auth: { strategy: 'anonymous' },
    readOnly: false,
    source: 'test',
  };
});

beforeEach(() => setConfig(cfg));

afterAll(async () => {
  setConfig(undefined);
  await east?.close();
  await west?.close();
});

const ref = (name: string, cluster = 'w-east'): ObjectRef => ({ cluster, namespace: 'bookinfo', kind: 'VirtualService', name });
const stored = (c: TestCluster, name: string) => c.store.get('networking.istio.io/v1', 'VirtualService', 'bookinfo', name);
const eventsOf = (c: TestCluster, name: string) =>
  c.store.list('v1', 'Event', 'bookinfo').filter((e) => (e.involvedObject as { name?: string }).name === name);

async function failure(p: Promise<unknown>): Promise<MeridianError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MeridianError);
  return e as MeridianError;
}

const request = (mode: 'review' | 'apply', operation: OperationRequest['operation'], clusters: string[], more: Partial<OperationRequest> = {}) =>
  operationRequestSchema.parse({ mode, operation, clusters, ...more });

/** Applies (or with mode 'review' reviews) one object to one cluster; the apply row. */
async function apply(object: Record<string, unknown>, rv?: string, opts: { cluster?: string; caller?: Caller; action?: 'revert' } = {}): Promise<OperationResult> {
  const cluster = opts.cluster ?? 'w-east';
  const req = request('apply', { op: 'apply', object }, [cluster], { resourceVersions: rv ? { [cluster]: rv } : {}, ...(opts.action ? { action: opts.action } : {}) });
  const [row] = (await applyOperation(req, opts.caller ?? anon)).rows;
  return row as OperationResult;
}

/** Reviews one object in one cluster, from `rv` (null: as a create; absent: against what is live); the review row. */
async function review(object: Record<string, unknown>, rv?: string | null, cluster = 'w-east') {
  const req = request('review', { op: 'apply', object }, [cluster], rv === undefined ? {} : { resourceVersions: { [cluster]: rv } });
  const [row] = (await reviewOperation(req, anon)).rows;
  return row as NonNullable<typeof row>;
}

/** A row's error, checked to be one. */
function rowError(row: Pick<OperationResult, 'ok' | 'error'> | undefined) {
  expect(row?.ok).toBe(false);
  return row?.error as NonNullable<OperationResult['error']>;
}

const weightsOf = (obj: unknown) => ((obj as { spec: { http: { route: { weight?: number }[] }[] } }).spec.http[0]?.route ?? []).map((r) => r.weight);

describe('apply: one object in one cluster', () => {
  it('review dry-runs: returns the proposed object and stores nothing', async () => {
    const r = await review(vs('dry', 'bookinfo', [100]));
    expect(r.dryRun).toMatchObject({ ok: true, status: 200, created: true });
    expect([r.live, r.reviewedResourceVersion]).toEqual([null, undefined]);
    expect(r.proposed).toMatchObject({ metadata: { name: 'dry', namespace: 'bookinfo' } });
    expect(stored(east, 'dry')).toBeUndefined();
    expect(eventsOf(east, 'dry')).toEqual([]);
  });

  it('creates, then replaces with the resourceVersion, recording both in Events with the previous spec', async () => {
    const created = await apply(vs('ratings', 'bookinfo', [50, 50]), undefined, { caller: alice });
    expect(created).toMatchObject({ ok: true, status: 201, created: true });
    expect(stored(east, 'ratings')?.metadata.resourceVersion).toBe(created.resourceVersion);

    const updated = await apply(vs('ratings', 'bookinfo', [80, 20]), created.resourceVersion, { caller: alice });
    expect(updated).toMatchObject({ ok: true, status: 200, created: false });
    expect(stored(east, 'ratings')?.spec).toMatchObject({ http: [{ route: [{ weight: 80 }, { weight: 20 }] }] });

    const events = eventsOf(east, 'ratings');
    expect(events).toHaveLength(2);
    const update = events.find((e) => e.metadata.annotations?.['meridian.dev/action'] === 'update');
    expect(update).toMatchObject({
      reason: 'MeridianApply',
      type: 'Normal',
      source: { component: 'meridian' },
      message: 'alice updated: spec.http[0].route[0].weight: 50 -> 80; spec.http[0].route[1].weight: 50 -> 20',
      involvedObject: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name: 'ratings', namespace: 'bookinfo', resourceVersion: updated.resourceVersion },
    });
    expect(update?.metadata.name).toMatch(/^ratings\.[0-9a-f]{11,}$/);
    expect(JSON.parse(update?.metadata.annotations?.['meridian.dev/previous-spec'] ?? 'null')).toEqual(vs('ratings', 'bookinfo', [50, 50]).spec);

    const history = await readHistory(ref('ratings'), anon);
    expect(history.map((h) => h.action)).toEqual(['update', 'create']);
    expect(history[0]).toMatchObject({ user: 'alice', summary: 'spec.http[0].route[0].weight: 50 -> 80; spec.http[0].route[1].weight: 50 -> 20' });
    expect(history[0]?.previousSpec).toEqual(vs('ratings', 'bookinfo', [50, 50]).spec);
    expect(history[1]?.previousSpec).toBeUndefined();
  });

  it("keeps kubectl's last-applied annotation, which the editors never see", async () => {
    const LAST = 'kubectl.kubernetes.io/last-applied-configuration';
    const base = vs('kubectl-made', 'bookinfo', [100]);
    const created = east.store.create({ ...base, metadata: { ...base.metadata, annotations: { [LAST]: '{"applied":true}' } } } as never);
    await apply(vs('kubectl-made', 'bookinfo', [60, 40]), created.metadata.resourceVersion, { caller: alice });
    expect(stored(east, 'kubectl-made')?.metadata.annotations?.[LAST]).toBe('{"applied":true}');
    expect(stored(east, 'kubectl-made')?.spec).toMatchObject({ http: [{ route: [{ weight: 60 }, { weight: 40 }] }] });
  });

  it('refuses a stale resourceVersion with 409 and an update without one with 409', async () => {
    const rv = stored(east, 'reviews')?.metadata.resourceVersion ?? '';
    east.store.replace({ ...vs('reviews', 'bookinfo', [10, 90]), metadata: { name: 'reviews', namespace: 'bookinfo' } });
    const stale = rowError(await apply(vs('reviews', 'bookinfo', [20, 80]), rv));
    expect([stale.code, stale.cluster]).toEqual(['conflict', 'w-east']);
    expect(stale.message).toBe(`VirtualService bookinfo/reviews in w-east was changed by someone else (resourceVersion ${rv} is not the latest)`);
    // The review checks the resourceVersion too, and shows theirs for the conflict view.
    const dry = await review(vs('reviews', 'bookinfo', [20, 80]), rv);
    expect(dry.dryRun.status).toBe(409);
    expect(weightsOf(dry.live)).toEqual([10, 90]);
    expect(dry.liveResourceVersion).toBe(stored(east, 'reviews')?.metadata.resourceVersion);
    const blind = await apply(vs('reviews', 'bookinfo', [20, 80]));
    expect(blind.status).toBe(409);
    expect(rowError(blind).message).toMatch(/already exists: an update needs the resourceVersion/);
    expect((await review(vs('reviews', 'bookinfo', [20, 80]), null)).dryRun.error?.message).toMatch(/already exists/);
    expect(stored(east, 'reviews')?.spec).toMatchObject({ http: [{ route: [{ weight: 10 }, { weight: 90 }] }] });
  });

  it('refuses an invalid object with 422 and the cause at its field, before sending it', async () => {
    const e = await failure(applyOperation(request('apply', { op: 'apply', object: vs('bad', 'bookinfo', [50, 40]) }, ['w-east', 'w-west']), anon));
    expect([e.status, e.code, e.extra.field]).toEqual([422, 'invalid', 'spec.http[0].route']);
    expect(e.extra.causes?.[0]?.field).toBe('spec.http[0].route');
    expect(stored(east, 'bad')).toBeUndefined();
    // A review shows the same refusal in the row, with the object as sent.
    const r = await review(vs('bad', 'bookinfo', [50, 40]));
    expect([r.dryRun.status, r.dryRun.error?.code, r.dryRun.error?.causes?.[0]?.field]).toEqual([422, 'invalid', 'spec.http[0].route']);
    expect(weightsOf(r.proposed)).toEqual([50, 40]);
  });

  it("passes the API server's 422 causes and 403 refusals through", async () => {
    const bad = { ...vs('odd', 'bookinfo'), spec: { hosts: ['rejected.example'], http: [] } };
    const invalid = (await review(bad, undefined, 'w-west')).dryRun;
    expect([invalid.status, invalid.error?.code, invalid.error?.field, invalid.error?.cluster]).toEqual([422, 'invalid', 'spec.hosts[0]', 'w-west']);
    expect(invalid.error?.causes).toEqual([{ field: 'spec.hosts[0]', message: 'Invalid value: host rejected by the API server', reason: 'FieldValueInvalid' }]);
    const denied = await apply(vs('viewer-made', 'bookinfo'), undefined, { cluster: 'w-viewer' });
    expect([denied.status, rowError(denied).code]).toEqual([403, 'forbidden']);
    expect(denied.error?.message).toMatch(/User "demo-viewer" cannot create/);
  });

  it("keeps the API server's message for a create into a missing namespace", async () => {
    const r = (await review(vs('x', 'nowhere'))).dryRun;
    expect([r.status, r.error?.message]).toEqual([404, 'namespaces "nowhere" not found']);
  });

  it('takes the target from the object: a missing name or an unknown kind is a 400 naming the field', async () => {
    const { name: _n, ...meta } = vs('nameless', 'bookinfo').metadata as Record<string, unknown>;
    const e = await failure(reviewOperation(request('review', { op: 'apply', object: { ...vs('nameless', 'bookinfo'), metadata: meta } }, ['w-east']), anon));
    expect([e.status, e.extra.field]).toEqual([400, 'object.metadata.name']);
    const kind = await failure(applyOperation(request('apply', { op: 'apply', object: { ...vs('k', 'bookinfo'), kind: 'Deployment' } }, ['w-east']), anon));
    expect([kind.status, kind.message]).toEqual([400, expect.stringMatching(/^Unknown kind "Deployment"/)]);
  });
});

describe('delete and getConfigObject', () => {
  it('deletes with a resourceVersion precondition and records the deleted spec', async () => {
    const made = await apply(vs('doomed', 'bookinfo', [100]));
    const item = await getConfigObject(ref('doomed'), anon);
    expect(item).toMatchObject({ resourceVersion: made.resourceVersion, findings: [], object: { kind: 'VirtualService' } });
    const del = (mode: 'review' | 'apply', rv: string | undefined) =>
      request(mode, { op: 'delete', ref: { namespace: 'bookinfo', kind: 'VirtualService', name: 'doomed' } }, ['w-east'], rv ? { resourceVersions: { 'w-east': rv } } : {});
    const stale = (await applyOperation(del('apply', '1'), anon)).rows[0];
    expect(stale?.status).toBe(409);
    const [dry] = (await reviewOperation(del('review', made.resourceVersion), anon)).rows;
    expect(dry).toMatchObject({ dryRun: { ok: true, deleted: true }, proposed: null, reviewedResourceVersion: made.resourceVersion });
    expect(weightsOf(dry?.live)).toEqual([100]);
    expect(stored(east, 'doomed')).toBeDefined();
    const [done] = (await applyOperation(del('apply', made.resourceVersion), anon)).rows;
    expect(done).toMatchObject({ ok: true, status: 200, deleted: true });
    expect(stored(east, 'doomed')).toBeUndefined();
    const [last] = await readHistory(ref('doomed'), anon);
    expect(last).toMatchObject({ action: 'delete', summary: 'object deleted', previousSpec: vs('doomed', 'bookinfo', [100]).spec });
    const gone = await failure(getConfigObject(ref('doomed'), anon));
    expect([gone.status, gone.message]).toEqual([404, 'VirtualService bookinfo/doomed in w-east not found']);
    const again = (await applyOperation(del('apply', undefined), anon)).rows[0];
    expect([again?.status, again?.error?.message]).toEqual([404, 'VirtualService bookinfo/doomed in w-east not found']);
  });
});

describe('several clusters', () => {
  it('applies to every cluster independently and reports each row, partial failure included', async () => {
    const r = await applyOperation(request('apply', { op: 'apply', object: vs('multi', 'bookinfo', [100]) }, ['w-east', 'w-west', 'w-dead', 'nowhere'], { action: 'revert' }), alice);
    const rows = Object.fromEntries(r.rows.map((x) => [x.cluster, x]));
    expect(rows['w-east']).toMatchObject({ ok: true, status: 201, created: true });
    expect(rows['w-west']).toMatchObject({ ok: true, status: 201, created: true });
    expect(rows['w-dead']).toMatchObject({ ok: false, status: 503, error: { code: 'unavailable', cluster: 'w-dead' } });
    expect(rows['nowhere']).toMatchObject({ ok: false, status: 404, error: { code: 'unknown_cluster' } });
    expect(stored(west, 'multi')).toBeDefined();
    expect(eventsOf(west, 'multi')[0]).toMatchObject({ reason: 'MeridianRevert' });
  });

  it('reviews every cluster: live object, the resourceVersion to apply with, dry-run verdict and diff; changes nothing', async () => {
    const live = stored(east, 'reviews');
    const base = live?.metadata.resourceVersion ?? '';
    const req = request('review', { op: 'apply', object: vs('reviews', 'bookinfo', [30, 70]) }, ['w-east', 'w-west', 'w-dead', 'nowhere'], { resourceVersions: { 'w-east': base } });
    const r = await reviewOperation(req, anon);
    expect(r.targets).toEqual(['w-east', 'w-west', 'w-viewer', 'w-dead']);
    expect(r.affected.error).toBeUndefined();
    const rows = Object.fromEntries(r.rows.map((x) => [x.cluster, x]));
    expect(rows['w-east']).toMatchObject({ liveResourceVersion: base, reviewedResourceVersion: base, dryRun: { ok: true, status: 200, created: false } });
    // Both sides as a person compares them: no server-owned fields.
    expect(rows['w-east']?.live?.metadata).toEqual({ name: 'reviews', namespace: 'bookinfo' });
    expect(weightsOf(rows['w-east']?.proposed)).toEqual([30, 70]);
    expect((rows['w-east']?.proposed?.metadata as Record<string, unknown>).resourceVersion).toBeUndefined();
    expect(rows['w-east']?.changed).toEqual(['spec.http[0].route[0].weight', 'spec.http[0].route[1].weight']);
    // No base for west: reviewed against what is live there, and applied with that version.
    const westRv = stored(west, 'reviews')?.metadata.resourceVersion;
    expect(rows['w-west']).toMatchObject({ liveResourceVersion: westRv, reviewedResourceVersion: westRv, dryRun: { ok: true, created: false } });
    expect(rows['w-dead']).toMatchObject({ live: null, dryRun: { ok: false, status: 503 } });
    expect(rows['nowhere']).toMatchObject({ findings: [], dryRun: { ok: false, status: 404, error: { code: 'unknown_cluster' } } });
    expect(stored(east, 'reviews')?.metadata.resourceVersion).toBe(base);
    expect(stored(west, 'reviews')?.metadata.resourceVersion).toBe(westRv);
  });

  it('finds what a change would break: findings about an applied object, and those a delete would newly cause', async () => {
    startInventory();
    onTestFinished(stopInventory);
    await waitForSync(5_000);
    const [about] = (await reviewOperation(request('review', { op: 'apply', object: vs('nohost', 'bookinfo', [100]) }, ['w-east']), anon)).rows;
    expect(about?.findings).toContainEqual(expect.objectContaining({ code: 'IST0101', cluster: 'w-east', kind: 'VirtualService', objectName: 'nohost', path: 'spec.http[0].route[0].destination.host' }));

    const dr = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'sub', namespace: 'bookinfo' }, spec: { host: 'sub', subsets: [{ name: 'v1', labels: { version: 'v1' } }] } };
    east.store.create(dr as never);
    east.store.create(vs('sub', 'bookinfo', [100]) as never);
    const cached = () => inventorySnapshot().clusters.find((c) => c.cluster === 'w-east')?.objects;
    await expect.poll(() => cached()?.DestinationRule.some((o) => o.metadata.name === 'sub') && cached()?.VirtualService.some((o) => o.metadata.name === 'sub')).toBe(true);
    const del = request('review', { op: 'delete', ref: { namespace: 'bookinfo', kind: 'DestinationRule', name: 'sub' } }, ['w-east']);
    const [row] = (await reviewOperation(del, anon)).rows;
    expect(row?.findings).toEqual([expect.objectContaining({ code: 'IST0101', kind: 'VirtualService', objectName: 'sub', message: 'Referenced host+subset in destinationrule not found: "sub+v1"' })]);
  });
});

describe('token strategy', () => {
  it("writes with the caller's own bearer token", async () => {
    setConfig({ ...cfg, auth: { strategy: 'token' } });
    const denied = await apply(vs('tok', 'bookinfo'), undefined, { caller: { user: 'token-user', token: 'demo-viewer' } });
    expect(denied.status).toBe(403);
    const ok = await apply(vs('tok', 'bookinfo'), undefined, { caller: { user: 'token-user', token: 'demo-editor' } });
    expect(ok.created).toBe(true);
  });
});
