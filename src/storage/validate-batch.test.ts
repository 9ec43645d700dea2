/** The ingest boundary: each kind of bad row is rejected alone, named, and counted. */
import { describe, expect, test } from "bun:test";
import { dataFile } from "../testkit/data-path.ts";
import { readCsvBars } from "../testkit/engine/read-csv-bars.ts";
import { BTC_1H_FILE, tradesBatch } from "../testkit/storage-fixtures.ts";
import type { ColumnBatch } from "./ports.ts";
import { candleBatchFromSeries } from "./series-batch.ts";
import { validateBatch } from "./validate-batch.ts";

const B = { minTs: Date.UTC(2009, 0, 3), maxTs: Date.UTC(2030, 0, 1) };
const bars = readCsvBars(dataFile(BTC_1H_FILE), { limit: 200, intervalMs: 3_600_000, symbol: "BTCUSDT" }).series;

describe("validateBatch", () => {
  test("real data passes untouched", () => {
    const v = validateBatch(candleBatchFromSeries(bars, { interval: "1h" }), B);
    expect([v.rows.length, v.rejected]).toEqual([200, 0]);
    const t = validateBatch(tradesBatch(500), B);
    expect([t.rows.length, t.rejected]).toEqual([500, 0]);
  });

  test("NaN, negative size, out-of-range time, bad enum, missing value, broken OHLC: each row rejected alone", () => {
    const tb = tradesBatch(10);
    const c = tb.columns as { price: string[]; size: string[]; ts: number[]; side: string[]; trade_id: string[] };
    const price = [...c.price];
    const size = [...c.size];
    const ts = [...c.ts];
    const side = [...c.side];
    const id: (string | null)[] = [...c.trade_id];
    price[1] = "NaN";
    size[2] = "-0.5";
    ts[3] = Date.UTC(2031, 0, 1);
    ts[4] = Date.UTC(2001, 0, 1);
    side[5] = "hold";
    id[6] = null;
    const bad: ColumnBatch = { ...tb, firstLine: 10, columns: { ...tb.columns, price, size, ts, side, trade_id: id } };
    const v = validateBatch(bad, B);
    expect(Array.from(v.rows)).toEqual([0, 7, 8, 9]);
    expect(v.rejected).toBe(6);
    expect(v.errors.map((e) => [e.line, e.column])).toEqual([[11, "price"], [12, "size"], [13, "ts"], [14, "ts"], [15, "side"], [16, "trade_id"]]);
    expect(v.errors[1]!.message).toMatch(/L2depth_trades_raw_20240808T2354Z\.jsonl\.gz:12: trades row 2: field "size" must be > 0, got -0.5$/);
    expect(v.errors[4]!.message).toContain('must be one of buy|sell, got "hold"');
    const ohlc = candleBatchFromSeries(bars, { interval: "1h" });
    const low = Float64Array.from(bars.low);
    low[7] = bars.high[7]! + 1;
    const vo = validateBatch({ ...ohlc, columns: { ...ohlc.columns, low } }, B);
    expect(vo.rejected).toBe(1);
    expect(vo.errors[0]!.message).toContain("OHLC inconsistent");
  });

  test("structural problems fail the whole batch with the column named", () => {
    const tb = tradesBatch(3);
    expect(() => validateBatch({ ...tb, columns: { ...tb.columns, colour: ["r", "g", "b"] } }, B)).toThrow(/unknown column "colour"/);
    const { price: _p, ...rest } = tb.columns;
    expect(() => validateBatch({ ...tb, columns: rest }, B)).toThrow(/missing required column "price"/);
    expect(() => validateBatch({ ...tb, length: 4 }, B)).toThrow(/has 3 values for 4 rows/);
  });
});
