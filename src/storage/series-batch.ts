/**
 * Conversions between the engine's columnar BarSeries and storage ColumnBatches (candles).
 * Zero-copy both ways: the Float64Arrays are shared, venue/symbol/interval are batch constants.
 */
import { intervalName } from "./interval-name.ts";
import type { BarSeries } from "../engine/bar-series.ts";
import type { ColumnBatch } from "./ports.ts";

export interface SeriesKey {
  readonly venue?: string;
  readonly symbol?: string;
  /** Interval name ("1m"); default: derived from series.intervalMs. */
  readonly interval?: string;
}

export function candleBatchFromSeries(s: BarSeries, key: SeriesKey = {}, firstLine?: number): ColumnBatch {
  return {
    table: "candles",
    length: s.length,
    source: s.source,
    ...(firstLine !== undefined ? { firstLine } : {}),
    columns: {
      ts: s.tsEvent,
      venue: { constant: key.venue ?? s.venue },
      symbol: { constant: key.symbol ?? s.symbol },
      interval: { constant: key.interval ?? intervalName(s.intervalMs) },
      open: s.open,
      high: s.high,
      low: s.low,
      close: s.close,
      volume: s.volume,
    },
  };
}
