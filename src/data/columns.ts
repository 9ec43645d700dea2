/**
 * Header → column roles, shared by the CSV, Arrow and Parquet readers.
 *
 * Recognised layouts (names are matched case-insensitively, quotes and a BOM stripped):
 *  - seed:        timestamp,symbol,open,high,low,close,volume (RFC3339 timestamps)
 *  - binance:     open_time_ms,open_time_utc,open,high,low,close,volume[,extra…]
 *  - hyperliquid: coin,interval,open_time_ms,open_time_utc,open,high,low,close,volume
 *  - generic:     any header naming a time column and open/high/low/close/volume (aliases below)
 *  - binance-raw: no header, Binance kline rows (open time, o, h, l, c, v, close time, …)
 * The first matching alias wins, so `open_time_ms` is preferred over `open_time_utc`.
 */
import { DataError } from "../core/index.ts";

export const TIME_ALIASES = [
  "open_time_ms",
  "timestamp",
  "open_time",
  "ts_event",
  "time",
  "ts",
  "datetime",
  "date",
  "open_time_utc",
  "t",
] as const;
const OPEN = ["open", "o"];
const HIGH = ["high", "h"];
const LOW = ["low", "l"];
const CLOSE = ["close", "c"];
const VOLUME = ["volume", "vol", "v", "base_volume"];
const SYMBOL = ["symbol", "coin", "ticker", "pair", "instrument", "market"];
const INTERVAL = ["interval", "timeframe", "resolution"];

export type Layout = "seed" | "binance" | "hyperliquid" | "generic" | "binance-raw";

export interface ColumnMap {
  readonly layout: Layout;
  /** Column names as written in the file (for messages). */
  readonly names: readonly string[];
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** −1 when absent. */
  readonly symbol: number;
  /** −1 when absent. */
  readonly interval: number;
}

export function normalizeName(raw: string): string {
  return raw.replace(/^\uFEFF/, "").trim().replace(/^"(.*)"$/, "$1").trim().toLowerCase();
}

function find(norm: readonly string[], aliases: readonly string[]): number {
  for (const a of aliases) {
    const i = norm.indexOf(a);
    if (i >= 0) return i;
  }
  return -1;
}

/** Maps header names to roles; throws a DataError naming the missing columns. */
export function mapColumns(rawNames: readonly string[], file: string, line?: number): ColumnMap {
  const names = rawNames.map((n) => n.replace(/^\uFEFF/, "").trim().replace(/^"(.*)"$/, "$1"));
  const norm = names.map(normalizeName);
  const time = find(norm, TIME_ALIASES);
  const cols = { open: find(norm, OPEN), high: find(norm, HIGH), low: find(norm, LOW), close: find(norm, CLOSE), volume: find(norm, VOLUME) };
  const missing = [time < 0 ? "timestamp" : "", ...Object.entries(cols).filter(([, i]) => i < 0).map(([k]) => k)].filter(Boolean);
  if (missing.length > 0) {
    throw new DataError(
      `header is missing column(s) ${missing.join(", ")} (found: ${names.join(",")}); expected e.g. ` +
        `timestamp,symbol,open,high,low,close,volume or open_time_ms,open,high,low,close,volume`,
      { file, line, column: missing[0], code: "DATA_HEADER" },
    );
  }
  const symbol = find(norm, SYMBOL);
  const interval = find(norm, INTERVAL);
  const layout: Layout =
    norm[0] === "coin" && norm[1] === "interval"
      ? "hyperliquid"
      : norm[0] === "open_time_ms" && norm[1] === "open_time_utc"
        ? "binance"
        : norm[0] === "timestamp" && norm[1] === "symbol"
          ? "seed"
          : "generic";
  return { layout, names, time, ...cols, symbol, interval };
}

/** Headerless Binance kline rows: open time, open, high, low, close, volume, close time, … */
export function binanceRawColumns(count: number): ColumnMap {
  const names = ["open_time", "open", "high", "low", "close", "volume", "close_time"];
  for (let i = names.length; i < count; i++) names.push(`column${i + 1}`);
  return { layout: "binance-raw", names: names.slice(0, count), time: 0, open: 1, high: 2, low: 3, close: 4, volume: 5, symbol: -1, interval: -1 };
}

/** True when a first line looks like a headerless Binance kline row (all numeric, ≥ 6 fields). */
export function looksLikeBinanceRaw(fields: readonly string[]): boolean {
  if (fields.length < 6 || !/^\d{10,19}$/.test(fields[0]!.trim())) return false;
  for (let i = 1; i < 6; i++) if (!/^[+-]?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(fields[i]!.trim())) return false;
  return true;
}
