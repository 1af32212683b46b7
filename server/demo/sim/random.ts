import 'server-only';

// Random numbers for the simulation: a seedable generator and the few distributions it needs.

import { hash32, seededRandom, type Random } from '../random';

export { hash32, seededRandom, type Random };

/** A standard normal variate (Box-Muller). */
export function normal(random: Random): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
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
