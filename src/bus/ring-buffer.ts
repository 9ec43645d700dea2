/**
 * Bounded single-producer/single-consumer ring buffer of references.
 *
 * Invariants: capacity is a power of two (index = seq & mask); `headSeq` (next to read) and
 * `tailSeq` (next to write) only grow, so every message has a unique monotonically increasing
 * sequence number; size = tailSeq − headSeq ≤ capacity.
 *
 * Back-pressure is explicit and chosen per ring:
 *  - "reject": tryPublish returns false when full; the producer must let the consumer drain
 *    (the engine's backtest driver does this, so nothing is ever lost);
 *  - "drop-oldest": the oldest unread message is overwritten and counted in `dropped`
 *    (for observers such as WebSocket fan-out, which must never slow the engine);
 *  - "throw": a full ring is a bug; publishing throws.
 */
export type OverflowPolicy = "reject" | "drop-oldest" | "throw";

export class BusOverflowError extends Error {
  override name = "BusOverflowError";
  readonly code = "BUS_OVERFLOW";
}

export class RingBuffer<T> {
  readonly capacity: number;
  private readonly mask: number;
  private readonly slots: (T | undefined)[];
  private headSeq = 0;
  private tailSeq = 0;
  /** Messages overwritten under "drop-oldest". */
  dropped = 0;

  constructor(capacity: number, readonly policy: OverflowPolicy = "reject") {
    if (!Number.isInteger(capacity) || capacity < 2 || (capacity & (capacity - 1)) !== 0) {
      throw new RangeError(`ring capacity must be a power of two ≥ 2, got ${capacity}`);
    }
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.slots = new Array<T | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.tailSeq - this.headSeq;
  }

  /** Sequence number the next published message will get. */
  get nextSeq(): number {
    return this.tailSeq;
  }

  /** Publishes; returns the message's sequence number, or -1 when full under "reject". */
  tryPublish(item: T): number {
    if (this.tailSeq - this.headSeq === this.capacity) {
      if (this.policy === "reject") return -1;
      if (this.policy === "throw") throw new BusOverflowError(`ring full (capacity ${this.capacity})`);
      this.headSeq++;
      this.dropped++;
    }
    const seq = this.tailSeq;
    this.slots[seq & this.mask] = item;
    this.tailSeq = seq + 1;
    return seq;
  }

  /** Sequence number of the message `poll()` returns next (when not empty). */
  get nextReadSeq(): number {
    return this.headSeq;
  }

  /** Next message, or undefined when empty. */
  poll(): T | undefined {
    if (this.headSeq === this.tailSeq) return undefined;
    const i = this.headSeq & this.mask;
    const item = this.slots[i];
    this.slots[i] = undefined;
    this.headSeq++;
    return item;
  }

  /** Delivers up to `max` messages to `fn` in order; returns how many were delivered. */
  drain(fn: (item: T, seq: number) => void, max = Infinity): number {
    let n = 0;
    while (n < max && this.headSeq !== this.tailSeq) {
      const seq = this.headSeq;
      const i = seq & this.mask;
      const item = this.slots[i] as T;
      this.slots[i] = undefined;
      this.headSeq = seq + 1;
      fn(item, seq);
      n++;
    }
    return n;
  }
}
