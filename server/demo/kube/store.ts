import 'server-only';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ClusterStoreView, DemoClusterName, KubeObject, StoreChange } from '../types';
import { WatchHistory, type HistoryEvent } from './history';
import { findKind, type ResourceDef } from './resources';
import { alreadyExists, badRequest, conflict, notFound } from './status';
import { deepFreeze, kubeTimestamp, specOf } from './objects';

// The in-memory object store of one simulated cluster. Objects are kept frozen (readers get the
// stored object itself, never a copy to mutate); every committed write takes the next value of the
// cluster-wide resourceVersion, goes into the watch history and is told to the listeners.

export interface WriteOptions {
  /** Validate and answer as if done, but store nothing and emit no event. */
  dryRun?: boolean;
  /** Keep a given metadata.uid and creationTimestamp (seeding: ownerReferences name the seed's uids). */
  keepIdentity?: boolean;
}

export interface StoreSnapshot {
  cluster: string;
  resourceVersion: number;
  objects: KubeObject[];
}

export interface ClusterStoreOptions {
  /** How many change events are kept for watches from an older resourceVersion (default 2000). */
  historyLimit?: number;
}

/** Namespaces every cluster has, as in a real one. */
export const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

const typeKey = (apiVersion: string, kind: string) => `${apiVersion}|${kind}`;
const objectKey = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

export class ClusterStore implements ClusterStoreView {
  private readonly byType = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Set<(change: HistoryEvent) => void>();
  private rv = 0;
  private history: WatchHistory;

  constructor(
    readonly cluster: DemoClusterName,
    private readonly options: ClusterStoreOptions = {},
  ) {
    this.history = new WatchHistory(options.historyLimit ?? 2000);
  }

  /** The current cluster-wide resourceVersion as a number. */
  get currentRv(): number {
    return this.rv;
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  list(apiVersion: string, kind: string, namespace?: string): KubeObject[] {
    const objects = [...(this.byType.get(typeKey(apiVersion, kind))?.values() ?? [])];
    return namespace === undefined ? objects : objects.filter((o) => o.metadata.namespace === namespace);
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byType.get(typeKey(apiVersion, kind))?.get(objectKey(namespace, name));
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    return this.watchChanges(listener);
  }

  /** Like onChange, with the resourceVersion of the change and the object before it. */
  watchChanges(listener: (change: HistoryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Committed changes after `rv`, or 'expired' when the history no longer holds them all. */
  changesSince(rv: number): HistoryEvent[] | 'expired' {
    return this.history.since(rv);
  }

  /** Watches from below this resourceVersion are expired. */
  get compactedRv(): number {
    return this.history.oldestServableRv;
  }

  /** Drop the whole watch history (as an etcd compaction would): older watches get 410. */
  compactHistory(): void {
    this.history.compact(this.rv);
  }

  create(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const def = this.defOf(input);
    const { name, namespace } = this.identity(def, input);
    if (this.get(input.apiVersion, input.kind, namespace, name)) throw alreadyExists(def.plural, def.group, name);
    const rv = opts.dryRun ? this.rv : this.rv + 1;
    const base = defaults(def, input);
    const metadata = { ...base.metadata, name, resourceVersion: String(rv) };
    if (namespace !== undefined) metadata.namespace = namespace;
    else delete metadata.namespace;
    const obj: KubeObject = {
      ...base,
      metadata: {
        ...metadata,
        uid: (opts.keepIdentity && input.metadata.uid) || randomUUID(),
        generation: 1,
        creationTimestamp: (opts.keepIdentity && input.metadata.creationTimestamp) || kubeTimestamp(),
      },
    };
    return opts.dryRun ? deepFreeze(obj) : this.commit('ADDED', obj);
  }

  /**
   * Replace an existing object. A metadata.resourceVersion in the input must be the current one
   * (409 Conflict otherwise); without it the update is unconditional. uid and creationTimestamp are
   * kept; generation goes up when anything but metadata and status changed; a change of nothing is
   * no change (same resourceVersion, no event).
   */
  replace(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const def = this.defOf(input);
    const { name, namespace } = this.identity(def, input);
    const old = this.get(input.apiVersion, input.kind, namespace, name);
    if (!old) throw notFound(def.plural, def.group, name);
    const given = input.metadata.resourceVersion;
    if (given && given !== old.metadata.resourceVersion) {
      throw conflict(def.plural, def.group, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    const next: KubeObject = {
      ...input,
      ...(input.status === undefined && old.status !== undefined ? { status: old.status } : {}),
      metadata: {
        ...input.metadata,
        name,
        ...(namespace !== undefined ? { namespace } : {}),
        uid: old.metadata.uid,
        creationTimestamp: old.metadata.creationTimestamp,
        resourceVersion: old.metadata.resourceVersion,
        generation: old.metadata.generation ?? 1,
      },
    };
    if (isDeepStrictEqual(next, old)) return old;
    if (!isDeepStrictEqual(specOf(next), specOf(old))) next.metadata.generation = (old.metadata.generation ?? 1) + 1;
    if (opts.dryRun) return deepFreeze(next);
    next.metadata.resourceVersion = String(this.rv + 1);
    return this.commit('MODIFIED', next, old);
  }

  /** Create, or replace unconditionally when it exists (for seeding and server-side apply). */
  apply(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const def = this.defOf(input);
    const { name, namespace } = this.identity(def, input);
    const exists = this.get(input.apiVersion, input.kind, namespace, name);
    const { resourceVersion: _ignored, ...metadata } = input.metadata;
    return exists ? this.replace({ ...input, metadata: metadata as KubeObject['metadata'] }, opts) : this.create(input, opts);
  }

  /** Delete one object (a Namespace takes every object in it along). Returns the deleted object. */
  delete(apiVersion: string, kind: string, namespace: string | undefined, name: string, opts: WriteOptions = {}): KubeObject {
    const def = this.defOf({ apiVersion, kind });
    const ns = def.namespaced ? namespace : undefined;
    const old = this.get(apiVersion, kind, ns, name);
    if (!old) throw notFound(def.plural, def.group, name);
    if (opts.dryRun) return old;
    if (kind === 'Namespace' && apiVersion === 'v1') {
      for (const objects of this.byType.values()) {
        for (const o of [...objects.values()]) {
          if (o.metadata.namespace === name) this.delete(o.apiVersion, o.kind, name, o.metadata.name);
        }
      }
    }
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(this.rv + 1) } };
    return this.commit('DELETED', gone);
  }

  /** Every stored object, for persistence. */
  snapshot(): StoreSnapshot {
    const objects = [...this.byType.values()].flatMap((m) => [...m.values()]);
    return { cluster: this.cluster, resourceVersion: this.rv, objects };
  }

  /** Replace the whole content (no events); the history starts empty at the snapshot's version. */
  restore(snapshot: StoreSnapshot): void {
    this.byType.clear();
    for (const o of snapshot.objects) this.put(deepFreeze(structuredClone(o)));
    this.rv = snapshot.objects.reduce((max, o) => Math.max(max, Number(o.metadata.resourceVersion) || 0), snapshot.resourceVersion);
    this.history = new WatchHistory(this.options.historyLimit ?? 2000, this.rv);
  }

  /** The registered kind of an object, or 400 for kinds this server does not serve. */
  defOf(obj: { apiVersion?: unknown; kind?: unknown }): ResourceDef {
    const def = typeof obj.apiVersion === 'string' && typeof obj.kind === 'string' ? findKind(obj.apiVersion, obj.kind) : undefined;
    if (!def) throw badRequest(`no kind "${String(obj.kind)}" is registered for version "${String(obj.apiVersion)}"`);
    return def;
  }

  private identity(def: ResourceDef, obj: KubeObject): { name: string; namespace: string | undefined } {
    const name = obj.metadata?.name;
    if (!name) throw badRequest('metadata.name: Required value: name is required');
    if (!def.namespaced) return { name, namespace: undefined };
    return { name, namespace: obj.metadata.namespace || 'default' };
  }

  private put(obj: KubeObject): void {
    const key = typeKey(obj.apiVersion, obj.kind);
    let objects = this.byType.get(key);
    if (!objects) this.byType.set(key, (objects = new Map()));
    objects.set(objectKey(obj.metadata.namespace, obj.metadata.name), obj);
  }

  private commit(type: StoreChange['type'], obj: KubeObject, previous?: KubeObject): KubeObject {
    const frozen = deepFreeze(structuredClone(obj));
    this.rv += 1;
    if (type === 'DELETED') {
      this.byType.get(typeKey(obj.apiVersion, obj.kind))?.delete(objectKey(obj.metadata.namespace, obj.metadata.name));
    } else {
      this.put(frozen);
    }
    const change: HistoryEvent = { type, object: frozen, rv: this.rv, ...(previous ? { previous } : {}) };
    this.history.push(change);
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (err) {
        console.error(`[demo kube ${this.cluster}] change listener failed:`, err);
      }
    }
    return frozen;
  }
}

/** Kind-specific defaults the API server would fill in. */
function defaults(def: ResourceDef, obj: KubeObject): KubeObject {
  if (def.kind === 'Namespace' && def.group === '') {
    const labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name };
    return {
      ...obj,
      metadata: { ...obj.metadata, labels },
      spec: obj.spec ?? { finalizers: ['kubernetes'] },
      status: obj.status ?? { phase: 'Active' },
    };
  }
  return obj;
}

export function createClusterStore(cluster: DemoClusterName, options: ClusterStoreOptions = {}): ClusterStore {
  const store = new ClusterStore(cluster, options);
  for (const name of BUILTIN_NAMESPACES) {
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  return store;
}
