/**
 * Sum of the last `n` pushed values in O(1) per push, with no allocation after construction.
 *
 * Invariant: callers push integers (prices/volumes in grid units, see units.ts), so while
 * |sum| < 2^53 the running sum is EXACT — no drift over millions of bars, and equal means really
 * compare equal (the MA crossover's "equal → nothing" rule depends on that).
 */
export class RollingSum {
  readonly n: number;
  count = 0;
  sum = 0;
  private readonly ring: Float64Array;
  private at = 0;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`window must be an integer ≥ 1, got ${n}`);
    this.n = n;
    this.ring = new Float64Array(n);
  }

  get full(): boolean {
    return this.count === this.n;
  }

  push(x: number): void {
    const i = this.at;
    if (this.count === this.n) this.sum -= this.ring[i]!;
    else this.count++;
    this.ring[i] = x;
    this.sum += x;
    this.at = i + 1 === this.n ? 0 : i + 1;
  }
}
