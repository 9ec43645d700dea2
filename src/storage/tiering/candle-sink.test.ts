/** CandleSink: real bars flow to the hot tier at once and to the warm pipeline in column batches. */
import { describe, expect, test } from "bun:test";
import type { Bar } from "../../core/index.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { readCsvBars } from "../../testkit/engine/read-csv-bars.ts";
import { BTC_1H_FILE } from "../../testkit/storage-fixtures.ts";
import { HotStore } from "../hot/hot-store.ts";
import type { ColumnBatch } from "../ports.ts";
import { CandleSink } from "./candle-sink.ts";

const bars = readCsvBars(dataFile(BTC_1H_FILE), { limit: 1000, intervalMs: 3_600_000, symbol: "BTCUSDT" }).series;
const label = { venue: "binance", symbol: "BTCUSDT", interval: "1h" };
const barAt = (i: number, close = bars.close[i]!): Bar => ({ instrumentId: 0, tsEvent: bars.tsEvent[i]!, tsInit: bars.tsEvent[i]! + 3_600_000, intervalMs: 3_600_000, open: bars.open[i]!, high: Math.max(bars.high[i]!, close), low: Math.min(bars.low[i]!, close), close, volume: bars.volume[i]!, index: i });

describe("CandleSink", () => {
  test("hot gets every bar immediately; warm gets 256-bar column batches; back-pressure passes through", () => {
    const pushed: ColumnBatch[] = [];
    let writable = true;
    const warm = { push: (b: ColumnBatch) => (pushed.push(b), writable), whenWritable: async () => {}, get writable() { return writable; } };
    const hot = new HotStore({ maxRows: 10_000, maxAgeMs: 1e15, batchRows: 128 });
    const sink = new CandleSink(hot, warm, 256);
    for (let i = 0; i < 600; i++) expect(sink.onBar(barAt(i), label)).toBe(true);
    expect(hot.bars(label, { latest: 1 }).close[0]).toBe(bars.close[599]!);
    expect(pushed.map((b) => b.length)).toEqual([256, 256]);
    writable = false;
    sink.onBar(barAt(600), label);
    sink.onBar(barAt(600, bars.close[600]! + 7), label); // in-progress update: replaces, no new row
    expect(sink.flush()).toBe(false);
    expect(pushed.map((b) => b.length)).toEqual([256, 256, 89]);
    const all = pushed.flatMap((b) => Array.from(b.columns.ts as Float64Array));
    expect(all).toEqual(Array.from(bars.tsEvent.subarray(0, 601)));
    expect((pushed[2]!.columns.close as Float64Array)[88]).toBe(bars.close[600]! + 7);
    expect(hot.bars(label, { latest: 2 }).close[1]).toBe(bars.close[600]! + 7);
    expect(hot.bars(label, {}).length).toBe(601);
  });
});
