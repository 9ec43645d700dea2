/**
 * Reconnect delays: exponential from `baseMs` doubling up to `maxMs`, with "equal jitter" (half
 * fixed, half random) so many TUIs do not reconnect in lockstep after a daemon restart, yet a
 * retry never fires immediately. `reset()` after a successful connection.
 *
 *   attempt:  1     2     3     4      5 …
 *   ceiling:  250   500   1000  2000   4000, 5000, 5000 … ms   (delay in [ceiling/2, ceiling])
 */

export interface BackoffOptions {
  readonly baseMs?: number;
  readonly maxMs?: number;
  /** Uniform [0,1) source; injectable for tests. */
  readonly random?: () => number;
}

export class Backoff {
  private n = 0;
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(opts: BackoffOptions = {}) {
    this.baseMs = opts.baseMs ?? 250;
    this.maxMs = opts.maxMs ?? 5000;
    this.random = opts.random ?? Math.random;
    if (!(this.baseMs > 0) || !(this.maxMs >= this.baseMs)) throw new RangeError(`backoff: need 0 < baseMs <= maxMs (got ${this.baseMs}, ${this.maxMs})`);
  }

  /** Attempts made since the last reset. */
  get attempt(): number {
    return this.n;
  }

  /** Delay before the next attempt, in ms. */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.n, 30));
    this.n += 1;
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  reset(): void {
    this.n = 0;
  }
}
