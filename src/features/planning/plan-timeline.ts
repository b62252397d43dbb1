import { daypartOf, type RetrySettings } from '#src/features/queue/retry-rules';

const MINUTE = 60_000;
const UNKNOWN = -2;

/**
 * The due times one agent (or one team's pool) can hand out on the plan day: `count` slots spread
 * evenly across the window, so the queue releases work through the shift instead of all at 09:00.
 * Slots are taken greedily in the plan's priority order, so the most valuable calls come first.
 */
export class Timeline {
  private readonly times: number[];
  private readonly taken: Uint8Array;
  private readonly dayparts: Int8Array;
  /** No slot before this index is free: regular calls take slots in order, so finding one is O(1). */
  private firstFree = 0;
  private freeCount: number;

  constructor(
    windowStart: Date,
    windowEnd: Date,
    count: number,
    private readonly retry: RetrySettings,
    private readonly timeZone: string,
  ) {
    const n = Math.max(0, Math.floor(count));
    const start = windowStart.getTime();
    const span = Math.max(0, windowEnd.getTime() - start);
    this.times = Array.from({ length: n }, (_, k) => start + Math.floor((k * span) / n / MINUTE) * MINUTE);
    this.taken = new Uint8Array(n);
    this.dayparts = new Int8Array(n).fill(UNKNOWN);
    this.freeCount = n;
  }

  get free(): number {
    return this.freeCount;
  }

  get size(): number {
    return this.times.length;
  }

  timeOf(slot: number): Date {
    return new Date(this.times[slot] ?? 0);
  }

  /** The first free slot, or -1. */
  firstFreeSlot(): number {
    if (this.freeCount === 0) return -1;
    while (this.firstFree < this.taken.length && this.taken[this.firstFree] === 1) this.firstFree++;
    return this.firstFree < this.taken.length ? this.firstFree : -1;
  }

  /** The first free slot at or after `notBefore` in a daypart other than `avoidDaypart`, or -1. */
  firstFreeRetrySlot(notBefore: Date, avoidDaypart: number): number {
    if (this.freeCount === 0) return -1;
    const earliest = notBefore.getTime();
    for (let slot = this.firstFree; slot < this.taken.length; slot++) {
      if (this.taken[slot] === 1 || (this.times[slot] ?? 0) < earliest) continue;
      const part = this.daypartAt(slot);
      if (part !== -1 && part !== avoidDaypart) return slot;
    }
    return -1;
  }

  /** The free slot closest in time to `at` (a callback keeps its time; it only uses up a slot). */
  nearestFreeSlot(at: Date): number {
    if (this.freeCount === 0) return -1;
    let best = -1;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let slot = this.firstFree; slot < this.taken.length; slot++) {
      if (this.taken[slot] === 1) continue;
      const distance = Math.abs((this.times[slot] ?? 0) - at.getTime());
      if (distance < bestDistance) {
        best = slot;
        bestDistance = distance;
      }
    }
    return best;
  }

  take(slot: number): void {
    if (slot < 0 || slot >= this.taken.length || this.taken[slot] === 1) {
      throw new Error(`slot ${slot} is not free`);
    }
    this.taken[slot] = 1;
    this.freeCount--;
  }

  private daypartAt(slot: number): number {
    const known = this.dayparts[slot] ?? UNKNOWN;
    if (known !== UNKNOWN) return known;
    const part = daypartOf(this.timeOf(slot), this.retry, this.timeZone);
    this.dayparts[slot] = part;
    return part;
  }
}
