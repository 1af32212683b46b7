import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterStatePath, loadClusterStore, persistClusterStore, saveClusterStore } from './persist';
import { vs } from './testing';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-kube-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const VS = 'networking.istio.io/v1';

describe('persistence', () => {
  it('starts fresh without a file, then loads what was saved (same objects, same resourceVersion)', async () => {
    const first = await loadClusterStore('ap-south', { stateDir: dir });
    expect(first.restored).toBe(false);
    first.store.create(vs('saved', 'default'));
    await saveClusterStore(first.store, dir);
    expect(await readdir(join(dir, 'clusters'))).toEqual(['ap-south.json']);

    const again = await loadClusterStore('ap-south', { stateDir: dir });
    expect(again.restored).toBe(true);
    expect(again.store.get(VS, 'VirtualService', 'default', 'saved')).toEqual(first.store.get(VS, 'VirtualService', 'default', 'saved'));
    expect(again.store.resourceVersion).toBe(first.store.resourceVersion);

    const reset = await loadClusterStore('ap-south', { stateDir: dir, reset: true });
    expect(reset.restored).toBe(false);
    expect(reset.store.get(VS, 'VirtualService', 'default', 'saved')).toBeUndefined();
  });

  it('saves shortly after a burst of changes and on close, and never on dry-run', async () => {
    const { store } = await loadClusterStore('us-east', { stateDir: dir });
    const persisted = persistClusterStore(store, { stateDir: dir, debounceMs: 30 });
    store.create(vs('dry', 'default'), { dryRun: true });
    await new Promise((r) => setTimeout(r, 80));
    await expect(readFile(clusterStatePath(dir, 'us-east'))).rejects.toThrow(/ENOENT/);

    store.create(vs('a', 'default'));
    store.create(vs('b', 'default'));
    await new Promise((r) => setTimeout(r, 120));
    const saved = JSON.parse(await readFile(clusterStatePath(dir, 'us-east'), 'utf8'));
    expect(saved.resourceVersion).toBe(store.currentRv);
    expect(saved.objects.filter((o: { kind: string }) => o.kind === 'VirtualService')).toHaveLength(2);

    store.delete(VS, 'VirtualService', 'default', 'a');
    await persisted.close();
    const closed = await loadClusterStore('us-east', { stateDir: dir });
    expect(closed.store.list(VS, 'VirtualService').map((o) => o.metadata.name)).toEqual(['b']);
    expect((await readdir(join(dir, 'clusters'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps only the newest Event objects', async () => {
    const { store } = await loadClusterStore('eu-west', { stateDir: dir });
    for (let i = 0; i < 5; i++) {
      store.create({ apiVersion: 'v1', kind: 'Event', metadata: { name: `e${i}`, namespace: 'default' }, reason: 'Test' });
    }
    await saveClusterStore(store, dir, 2);
    const loaded = await loadClusterStore('eu-west', { stateDir: dir });
    expect(loaded.store.list('v1', 'Event').map((e) => e.metadata.name).sort()).toEqual(['e3', 'e4']);
  });

  it('refuses a file that is not a state file, pointing at --reset', async () => {
    await saveClusterStore((await loadClusterStore('us-east', { stateDir: dir })).store, dir);
    await writeFile(clusterStatePath(dir, 'us-east'), '{"hello":1}');
    await expect(loadClusterStore('us-east', { stateDir: dir })).rejects.toThrow(/--reset/);
  });
});
