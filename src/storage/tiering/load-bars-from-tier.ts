/**
 * One replay interface: candles of one series from the hot, warm or cold tier as the engine's
 * BarSeries, together with the price/size grid seen in the data (the same information
 * src/data's loadBars returns for files), so a backtest reads any tier the way it reads a CSV.
 *
 * Symbol resolution: an exact match first; else, when exactly one stored symbol is the given
 * base plus a quote suffix ("BTC" → "BTCUSDT"), that one. Nothing found → an error listing what
 * the tier holds.
 */
import { parseInterval, StorageError } from "../../core/index.ts";
import type { BarSeries } from "../../engine/bar-series.ts";
import type { ColdStore } from "../cold/cold-store.ts";
import { scaledOf } from "../decimal.ts";
import type { HotStore } from "../hot/hot-store.ts";
import type { CandleQuery, SeriesInfo, WarmStore } from "../ports.ts";

export type TierName = "hot" | "warm" | "cold";

export interface TierSources {
  readonly hot?: HotStore;
  readonly warm?: WarmStore;
  readonly cold?: ColdStore;
}

export interface TierBars {
  readonly series: BarSeries;
  /** Most decimals seen in OHLC / volume (for the instrument's tick and lot grid). */
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}

const QUOTES = ["USDT", "USDC", "USD", "FDUSD", "BUSD", "-USD", "-PERP", "_PERP", "PERP"];

export async function loadBarsFromTier(tier: TierName, q: CandleQuery, from: TierSources): Promise<TierBars> {
  parseInterval(q.interval);
  if (q.fromMs !== undefined && q.toMs !== undefined && !(q.fromMs < q.toMs)) {
    throw new StorageError(`time range is empty: from ${iso(q.fromMs)} is not before to ${iso(q.toMs)}`, { code: "USAGE", action: "fix-input" });
  }
  const available = await seriesIn(tier, from);
  const symbol = resolveSymbol(q, available) ?? q.symbol;
  const query: CandleQuery = { ...q, symbol };
  let series: BarSeries;
  if (tier === "warm") series = await need(from.warm, "warm").queryCandles(query);
  else if (tier === "cold") series = await need(from.cold, "cold").loadCandles(query);
  else {
    const hot = need(from.hot, "hot");
    const venue = q.venue ?? available.find((s) => s.symbol === symbol && s.interval === q.interval)?.venue ?? "";
    series = hot.bars({ venue, symbol, interval: q.interval }, { ...(q.fromMs !== undefined ? { fromMs: q.fromMs } : {}), ...(q.toMs !== undefined ? { toMs: q.toMs } : {}) });
  }
  if (series.length === 0) {
    const what = `${q.symbol}${q.venue ? `@${q.venue}` : ""} ${q.interval}`;
    const win = q.fromMs !== undefined || q.toMs !== undefined ? ` in [${q.fromMs !== undefined ? iso(q.fromMs) : "start"}, ${q.toMs !== undefined ? iso(q.toMs) : "end"})` : "";
    const have = available.length ? available.map((s) => `${s.symbol}@${s.venue} ${s.interval ?? ""} (${s.rows} rows, ${iso(s.fromMs)} → ${iso(s.toMs)})`).join("; ") : "nothing";
    throw new StorageError(`no candles for ${what}${win} in the ${tier} tier; it holds: ${have}`, { code: "NOT_FOUND", action: "fix-input" });
  }
  return { series, priceDecimals: Math.max(decimals(series.open), decimals(series.high), decimals(series.low), decimals(series.close)), sizeDecimals: decimals(series.volume) };
}

async function seriesIn(tier: TierName, from: TierSources): Promise<SeriesInfo[]> {
  if (tier === "warm") return need(from.warm, "warm").listSeries("candles");
  if (tier === "cold") return need(from.cold, "cold").listSeries("candles");
  return need(from.hot, "hot")
    .list()
    .filter((s) => s.key.kind === "candles")
    .map((s) => ({ venue: s.key.venue, symbol: s.key.symbol, ...(s.key.interval ? { interval: s.key.interval } : {}), rows: s.rows, fromMs: s.oldestTs, toMs: s.newestTs }));
}

/** The stored symbol a query means (exact, or base + quote when unique); undefined = as given. */
export function resolveSymbol(q: CandleQuery, available: readonly SeriesInfo[]): string | undefined {
  const fits = available.filter((s) => (q.venue === undefined || s.venue === q.venue) && (s.interval === undefined || s.interval === q.interval));
  if (fits.some((s) => s.symbol === q.symbol)) return q.symbol;
  const cands = [...new Set(fits.filter((s) => QUOTES.some((quote) => s.symbol === q.symbol + quote)).map((s) => s.symbol))];
  if (cands.length > 1) throw new StorageError(`symbol ${q.symbol} is ambiguous here: ${cands.join(", ")}; pass the full symbol`, { code: "AMBIGUOUS_SERIES", action: "fix-input" });
  return cands[0];
}

function need<T>(x: T | undefined, tier: TierName): T {
  if (!x) throw new StorageError(`the ${tier} tier is not available here`, { code: "TIER_UNAVAILABLE", action: "fix-input" });
  return x;
}

function decimals(a: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    const s = scaledOf(a[i]!);
    const k = s ? s.k : 12;
    if (k > d) {
      d = k;
      if (d >= 12) break;
    }
  }
  return d;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}
