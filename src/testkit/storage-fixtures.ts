/**
 * Real-data column batches for storage tests and benchmarks, read straight from the shared data
 * folder (no synthetic rows): Binance funding rates, Binance spot trade prints from the L2
 * capture, and OHLCV slices. Decimal fields are kept as the source TEXT so tests can check that
 * every tier returns the exact same decimals.
 */
import { readFileSync } from "node:fs";
import type { ColumnBatch } from "../storage/ports.ts";
import { dataFile } from "./data-path.ts";

function gunzipText(name: string): string {
  return new TextDecoder().decode(Bun.gunzipSync(readFileSync(dataFile(name))));
}

export const FUNDING_FILE = "binance_usdm_funding_rate_BTC_ETH_SOL_2019-09_2026-05.csv.gz";
export const TRADES_FILE = "binance_spot_BTCUSDT_L2depth_trades_raw_20240808T2354Z.jsonl.gz";
export const BTC_1H_FILE = "binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz";
export const BTC_1M_FILE = "binance_spot_BTCUSDT_1m_stitched_2019-10_2026-04.csv.gz";

/** funding_rates rows (venue "binance-usdm"); funding_rate as the file's decimal text. */
export function fundingBatch(limit = Infinity): ColumnBatch & { text: string[] } {
  const lines = gunzipText(FUNDING_FILE).split("\n").slice(1).filter(Boolean).slice(0, limit);
  const ts = new Float64Array(lines.length);
  const symbol: string[] = [];
  const rate: string[] = [];
  lines.forEach((l, i) => {
    const f = l.split(",");
    symbol.push(f[0]!);
    ts[i] = Number(f[1]);
    rate.push(f[3]!);
  });
  return { table: "funding_rates", length: lines.length, source: dataFile(FUNDING_FILE), firstLine: 2, columns: { ts, venue: { constant: "binance-usdm" }, symbol, funding_rate: rate }, text: rate };
}

/** trades rows from the Binance spot L2 capture (aggressor side = sell when the buyer was maker). */
export function tradesBatch(limit = Infinity): ColumnBatch {
  const ts: number[] = [];
  const tradeId: string[] = [];
  const price: string[] = [];
  const size: string[] = [];
  const side: string[] = [];
  const tsInit: number[] = [];
  for (const line of gunzipText(TRADES_FILE).split("\n")) {
    if (ts.length >= limit) break;
    const sp = line.indexOf(" ");
    if (sp < 0 || !line.includes('"e":"trade"')) continue;
    const m = JSON.parse(line.slice(sp + 1)).data as { T: number; t: number; p: string; q: string; m: boolean };
    ts.push(m.T);
    tradeId.push(String(m.t));
    price.push(m.p);
    size.push(m.q);
    side.push(m.m ? "sell" : "buy");
    tsInit.push(Number(BigInt(line.slice(0, sp)) / 1000n) / 1000);
  }
  return {
    table: "trades",
    length: ts.length,
    source: dataFile(TRADES_FILE),
    columns: { ts, venue: { constant: "binance-spot" }, symbol: { constant: "BTCUSDT" }, trade_id: tradeId, price, size, side, ts_init: tsInit },
  };
}
