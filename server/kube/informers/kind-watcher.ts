import 'server-only';
import { Watch, type KubeConfig } from '@kubernetes/client-node';
import { INVENTORY_KINDS, type InventoryKind, type K8sObject } from '@/lib/inventory/types';
import { statusOf } from './http';
import { listCollection } from './list';
import { objectKey, stripObject } from './objects';

// The list+watch loop of one kind in one cluster (what client-go calls a reflector), with the
// objects it caches. Loop: list (paginated) -> watch from the list's resourceVersion -> when the
// watch ends (server timeout, inactivity) watch again from the last resourceVersion seen (events and
// BOOKMARKs move it) -> on 410 Gone (an ERROR event with a 410 Status, or a 410 answer, or an expired
// continue token while paging) list again. A relist is diffed against the cache, so every change
// made while the watch was gone still comes out as an added/modified/deleted event.
// Failures (unreachable, 401, 5xx) stop the loop and are reported: the ClusterCache decides when to
// restart (cluster-wide backoff). A 404 on the list means the kind's CRD is not installed: absent.

export type InventoryAction = 'added' | 'modified' | 'deleted';
export type KindState = 'idle' | 'listing' | 'synced' | 'absent' | 'failed';

export interface KindHooks {
  /** A change of the cache, after the first list (the first list itself is not told object by object). */
  onChange(kind: InventoryKind, action: InventoryAction, obj: K8sObject): void;
  /** The first list finished, or a restarted loop is watching again. */
  onSynced(kind: InventoryKind): void;
  onAbsent(kind: InventoryKind): void;
  /** The loop stopped on an error; start() resumes it (from the last resourceVersion when there is one). */
  onFailure(kind: InventoryKind, err: unknown): void;
}

export interface KindWatcherOptions {
  pageSize?: number;
  requestTimeoutMs?: number;
}

const LIST_PAGE = 500;
const REQUEST_TIMEOUT_MS = 60_000;
/** A watch that ends sooner than this without any event waits this long before the next one. */
const MIN_WATCH_MS = 1000;

export function collectionPath(kind: InventoryKind): string {
  const k = INVENTORY_KINDS[kind];
  return k.group ? `/apis/${k.group}/${k.version}/${k.plural}` : `/api/${k.version}/${k.plural}`;
}

export class KindWatcher {
  state: KindState = 'idle';
  events = 0;
  restarts = 0;
  relists = 0;
  private objects = new Map<string, K8sObject>();
  private listed?: K8sObject[];
  private rv = '';
  private generation = 0;
  private everSynced = false;
  private abort?: AbortController;
  private readonly path: string;
  private readonly watch: Watch;

  constructor(
    readonly kind: InventoryKind,
    private readonly kc: KubeConfig,
    private readonly hooks: KindHooks,
    private readonly options: KindWatcherOptions = {},
  ) {
    this.path = collectionPath(kind);
    this.watch = new Watch(kc);
  }

  /** The cached objects (the same array until the next change; treat as read-only). */
  list(): K8sObject[] {
    this.listed ??= [...this.objects.values()];
    return this.listed;
  }

  get resourceVersion(): string {
    return this.rv;
  }

  start(): void {
    if (this.state === 'listing' || this.state === 'synced') return;
    if (this.state === 'failed') this.restarts += 1;
    this.state = 'listing';
    const generation = ++this.generation;
    this.abort = new AbortController();
    void this.run(generation, this.abort.signal);
  }

  stop(): void {
    this.generation += 1;
    this.abort?.abort();
    this.abort = undefined;
    if (this.state === 'listing' || this.state === 'synced') this.state = 'idle';
  }

  private async run(generation: number, signal: AbortSignal): Promise<void> {
    const live = () => generation === this.generation;
    try {
      while (live()) {
        if (!this.rv) {
          const listed = await listCollection(this.kc, this.path, {
            signal,
            timeoutMs: this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
            pageSize: this.options.pageSize ?? LIST_PAGE,
          });
          if (!live()) return;
          if (listed === 'absent') {
            this.state = 'absent';
            this.hooks.onAbsent(this.kind);
            return;
          }
          this.replaceAll(listed.items, listed.rv);
        }
        const outcome = await this.watchOnce(signal, () => {
          if (live() && this.state !== 'synced') this.markSynced();
        });
        if (!live()) return;
        if (outcome.kind === 'expired') {
          this.rv = '';
          this.relists += 1;
        } else if (outcome.quick) {
          await new Promise((r) => setTimeout(r, MIN_WATCH_MS));
        }
      }
    } catch (err) {
      if (!live()) return;
      this.state = 'failed';
      this.hooks.onFailure(this.kind, err);
    }
  }

  private markSynced(): void {
    this.state = 'synced';
    this.everSynced = true;
    this.hooks.onSynced(this.kind);
  }

  /** Replaces the cache with a fresh list; after the first sync the differences are told as events. */
  private replaceAll(items: K8sObject[], rv: string): void {
    const next = new Map(items.map((o) => [objectKey(o), o]));
    const tell = this.everSynced;
    const old = this.objects;
    this.objects = next;
    this.listed = undefined;
    this.rv = rv;
    if (this.state !== 'synced') this.markSynced();
    if (!tell) return;
    for (const [key, obj] of next) {
      const before = old.get(key);
      if (!before) this.emit('added', obj);
      else if (before.metadata.resourceVersion !== obj.metadata.resourceVersion) this.emit('modified', obj);
    }
    for (const [key, obj] of old) if (!next.has(key)) this.emit('deleted', obj);
  }

  private emit(action: InventoryAction, obj: K8sObject): void {
    this.events += 1;
    this.hooks.onChange(this.kind, action, obj);
  }

  private apply(type: string, raw: unknown): 'expired' | void {
    if (type === 'ERROR') {
      const status = raw as { code?: unknown; message?: unknown };
      if (status?.code === 410) return 'expired';
      throw Object.assign(new Error(`watch ERROR: ${String(status?.message ?? 'unknown')}`), { code: status?.code, body: raw });
    }
    const rv = (raw as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
    if (type === 'BOOKMARK') {
      if (typeof rv === 'string' && rv) this.rv = rv;
      return;
    }
    const obj = stripObject(raw);
    if (!obj) return;
    const key = objectKey(obj);
    if (type === 'DELETED') {
      if (this.objects.delete(key)) {
        this.listed = undefined;
        this.emit('deleted', obj);
      }
    } else if (type === 'ADDED' || type === 'MODIFIED') {
      const before = this.objects.get(key);
      if (!before || before.metadata.resourceVersion !== obj.metadata.resourceVersion) {
        this.objects.set(key, obj);
        this.listed = undefined;
        this.emit(before ? 'modified' : 'added', obj);
      }
    }
    if (typeof rv === 'string' && rv) this.rv = rv;
  }

  /**
   * One watch request from the current resourceVersion, until the server ends it. Resolves
   * 'expired' on 410, 'ended' otherwise (`quick` when it ended at once without events); rejects on
   * failures (connection refused or lost, 401, 5xx, a watch ERROR other than 410).
   */
  private watchOnce(signal: AbortSignal, onConnected: () => void): Promise<{ kind: 'expired' | 'ended'; quick: boolean }> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      let sawEvent = false;
      let expired = false;
      let failure: unknown;
      const query = {
        resourceVersion: this.rv,
        allowWatchBookmarks: true,
        // As client-go: a server-side timeout of 5-10 min, so that connections are renewed.
        timeoutSeconds: 300 + Math.floor(Math.random() * 300),
      };
      const onEvent = (type: string, obj: unknown) => {
        if (failure !== undefined || expired) return;
        sawEvent = true;
        try {
          if (this.apply(type, obj) === 'expired') expired = true;
        } catch (err) {
          failure = err;
        }
      };
      const done = (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        const quick = !sawEvent && Date.now() - started < MIN_WATCH_MS;
        if (failure !== undefined) return reject(failure);
        if (expired || statusOf(err) === 410) return resolve({ kind: 'expired', quick });
        // Watch's own inactivity timeout: watch again from where we are.
        if (!err || (err as { name?: string }).name === 'TimeoutError' || signal.aborted) return resolve({ kind: 'ended', quick });
        reject(err);
      };
      let controller: AbortController | undefined;
      const onAbort = () => controller?.abort();
      signal.addEventListener('abort', onAbort);
      this.watch.watch(this.path, query, onEvent, done).then(
        (c) => {
          controller = c;
          if (signal.aborted) c.abort();
          else if (!c.signal.aborted) onConnected();
        },
        (err: unknown) => done(err),
      );
    });
  }
}
