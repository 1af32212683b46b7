import 'server-only';

// Random numbers for the simulation: a seedable generator and the few distributions it needs.

export type Random = () => number;

/** A fast deterministic generator (mulberry32) for tests and reproducible demos. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal variate (Box-Muller). */
export function normal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A stable 32-bit hash of a string (FNV-1a), for per-pair constants. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Turns expected amounts into whole counts without drift: each call adds `expected` to the carried
 * remainder and takes its integer part, so the long-run total equals the expected total exactly and
 * counters grow smoothly (the tick-level noise comes from the jittered rate, not from rounding).
 */
export class Carry {
  private remainder: number;
  constructor(random: Random) {
    this.remainder = random();
  }
  take(expected: number): number {
    this.remainder += expected;
    const whole = Math.floor(this.remainder);
    this.remainder -= whole;
    return whole;
  }
}
