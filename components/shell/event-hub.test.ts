import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { alertFeatures } from '@/components/alerts/useAlerts';
import { graphFeatures } from '@/components/graph/useGraphData';
import { meshFeatures } from '@/components/mesh/useMesh';
import { createEventHub, type EventSourceLike, type LiveSignal } from './event-hub';
import { queryKey } from './query-keys';
import { createInvalidator } from './useEvents';

/** An EventSource the test drives: `emit` delivers a server event, `fail` an HTTP error (closed for good). */
class FakeSource implements EventSourceLike {
  static opened: FakeSource[] = [];
  readyState = 1;
  closed = false;
  onerror: ((ev: Event) => unknown) | null = null;
  private readonly handlers = new Map<string, ((msg: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeSource.opened.push(this);
  }
  addEventListener(type: string, listener: (msg: MessageEvent<string>) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data: unknown) {
    for (const h of this.handlers.get(type) ?? []) h({ data: typeof data === 'string' ? data : JSON.stringify(data) } as MessageEvent<string>);
  }
  fail() {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
}

function setup() {
  FakeSource.opened = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const hub = createEventHub({ open: (url) => new FakeSource(url), retryMs: 100, maxRetryMs: 300, setTimer: (fn, ms) => timers.push({ fn, ms }), clearTimer: () => timers.splice(0) });
  return { hub, timers, last: () => FakeSource.opened.at(-1)! };
}

const inventory = { type: 'inventory', cluster: 'eu-west', namespace: 'mcs-demo', kind: 'ServiceExport', name: 'hello', action: 'added' } as const;

describe('the per-tab event hub', () => {
  it('opens one EventSource for every subscriber and closes it with the last one', () => {
    const { hub, last } = setup();
    const a: LiveSignal[] = [];
    const b: LiveSignal[] = [];
    const offA = hub.subscribe((s) => a.push(s));
    const offB = hub.subscribe((s) => b.push(s));
    expect(FakeSource.opened).toHaveLength(1);
    expect(last().url).toBe('/api/events');
    last().emit('inventory', inventory);
    expect(a).toEqual([inventory]);
    expect(b).toEqual([inventory]);
    offA();
    expect(hub.connections).toBe(1);
    offB();
    expect(last().closed).toBe(true);
    expect(hub.connections).toBe(0);
    hub.subscribe(() => {});
    expect(FakeSource.opened).toHaveLength(2);
  });

  it('drops what is not an event of the bus', () => {
    const { hub, last } = setup();
    const got: LiveSignal[] = [];
    hub.subscribe((s) => got.push(s));
    last().emit('inventory', 'not json');
    last().emit('inventory', { type: 'inventory', cluster: 'eu-west' });
    last().emit('alerts', { type: 'alerts' });
    expect(got).toEqual([{ type: 'alerts' }]);
  });

  it('says resync when the stream greets again after a gap', () => {
    const { hub, last } = setup();
    const got: LiveSignal[] = [];
    hub.subscribe((s) => got.push(s));
    last().emit('hello', { clusters: [] });
    expect(got).toEqual([]);
    last().emit('hello', { clusters: [] });
    expect(got).toEqual([{ type: 'resync' }]);
  });

  it('reopens a stream the browser gave up on, with a growing delay, while anyone listens', () => {
    const { hub, timers, last } = setup();
    const off = hub.subscribe(() => {});
    last().fail();
    expect(hub.connections).toBe(0);
    expect(timers.map((t) => t.ms)).toEqual([100]);
    timers.shift()!.fn();
    expect(FakeSource.opened).toHaveLength(2);
    last().fail();
    timers.shift()!.fn();
    last().fail();
    timers.shift()!.fn();
    last().fail();
    expect(timers.map((t) => t.ms)).toEqual([300]);
    off();
    expect(timers).toEqual([]);
    // A hello resets the delay.
    hub.subscribe(() => {});
    last().emit('hello', { clusters: [] });
    last().fail();
    expect(timers.map((t) => t.ms)).toEqual([100]);
  });

  it('leaves reconnecting after a network error to the browser', () => {
    const { hub, timers, last } = setup();
    hub.subscribe(() => {});
    last().readyState = 0;
    last().onerror?.(new Event('error'));
    expect(timers).toEqual([]);
    expect(last().closed).toBe(false);
  });
});

describe('live invalidation', () => {
  it('coalesces a burst, and several users of a feature, into one invalidation per window', async () => {
    const client = new QueryClient();
    const timers: (() => void)[] = [];
    const invalidate = createInvalidator(client, (fn) => timers.push(fn));
    const graphAll = queryKey([], 'graph', 'bookinfo');
    const graphEast = queryKey(['us-east'], 'graph', 'bookinfo');
    client.setQueryData(graphAll, 1);
    client.setQueryData(graphEast, 1);
    for (let i = 0; i < 5; i++) invalidate('graph', [], 1000);
    expect(timers).toHaveLength(1);
    timers.shift()!();
    await Promise.resolve();
    expect(client.getQueryState(graphAll)?.isInvalidated).toBe(true);
    expect(client.getQueryState(graphEast)?.isInvalidated).toBe(false);
    invalidate('graph', [], 1000);
    expect(timers).toHaveLength(1);
  });

  it('routes events to the features they make stale', () => {
    const cluster = { type: 'cluster', cluster: 'eu-west', state: 'error' } as const;
    const inv = inventory;
    expect(alertFeatures({ type: 'alerts' })).toEqual(['alerts', 'silences']);
    expect(alertFeatures(cluster)).toEqual(['alerts']);
    expect(alertFeatures(inv)).toEqual([]);
    expect(meshFeatures(inv)).toEqual(['mesh']);
    expect(meshFeatures({ ...inv, kind: 'VirtualService' })).toEqual([]);
    expect(graphFeatures(inv, [])).toEqual(['graph']);
    expect(graphFeatures(inv, ['eu-west', 'us-east'])).toEqual(['graph']);
    expect(graphFeatures(inv, ['us-east'])).toEqual([]);
    expect(graphFeatures(cluster, ['us-east'])).toEqual([]);
    expect(graphFeatures({ type: 'alerts' }, [])).toEqual([]);
    expect(graphFeatures({ type: 'resync' }, ['us-east'])).toEqual(['graph']);
  });
});
