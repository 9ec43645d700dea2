/**
 * Time has one source: an injected Clock. Engine, strategies and the simulator never read the
 * wall clock; backtests use HistoricalClock (advanced by the engine to each event's time), live
 * and paper use a wall clock implemented outside core (src/lib/live-clock.ts).
 *
 * Units: epoch milliseconds as a number (exact up to year 287,396; fractional ms allowed).
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
}

/** A clock driven by data: `advance` must never move time backwards. */
export class HistoricalClock implements Clock {
  private t: number;
  constructor(startMs = 0) {
    this.t = startMs;
  }
  now(): number {
    return this.t;
  }
  advance(toMs: number): void {
    if (toMs > this.t) this.t = toMs;
  }
  /** Test helper: set the time directly, may move backwards. */
  set(toMs: number): void {
    this.t = toMs;
  }
}
