/**
 * Columnar bar data: the contract between data providers (CSV/Parquet/Arrow/storage tiers)
 * and the engine. One Float64Array per field, no per-row objects; `tsEvent` is the bar open
 * time in epoch ms, strictly increasing. Gaps in time are allowed (the next row is the next bar).
 */
export interface BarSeries {
  readonly symbol: string;
  readonly venue: string;
  /** Bar length in ms (detected from the data or given). */
  readonly intervalMs: number;
  readonly length: number;
  readonly tsEvent: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /** Where the data came from (file path or tier description), for messages. */
  readonly source: string;
}

/** Returns a zero-copy view of rows [from, to). */
export function sliceSeries(s: BarSeries, from: number, to: number): BarSeries {
  const a = Math.max(0, Math.min(from, s.length));
  const b = Math.max(a, Math.min(to, s.length));
  return {
    symbol: s.symbol,
    venue: s.venue,
    intervalMs: s.intervalMs,
    length: b - a,
    tsEvent: s.tsEvent.subarray(a, b),
    open: s.open.subarray(a, b),
    high: s.high.subarray(a, b),
    low: s.low.subarray(a, b),
    close: s.close.subarray(a, b),
    volume: s.volume.subarray(a, b),
    source: s.source,
  };
}

/** First index with tsEvent ≥ t (binary search). */
export function lowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
