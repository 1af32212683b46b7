import { afterEach, describe, expect, it, vi } from 'vitest';
import { singleFlight } from './single-flight';

const cache = singleFlight<number>('meridian.test.singleFlight', 5000);
afterEach(() => {
  vi.restoreAllMocks();
  cache.clear();
});

describe('singleFlight', () => {
  it('shares one running computation and its result within the TTL, then computes again', async () => {
    let runs = 0;
    const compute = async () => ++runs;
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect([a, b, runs]).toEqual([1, 1, 1]);
    expect(await cache.get('k', compute)).toBe(1);
    expect(await cache.get('other', compute)).toBe(2);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 5001);
    expect(await cache.get('k', compute)).toBe(3);
  });

  it('does not keep a failure', async () => {
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });
});
