/**
 * Series metadata the file does not state explicitly: the bar interval (most common step between
 * consecutive open times) and the symbol/venue implied by a file name such as
 * `binance_spot_BTCUSDT_1m_stitched_2019-10_2026-04.csv.gz` (→ BTCUSDT, binance).
 */
import { basename } from "node:path";
import { INTERVALS } from "../core/index.ts";

/** Most common positive delta of a strictly increasing series (ties → the smaller); 0 if < 2 rows. */
export function mostCommonStep(ts: Float64Array): number {
  const counts = new Map<number, number>();
  let run = 0;
  let runDelta = 0;
  for (let i = 1; i < ts.length; i++) {
    const d = ts[i]! - ts[i - 1]!;
    if (d === runDelta) {
      run++;
      continue;
    }
    if (run > 0) counts.set(runDelta, (counts.get(runDelta) ?? 0) + run);
    runDelta = d;
    run = 1;
  }
  if (run > 0) counts.set(runDelta, (counts.get(runDelta) ?? 0) + run);
  let best = 0;
  let bestN = 0;
  for (const [d, n] of counts) if (n > bestN || (n === bestN && d < best)) [best, bestN] = [d, n];
  return best;
}

/** Venue interval name for a length in ms ("1h"), or a plain "<n>ms"/"<n>s" description. */
export function intervalName(ms: number): string {
  for (const [name, len] of Object.entries(INTERVALS)) if (len === ms && name !== "1M") return name;
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

const QUOTES = ["USDT", "USDC", "BUSD", "FDUSD", "USD", "EUR"];
const VENUES = ["binance", "hyperliquid", "bybit", "okx", "coinbase", "kraken", "polymarket", "deribit"];
const NOISE = new Set(["SPOT", "PERP", "USDM", "COINM", "CANDLES", "OHLCV", "KLINES", "DATA", "STITCHED", "SEGMENTS", "CSV"]);

function stem(path: string): string {
  return basename(path).replace(/(\.(gz|csv|tsv|txt|parquet|arrow|feather|ipc))+$/i, "");
}

/** Symbol implied by a file name, or the bare file stem when none is recognisable. */
export function symbolFromFileName(path: string): string {
  const s = stem(path);
  const tokens = s.split(/[_\-.\s]+/).filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!/^[A-Z][A-Z0-9]{1,19}$/.test(t) || NOISE.has(t)) continue;
    const next = tokens[i + 1];
    // freqtrade style BTC_USDT → BTCUSDT
    if (next && QUOTES.includes(next) && !QUOTES.some((q) => t.endsWith(q) && t.length > q.length)) return t + next;
    return t;
  }
  return s;
}

/** Venue implied by a file name ("binance", "hyperliquid", …) or "file". */
export function venueFromFileName(path: string): string {
  const low = stem(path).toLowerCase();
  return VENUES.find((v) => low.split(/[_\-.\s]+/).includes(v)) ?? "file";
}
