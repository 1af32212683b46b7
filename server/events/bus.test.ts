import { afterEach, describe, expect, it, vi } from 'vitest';
import { busStats, publish, subscribe } from './bus';
import { meridianEventSchema, type MeridianEvent } from '@/lib/events';

const ev: MeridianEvent = { type: 'inventory', cluster: 'a', namespace: 'ns', kind: 'Service', name: 's', action: 'added' };

describe('event bus', () => {
  const unsubs: (() => void)[] = [];
  afterEach(() => unsubs.splice(0).forEach((u) => u()));

  it('delivers in order to every subscriber until it unsubscribes', () => {
    const a: MeridianEvent[] = [];
    const b: MeridianEvent[] = [];
    const ua = subscribe((e) => a.push(e));
    unsubs.push(ua, subscribe((e) => b.push(e)));
    publish(ev);
    publish({ type: 'cluster', cluster: 'a', state: 'synced' });
    ua();
    ua();
    publish({ type: 'alerts' });
    expect(a.map((e) => e.type)).toEqual(['inventory', 'cluster']);
    expect(b.map((e) => e.type)).toEqual(['inventory', 'cluster', 'alerts']);
  });

  it('a throwing listener does not stop the others', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: string[] = [];
    unsubs.push(subscribe(() => { throw new Error('boom'); }), subscribe((e) => seen.push(e.type)));
    publish(ev);
    expect(seen).toEqual(['inventory']);
    expect(spy).toHaveBeenCalledOnce();
    spy.mockRestore();
  });

  it('keeps one bus per process on globalThis', () => {
    const before = busStats().published;
    publish(ev);
    expect(busStats().published).toBe(before + 1);
    expect(Object.getOwnPropertySymbols(globalThis).some((s) => s.description === 'meridian.events.bus')).toBe(true);
  });

  it('the schema accepts the three kinds and rejects a bad action', () => {
    expect(meridianEventSchema.parse(ev)).toEqual(ev);
    expect(meridianEventSchema.safeParse({ type: 'cluster', cluster: 'a', state: 'error', error: 'x' }).success).toBe(true);
    expect(meridianEventSchema.safeParse({ type: 'alerts', firing: 3 }).success).toBe(true);
    expect(meridianEventSchema.safeParse({ ...ev, action: 'touched' }).success).toBe(false);
  });
});
