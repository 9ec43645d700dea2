/**
 * Test support: reads real candles (gzip CSV from the shared data folder) so the fake daemon and
 * component tests show real market moves. Understands both layouts in /work/shared/data: Binance
 * (`open_time_ms,…,close,…`) and Hyperliquid (`coin,interval,open_time_ms,…,close,…`).
 * Bad rows are an error naming file, line and column (tests must not silently skip data).
 */
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";

export interface RealBar {
  readonly t: number;
  readonly close: number;
}

export function loadBars(path: string, opts: { coin?: string; interval?: string; limit?: number } = {}): RealBar[] {
  const text = gunzipSync(readFileSync(path)).toString("utf8");
  const lines = text.split("\n");
  const header = lines[0]!.trim().split(",");
  const col = (name: string) => header.indexOf(name);
  const [ti, ci, coinI, intI] = [col("open_time_ms"), col("close"), col("coin"), col("interval")];
  if (ti < 0 || ci < 0) throw new Error(`${path}:1: header lacks open_time_ms/close (got ${header.join(",")})`);
  const out: RealBar[] = [];
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < lines.length && out.length < limit; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const f = line.split(",");
    if (opts.coin && coinI >= 0 && f[coinI] !== opts.coin) continue;
    if (opts.interval && intI >= 0 && f[intI] !== opts.interval) continue;
    const t = Number(f[ti]);
    const close = Number(f[ci]);
    if (!Number.isFinite(t)) throw new Error(`${path}:${i + 1}: open_time_ms "${f[ti]}" is not a number`);
    if (!(close > 0)) throw new Error(`${path}:${i + 1}: close "${f[ci]}" is not a positive number`);
    out.push({ t, close });
  }
  if (out.length === 0) throw new Error(`${path}: no bars matched ${JSON.stringify(opts)}`);
  return out;
}

/** The file the TUI tests use: Hyperliquid BTC 1h candles (small, real). */
export const HL_CANDLES = "hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz";
