/**
 * The hot tier's registry: one HotStream per (kind, venue, symbol[, interval]), created on first
 * use with the configured bounds, plus zero-copy conversions to and from the engine's BarSeries
 * and the warm tier's ColumnBatch. Strategies, signals and the API query it by key.
 *
 * Kinds and their Float64 columns (ts first, epoch ms):
 *   candles  ts open high low close volume      (same ts replaces: the in-progress bar)
 *   trades   ts price size side(+1 buy, −1 sell)
 *   quotes   ts bid bid_size ask ask_size
 *   funding  ts rate
 */
import { parseInterval } from "../../core/index.ts";
import type { BarSeries } from "../../engine/bar-series.ts";
import type { ColumnBatch } from "../ports.ts";
import { HotStream, type HotColumns } from "./hot-stream.ts";

export const HOT_KINDS = {
  candles: { fields: ["ts", "open", "high", "low", "close", "volume"], sameTs: "replace" },
  trades: { fields: ["ts", "price", "size", "side"], sameTs: "append" },
  quotes: { fields: ["ts", "bid", "bid_size", "ask", "ask_size"], sameTs: "replace" },
  funding: { fields: ["ts", "rate"], sameTs: "replace" },
} as const;

export type HotKind = keyof typeof HOT_KINDS;

export interface HotKey {
  readonly kind: HotKind;
  readonly venue: string;
  readonly symbol: string;
  /** Candles only. */
  readonly interval?: string;
}

export interface HotBounds {
  readonly maxRows: number;
  readonly maxAgeMs: number;
  readonly batchRows: number;
}

export function hotKeyString(k: HotKey): string {
  return [k.kind, k.venue, k.symbol, ...(k.interval ? [k.interval] : [])].join("/");
}

export class HotStore {
  private readonly streams = new Map<string, { key: HotKey; stream: HotStream }>();

  constructor(private readonly bounds: HotBounds) {}

  /** The stream for a key, created on first use. */
  stream(key: HotKey): HotStream {
    const id = hotKeyString(key);
    let e = this.streams.get(id);
    if (!e) {
      const spec = HOT_KINDS[key.kind];
      e = { key, stream: new HotStream({ fields: spec.fields, sameTs: spec.sameTs, maxRows: this.bounds.maxRows, maxAgeMs: this.bounds.maxAgeMs, batchRows: this.bounds.batchRows }) };
      this.streams.set(id, e);
    }
    return e.stream;
  }

  get(key: HotKey): HotStream | undefined {
    return this.streams.get(hotKeyString(key))?.stream;
  }

  /** Streams held, for the API and diagnostics. */
  list(): { key: HotKey; rows: number; oldestTs: number; newestTs: number; lateRows: number }[] {
    return [...this.streams.values()].map(({ key, stream }) => ({ key, rows: stream.length, oldestTs: stream.oldestTs, newestTs: stream.newestTs, lateRows: stream.lateRows }));
  }

  /** Appends a whole BarSeries (columns handed over as is; no per-row objects). */
  appendBars(s: BarSeries, interval?: string): number {
    const key: HotKey = { kind: "candles", venue: s.venue, symbol: s.symbol, interval: interval ?? intervalOf(s.intervalMs) };
    return this.stream(key).append([s.tsEvent, s.open, s.high, s.low, s.close, s.volume]);
  }

  /** Candles of a stream in [fromMs, toMs) (or the latest n) as a BarSeries. */
  bars(key: Omit<HotKey, "kind"> & { interval: string }, q: { fromMs?: number; toMs?: number; latest?: number } = {}): BarSeries {
    const st = this.get({ ...key, kind: "candles" });
    const { ms } = parseInterval(key.interval);
    const cols: HotColumns | null = st ? (q.latest !== undefined ? st.latest(q.latest) : st.range(q.fromMs ?? -Infinity, q.toMs ?? Infinity)) : null;
    const z = new Float64Array(0);
    const c = (f: string): Float64Array => cols?.[f] ?? z;
    return { symbol: key.symbol, venue: key.venue, intervalMs: ms, length: c("ts").length, tsEvent: c("ts"), open: c("open"), high: c("high"), low: c("low"), close: c("close"), volume: c("volume"), source: `hot:${hotKeyString({ ...key, kind: "candles" })}` };
  }

  /** Candles in [fromMs, toMs) as a warm-tier batch (venue/symbol/interval as constants). */
  candleBatch(key: Omit<HotKey, "kind"> & { interval: string }, fromMs = -Infinity, toMs = Infinity): ColumnBatch {
    const b = this.bars(key, { fromMs, toMs });
    return {
      table: "candles",
      length: b.length,
      source: b.source,
      columns: { ts: b.tsEvent, venue: { constant: key.venue }, symbol: { constant: key.symbol }, interval: { constant: key.interval }, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume },
    };
  }
}

function intervalOf(ms: number): string {
  for (const name of ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "12h", "1d", "3d", "1w"]) if (parseInterval(name).ms === ms) return name;
  return `${ms}ms`;
}
