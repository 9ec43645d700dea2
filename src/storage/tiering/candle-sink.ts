/**
 * Candle sink for collectors and the daemon: every closed (or updated in-progress) bar goes to
 * the hot tier immediately and is gathered per series into Float64Array columns that are handed
 * to the warm ingest pipeline as one ColumnBatch every `rowsPerBatch` bars (or on flush()) — no
 * object per row on either path.
 *
 * Back-pressure: onBar() returns the ingest pipeline's `writable`; a producer that gets false
 * should `await sink.whenWritable()` before publishing more (the bus itself never blocks).
 * An in-progress bar update (same open time as the previous bar) replaces it in the hot tier
 * and is only forwarded to the warm tier once, with its latest values, at the next flush.
 */
import type { Bar } from "../../core/index.ts";
import type { HotStore } from "../hot/hot-store.ts";
import type { ColumnBatch } from "../ports.ts";

export interface SeriesLabel {
  readonly venue: string;
  readonly symbol: string;
  readonly interval: string;
}

export interface IngestTarget {
  push(batch: ColumnBatch): boolean;
  whenWritable(): Promise<void>;
  readonly writable: boolean;
}

interface Pending {
  readonly label: SeriesLabel;
  cols: Float64Array[];
  n: number;
}

export class CandleSink {
  private readonly pending = new Map<string, Pending>();
  private readonly row = new Float64Array(6);

  constructor(
    private readonly hot: HotStore,
    private readonly warm: IngestTarget,
    private readonly rowsPerBatch = 512,
  ) {}

  /** Records one bar; returns false when the warm pipeline asks producers to slow down. */
  onBar(bar: Bar, label: SeriesLabel): boolean {
    const r = this.row;
    r[0] = bar.tsEvent;
    r[1] = bar.open;
    r[2] = bar.high;
    r[3] = bar.low;
    r[4] = bar.close;
    r[5] = bar.volume;
    this.hot.stream({ kind: "candles", ...label }).appendRow(r);
    const id = `${label.venue}/${label.symbol}/${label.interval}`;
    let p = this.pending.get(id);
    if (!p) {
      p = { label, cols: Array.from({ length: 6 }, () => new Float64Array(this.rowsPerBatch)), n: 0 };
      this.pending.set(id, p);
    }
    // Same open time as the last pending bar: an update of the in-progress bar.
    const at = p.n > 0 && p.cols[0]![p.n - 1] === bar.tsEvent ? p.n - 1 : p.n++;
    for (let f = 0; f < 6; f++) p.cols[f]![at] = r[f]!;
    if (p.n === this.rowsPerBatch) return this.send(p);
    return this.warm.writable;
  }

  /** Hands every pending bar to the warm pipeline. */
  flush(): boolean {
    let ok = true;
    for (const p of this.pending.values()) if (p.n > 0) ok = this.send(p) && ok;
    return ok;
  }

  whenWritable(): Promise<void> {
    return this.warm.whenWritable();
  }

  private send(p: Pending): boolean {
    const [ts, open, high, low, close, volume] = p.cols.map((c) => c.subarray(0, p.n)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const batch: ColumnBatch = {
      table: "candles",
      length: p.n,
      source: `sink:${p.label.venue}/${p.label.symbol}/${p.label.interval}`,
      columns: { ts, venue: { constant: p.label.venue }, symbol: { constant: p.label.symbol }, interval: { constant: p.label.interval }, open, high, low, close, volume },
    };
    // The batch keeps these arrays; start fresh ones for the next bars.
    p.cols = Array.from({ length: 6 }, () => new Float64Array(this.rowsPerBatch));
    p.n = 0;
    return this.warm.push(batch);
  }
}
