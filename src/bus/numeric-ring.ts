/**
 * Struct-of-arrays ring for fixed-size numeric records (bars, trades, quotes): each record is
 * `lanes` float64 values stored in one Float64Array, so publishing and consuming allocate nothing.
 * This is the engine's hot path; the same sequence/back-pressure rules as RingBuffer apply.
 *
 * Usage: `const at = ring.claim(); if (at < 0) drain…; ring.data[at] = …; ring.commit();`
 * and on the consumer side `const at = ring.peek(); …read ring.data[at + k]…; ring.release();`.
 */
import { BusOverflowError, type OverflowPolicy } from "./ring-buffer.ts";

export class NumericRing {
  readonly capacity: number;
  readonly lanes: number;
  readonly data: Float64Array;
  private readonly mask: number;
  private headSeq = 0;
  private tailSeq = 0;
  dropped = 0;

  constructor(capacity: number, lanes: number, readonly policy: OverflowPolicy = "reject") {
    if (!Number.isInteger(capacity) || capacity < 2 || (capacity & (capacity - 1)) !== 0) {
      throw new RangeError(`ring capacity must be a power of two ≥ 2, got ${capacity}`);
    }
    if (!Number.isInteger(lanes) || lanes < 1) throw new RangeError(`lanes must be ≥ 1, got ${lanes}`);
    this.capacity = capacity;
    this.lanes = lanes;
    this.mask = capacity - 1;
    this.data = new Float64Array(capacity * lanes);
  }

  get size(): number {
    return this.tailSeq - this.headSeq;
  }

  get nextSeq(): number {
    return this.tailSeq;
  }

  get headSequence(): number {
    return this.headSeq;
  }

  /** Offset of the slot to write, or -1 when full under "reject". Call commit() after writing. */
  claim(): number {
    if (this.tailSeq - this.headSeq === this.capacity) {
      if (this.policy === "reject") return -1;
      if (this.policy === "throw") throw new BusOverflowError(`ring full (capacity ${this.capacity})`);
      this.headSeq++;
      this.dropped++;
    }
    return (this.tailSeq & this.mask) * this.lanes;
  }

  commit(): number {
    return this.tailSeq++;
  }

  /** Offset of the oldest unread record, or -1 when empty. Call release() after reading. */
  peek(): number {
    if (this.headSeq === this.tailSeq) return -1;
    return (this.headSeq & this.mask) * this.lanes;
  }

  release(): void {
    this.headSeq++;
  }
}
