/**
 * Loads REAL candles from the shared data folder into Hyperliquid wire form ({t,T,s,i,o,c,h,l,v,n}
 * with decimal strings copied verbatim from the files).
 *
 *  - hyperliquidCandles(): the Hyperliquid perp file (BTC/ETH/SOL × 15m/1h/4h, 2026-06..08).
 *  - binanceMinuteCandles(): Binance USD-M 1m perp candles relabelled as a Hyperliquid coin, for
 *    the 1m interval the Hyperliquid file lacks (e.g. the ≥ 5000-bar parity test).
 * The trade count `n` is not in the files and is served as 0.
 */
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { INTERVALS, type Interval } from "../../../core/index.ts";
import { dataFile } from "../../data-path.ts";
import type { WireCandle } from "../../../venues/hyperliquid/types.ts";

export const HL_CANDLES_FILE = "hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz";

export function readGzLines(path: string): string[] {
  return gunzipSync(readFileSync(path)).toString("utf8").split("\n").filter((l) => l.length > 0);
}

/** All candles of the Hyperliquid file, keyed "COIN:interval", ascending by t. */
export function hyperliquidCandles(): Map<string, WireCandle[]> {
  const lines = readGzLines(dataFile(HL_CANDLES_FILE));
  const out = new Map<string, WireCandle[]>();
  for (let i = 1; i < lines.length; i++) {
    const [coin, interval, openMs, , o, h, l, c, v] = lines[i]!.split(",");
    const t = Number(openMs);
    const ms = INTERVALS[interval as Interval];
    const key = `${coin}:${interval}`;
    let arr = out.get(key);
    if (!arr) out.set(key, (arr = []));
    arr.push({ t, T: t + ms - 1, s: coin!, i: interval!, o: o!, c: c!, h: h!, l: l!, v: v!, n: 0 });
  }
  for (const arr of out.values()) arr.sort((a, b) => a.t - b.t);
  return out;
}

export const BINANCE_USDM_1M = {
  BTC: "binance_usdm_BTCUSDT_perp_1m_segments_2023-07_2025-07.csv.gz",
  ETH: "binance_usdm_ETHUSDT_perp_1m_segments_2023-07_2025-07.csv.gz",
  SOL: "binance_usdm_SOLUSDT_perp_1m_segments_2023-07_2025-07.csv.gz",
} as const;

/**
 * A contiguous run of real 1m candles (no gaps) of `count` rows starting at the first row with
 * open time ≥ `from`, labelled as `coin`. Throws if the file has no such run.
 */
export function binanceMinuteCandles(coin: keyof typeof BINANCE_USDM_1M, count: number, from = 0): WireCandle[] {
  const lines = readGzLines(dataFile(BINANCE_USDM_1M[coin]));
  const out: WireCandle[] = [];
  for (let i = 1; i < lines.length && out.length < count; i++) {
    const [openMs, , o, h, l, c, v] = lines[i]!.split(",");
    const t = Number(openMs);
    if (t < from) continue;
    if (out.length > 0 && t !== out[out.length - 1]!.t + 60_000) out.length = 0; // gap: restart the run
    out.push({ t, T: t + 59_999, s: coin, i: "1m", o: o!, c: c!, h: h!, l: l!, v: v!, n: 0 });
  }
  if (out.length < count) throw new Error(`${BINANCE_USDM_1M[coin]}: no contiguous run of ${count} 1m candles from ${from}`);
  return out;
}
