/**
 * A reusable, writable Bar: drivers copy one row into it and hand it to the engine, so the hot
 * loop allocates nothing per bar. Strategies receive it typed as a read-only `Bar` and must copy
 * any field they want to keep (the next bar overwrites it).
 */
import type { Bar } from "../core/index.ts";

export class MutableBar implements Bar {
  instrumentId = 0;
  tsEvent = 0;
  tsInit = 0;
  intervalMs = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  index = 0;

  /** An immutable copy (for events that outlive the bar). */
  freeze(): Bar {
    return Object.freeze({
      instrumentId: this.instrumentId,
      tsEvent: this.tsEvent,
      tsInit: this.tsInit,
      intervalMs: this.intervalMs,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      volume: this.volume,
      index: this.index,
    });
  }
}
