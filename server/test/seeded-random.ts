/**
 * A small seeded pseudo-random generator (mulberry32), so a randomised test can print its seed and
 * be run again with the same choices.
 */

/** Random numbers in [0, 1) and helpers, all drawn from one seeded sequence. */
export interface SeededRandom {
  seed: number;
  /** The next number in [0, 1). */
  next(): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** An integer in [0, below). */
  below(below: number): number;
  /** One element of `items` (which must not be empty). */
  pick<T>(items: readonly T[]): T;
}

/** A seed for a fresh run: the clock's milliseconds, cut to 32 bits. */
export function freshSeed(): number {
  return Date.now() >>> 0;
}

/** The generator for `seed`; the same seed gives the same sequence. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n: number) => Math.floor(next() * n);
  return {
    seed,
    next,
    chance: (p) => next() < p,
    below,
    pick: (items) => items[below(items.length)]!,
  };
}
