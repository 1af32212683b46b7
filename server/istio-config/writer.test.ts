import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectRef } from '@/lib/istio-config/api';
import { setConfig, type MeridianConfig } from '@/server/config';
import { validateIstioObject } from '@/lib/istio/validate';
import { createClusterStore } from '@/server/demo/kube';
import { startTestCluster, vs, type TestCluster } from '@/server/demo/kube/testing';
import { MeridianError } from '@/server/http/errors';
import { applyObject, removeObject } from './apply';
import { readHistory } from './history';
import { getConfigObject } from './list';
import { applyToClusters } from './multi-apply';

// The write path against the in-process demo Kubernetes API (server/demo/kube): two live clusters,
// one whose user is the read-only demo-viewer, and one on a refused port (1: nothing listens there).

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

describe('applyObject', () => {
  it('dry-run returns the proposed object and stores nothing', async () => {
    const r = await applyObject(ref('dry'), { object: vs('dry', 'bookinfo', [100]) }, { caller: anon, dryRun: true });
    expect(r).toMatchObject({ dryRun: true, created: true, object: { metadata: { name: 'dry', namespace: 'bookinfo' } } });
    expect(stored(east, 'dry')).toBeUndefined();
    expect(eventsOf(east, 'dry')).toEqual([]);
  });

  it('creates, then replaces with the resourceVersion, recording both in Events with the previous spec', async () => {
    const created = await applyObject(ref('ratings'), { object: vs('ratings', 'bookinfo', [50, 50]) }, { caller: alice, dryRun: false });
    expect(created.created).toBe(true);
    expect(stored(east, 'ratings')?.metadata.resourceVersion).toBe(created.resourceVersion);

    const updated = await applyObject(
      ref('ratings'),
      { object: vs('ratings', 'bookinfo', [80, 20]), resourceVersion: created.resourceVersion },
      { caller: alice, dryRun: false },
    );
    expect(updated.created).toBe(false);
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
    await applyObject(
      ref('kubectl-made'),
      { object: vs('kubectl-made', 'bookinfo', [60, 40]), resourceVersion: created.metadata.resourceVersion },
      { caller: alice, dryRun: false },
    );
    expect(stored(east, 'kubectl-made')?.metadata.annotations?.[LAST]).toBe('{"applied":true}');
    expect(stored(east, 'kubectl-made')?.spec).toMatchObject({ http: [{ route: [{ weight: 60 }, { weight: 40 }] }] });
  });

  it('refuses a stale resourceVersion with 409 and an update without one with 409', async () => {
    const rv = stored(east, 'reviews')?.metadata.resourceVersion ?? '';
    east.store.replace({ ...vs('reviews', 'bookinfo', [10, 90]), metadata: { name: 'reviews', namespace: 'bookinfo' } });
    const stale = await failure(applyObject(ref('reviews'), { object: vs('reviews', 'bookinfo', [20, 80]), resourceVersion: rv }, { caller: anon, dryRun: false }));
    expect([stale.status, stale.code]).toEqual([409, 'conflict']);
    expect(stale.message).toBe(`VirtualService bookinfo/reviews in w-east was changed by someone else (resourceVersion ${rv} is not the latest)`);
    // Dry-run checks the resourceVersion through the API server itself.
    const dry = await failure(applyObject(ref('reviews'), { object: vs('reviews', 'bookinfo', [20, 80]), resourceVersion: rv }, { caller: anon, dryRun: true }));
    expect(dry.status).toBe(409);
    const blind = await failure(applyObject(ref('reviews'), { object: vs('reviews', 'bookinfo', [20, 80]) }, { caller: anon, dryRun: false }));
    expect(blind.status).toBe(409);
    expect(blind.message).toMatch(/already exists: an update needs the resourceVersion/);
    expect(stored(east, 'reviews')?.spec).toMatchObject({ http: [{ route: [{ weight: 10 }, { weight: 90 }] }] });
  });

  it('refuses an invalid object with 422 and the cause at its field, before sending it', async () => {
    const e = await failure(applyObject(ref('bad'), { object: vs('bad', 'bookinfo', [50, 40]) }, { caller: anon, dryRun: true }));
    expect([e.status, e.code, e.extra.field]).toEqual([422, 'invalid', 'spec.http[0].route']);
    expect(e.extra.causes?.[0]?.field).toBe('spec.http[0].route');
  });

  it("passes the API server's 422 causes and 403 refusals through", async () => {
    const bad = { ...vs('odd', 'bookinfo'), spec: { hosts: ['rejected.example'], http: [] } };
    const invalid = await failure(applyObject(ref('odd', 'w-west'), { object: bad }, { caller: anon, dryRun: true }));
    expect([invalid.status, invalid.code, invalid.extra.field, invalid.extra.cluster]).toEqual([422, 'invalid', 'spec.hosts[0]', 'w-west']);
    expect(invalid.extra.causes).toEqual([{ field: 'spec.hosts[0]', message: 'Invalid value: host rejected by the API server', reason: 'FieldValueInvalid' }]);
    const denied = await failure(applyObject(ref('viewer-made', 'w-viewer'), { object: vs('viewer-made', 'bookinfo') }, { caller: anon, dryRun: false }));
    expect([denied.status, denied.code]).toEqual([403, 'forbidden']);
    expect(denied.message).toMatch(/User "demo-viewer" cannot create/);
  });

  it("keeps the API server's message for a create into a missing namespace", async () => {
    const nsRef: ObjectRef = { cluster: 'w-east', namespace: 'nowhere', kind: 'VirtualService', name: 'x' };
    const e = await failure(applyObject(nsRef, { object: vs('x', 'nowhere') }, { caller: anon, dryRun: true }));
    expect([e.status, e.message]).toEqual([404, 'namespaces "nowhere" not found']);
  });

  it('checks the object against the URL', async () => {
    const e = await failure(applyObject(ref('other'), { object: vs('reviews', 'bookinfo') }, { caller: anon, dryRun: true }));
    expect([e.status, e.extra.field]).toEqual([400, 'metadata.name']);
  });
});

describe('removeObject and getConfigObject', () => {
  it('deletes with a resourceVersion precondition and records the deleted spec', async () => {
    const made = await applyObject(ref('doomed'), { object: vs('doomed', 'bookinfo', [100]) }, { caller: anon, dryRun: false });
    const item = await getConfigObject(ref('doomed'), anon);
    expect(item).toMatchObject({ resourceVersion: made.resourceVersion, findings: [], object: { kind: 'VirtualService' } });
    const stale = await failure(removeObject(ref('doomed'), { resourceVersion: '1' }, { caller: anon, dryRun: false }));
    expect(stale.status).toBe(409);
    await removeObject(ref('doomed'), { resourceVersion: made.resourceVersion }, { caller: anon, dryRun: true });
    expect(stored(east, 'doomed')).toBeDefined();
    await removeObject(ref('doomed'), { resourceVersion: made.resourceVersion }, { caller: anon, dryRun: false });
    expect(stored(east, 'doomed')).toBeUndefined();
    const [last] = await readHistory(ref('doomed'), anon);
    expect(last).toMatchObject({ action: 'delete', summary: 'object deleted', previousSpec: vs('doomed', 'bookinfo', [100]).spec });
    const gone = await failure(getConfigObject(ref('doomed'), anon));
    expect([gone.status, gone.message]).toEqual([404, 'VirtualService bookinfo/doomed in w-east not found']);
  });
});

describe('applyToClusters', () => {
  it('applies to every cluster independently and reports each row, partial failure included', async () => {
    const object = vs('multi', 'bookinfo', [100]);
    const r = await applyToClusters(
      { clusters: ['w-east', 'w-west', 'w-dead', 'nowhere'], object, resourceVersions: {}, dryRun: false },
      { caller: alice, action: 'revert' },
    );
    const rows = Object.fromEntries(r.results.map((x) => [x.cluster, x]));
    expect(rows['w-east']).toMatchObject({ ok: true, status: 201, created: true });
    expect(rows['w-west']).toMatchObject({ ok: true, status: 201, created: true });
    expect(rows['w-dead']).toMatchObject({ ok: false, status: 503, error: { code: 'unavailable', cluster: 'w-dead' } });
    expect(rows['nowhere']).toMatchObject({ ok: false, status: 404, error: { code: 'unknown_cluster' } });
    expect(stored(west, 'multi')).toBeDefined();
    expect(eventsOf(west, 'multi')[0]).toMatchObject({ reason: 'MeridianRevert' });
  });

  it('refuses an invalid object as a whole before touching any cluster', async () => {
    const e = await failure(
      applyToClusters({ clusters: ['w-east', 'w-west'], object: vs('multi-bad', 'bookinfo', [50, 40]), resourceVersions: {}, dryRun: false }, { caller: anon }),
    );
    expect([e.status, e.extra.field]).toEqual([422, 'spec.http[0].route']);
    expect(stored(east, 'multi-bad')).toBeUndefined();
  });
});

describe('token strategy', () => {
  it("writes with the caller's own bearer token", async () => {
    setConfig({ ...cfg, auth: { strategy: 'token' } });
    const denied = await failure(applyObject(ref('tok'), { object: vs('tok', 'bookinfo') }, { caller: { user: 'token-user', token: 'demo-viewer' }, dryRun: false }));
    expect(denied.status).toBe(403);
    const ok = await applyObject(ref('tok'), { object: vs('tok', 'bookinfo') }, { caller: { user: 'token-user', token: 'demo-editor' }, dryRun: false });
    expect(ok.created).toBe(true);
  });
});
