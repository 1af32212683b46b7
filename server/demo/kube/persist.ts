import 'server-only';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoClusterName, KubeObject } from '../types';
import { type ClusterStore, createClusterStore, type ClusterStoreOptions, type StoreSnapshot } from './store';

// Each cluster's store lives in <state-dir>/clusters/<cluster>.json: loaded on start (unless
// reset), saved atomically (temp file + rename) shortly after changes and on shutdown. Event
// objects are capped to the newest ones so the file stays small.

const FORMAT = 1;

export interface PersistOptions {
  stateDir: string;
  /** Quiet time after the last change before saving (default 500 ms). */
  debounceMs?: number;
  /** Event objects kept in the file, newest first (default 500). */
  maxEvents?: number;
}

export interface LoadOptions extends ClusterStoreOptions {
  stateDir: string;
  /** Start clean, ignoring (and later overwriting) any saved state. */
  reset?: boolean;
}

export interface PersistedStore {
  /** Save now (waits for a save in progress). */
  flush(): Promise<void>;
  /** Stop listening and save a last time. */
  close(): Promise<void>;
}

export function clusterStatePath(stateDir: string, cluster: string): string {
  return join(stateDir, 'clusters', `${cluster}.json`);
}

/** The cluster's store from its saved state, or a fresh one; `restored` says which. */
export async function loadClusterStore(cluster: DemoClusterName, options: LoadOptions): Promise<{ store: ClusterStore; restored: boolean }> {
  const store = createClusterStore(cluster, options);
  if (options.reset) return { store, restored: false };
  const path = clusterStatePath(options.stateDir, cluster);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { store, restored: false };
    throw err;
  }
  const saved = JSON.parse(text) as Partial<StoreSnapshot> & { format?: number };
  if (saved.format !== FORMAT || !Array.isArray(saved.objects) || typeof saved.resourceVersion !== 'number') {
    throw new Error(`${path}: not a demo cluster state file (format ${FORMAT}); start with --reset to replace it`);
  }
  store.restore({ cluster, resourceVersion: saved.resourceVersion, objects: saved.objects });
  return { store, restored: true };
}

function capEvents(objects: KubeObject[], maxEvents: number): KubeObject[] {
  const isEvent = (o: KubeObject) => o.kind === 'Event';
  const events = objects.filter(isEvent);
  if (events.length <= maxEvents) return objects;
  const rv = (o: KubeObject) => Number(o.metadata.resourceVersion) || 0;
  const keep = new Set(events.sort((a, b) => rv(b) - rv(a)).slice(0, maxEvents));
  return objects.filter((o) => !isEvent(o) || keep.has(o));
}

/** Write the store's state atomically. */
export async function saveClusterStore(store: ClusterStore, stateDir: string, maxEvents = 500): Promise<void> {
  const snapshot = store.snapshot();
  const path = clusterStatePath(stateDir, store.cluster);
  await mkdir(join(stateDir, 'clusters'), { recursive: true });
  const body = { format: FORMAT, ...snapshot, objects: capEvents(snapshot.objects, maxEvents) };
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, JSON.stringify(body));
  await rename(temp, path);
}

/** Save the store shortly after every burst of changes; close() saves a last time. */
export function persistClusterStore(store: ClusterStore, options: PersistOptions): PersistedStore {
  const debounceMs = options.debounceMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  let dirty = false;

  const save = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    saving = saving.then(async () => {
      if (!dirty) return;
      dirty = false;
      try {
        await saveClusterStore(store, options.stateDir, options.maxEvents);
      } catch (err) {
        dirty = true;
        console.error(`[demo kube ${store.cluster}] saving state failed:`, err);
      }
    });
    return saving;
  };

  const unsubscribe = store.onChange(() => {
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void save(), debounceMs);
  });

  return {
    flush: () => {
      dirty = true;
      return save();
    },
    close: async () => {
      unsubscribe();
      dirty = true;
      await save();
    },
  };
}
