import 'server-only';
import type { KubeObject, StoreChange } from '../types';

// The bounded history of committed changes of one cluster, from which a watch that starts at an
// older resourceVersion is replayed. Once an event has been dropped, a watch from before it gets
// 410 Gone (the client relists), as with etcd compaction in a real cluster.

export interface HistoryEvent extends StoreChange {
  rv: number;
  /** The object before a MODIFIED change (watches with selectors turn it into ADDED/DELETED). */
  previous?: KubeObject;
}

export class WatchHistory {
  private events: HistoryEvent[] = [];
  /** Highest resourceVersion whose event is no longer held; watches from below it are expired. */
  private compactedRv: number;

  constructor(
    private readonly limit: number,
    startRv = 0,
  ) {
    this.compactedRv = startRv;
  }

  push(event: HistoryEvent): void {
    this.events.push(event);
    if (this.events.length > this.limit) {
      const dropped = this.events.splice(0, this.events.length - this.limit);
      const last = dropped[dropped.length - 1];
      if (last) this.compactedRv = last.rv;
    }
  }

  /** Events after `rv`, or 'expired' when some of them were already dropped. */
  since(rv: number): HistoryEvent[] | 'expired' {
    if (rv < this.compactedRv) return 'expired';
    // Events are in rv order: binary search the first one after rv.
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.events[mid]?.rv ?? 0) <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo);
  }

  /** Forget every event up to `rv` (as a compaction would); for tests and restarts. */
  compact(rv: number): void {
    this.events = this.events.filter((e) => e.rv > rv);
    this.compactedRv = Math.max(this.compactedRv, rv);
  }

  get oldestServableRv(): number {
    return this.compactedRv;
  }

  get size(): number {
    return this.events.length;
  }
}
