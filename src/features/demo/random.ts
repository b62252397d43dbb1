import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

const TWO_POW_MINUS_32 = 2 ** -32;

/**
 * Mixes numbers into one 32-bit seed (murmur3's finaliser over each part). Every subscriber, and
 * every month of every subscriber, draws from its own stream keyed this way, so a record depends
 * only on (seed, index, purpose): a row never shifts because another subscriber drew more numbers.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h | 0;
}

/** What each stream of a subscriber is for; the numbers only need to differ. */
export const STREAM = {
  profile: 1,
  churn: 2,
  contracts: 3,
  complaints: 4,
  usage: 5,
  bill: 6,
  msisdn: 7,
};

/** A seeded random stream with the few distributions the demo needs. */
export class Rng {
  private readonly source: RandomGenerator;

  constructor(seed: number) {
    this.source = xoroshiro128plus(seed);
    // The generator's first outputs still echo the seed's bit pattern; discard them.
    for (let i = 0; i < 4; i += 1) this.source.next();
  }

  static for(...parts: number[]): Rng {
    return new Rng(mixSeed(...parts));
  }

  /** Uniform in [0, 1). 32 bits are plenty for a demo and twice as fast as 53. */
  float(): number {
    return (this.source.next() >>> 0) * TWO_POW_MINUS_32;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.float() * (max - min);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by relative weight; `weightOf` need not sum to 1. */
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T {
    let total = 0;
    for (const item of items) total += weightOf(item);
    let target = this.float() * total;
    for (const item of items) {
      target -= weightOf(item);
      if (target < 0) return item;
    }
    return this.pick(items);
  }

  /** Standard normal by Box–Muller (one value per call keeps the stream simple to reason about). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median: the long right tail of spend and usage. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson count: Knuth's method for small means, a rounded normal for large ones. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let count = 0;
    let product = this.float();
    while (product > limit) {
      count += 1;
      product *= this.float();
    }
    return count;
  }

  /** k distinct integers from [min, max], in ascending order. */
  distinctInts(count: number, min: number, max: number): number[] {
    const chosen = new Set<number>();
    const span = max - min + 1;
    const wanted = Math.min(count, span);
    while (chosen.size < wanted) chosen.add(this.int(min, max));
    return [...chosen].sort((a, b) => a - b);
  }
}
