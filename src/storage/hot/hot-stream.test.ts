/** Hot tier: exact row/time bounds, queries, same-ts semantics, Arrow round trip, real bars. */
import { describe, expect, test } from "bun:test";
import { SeededRng } from "../../core/index.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { readCsvBars } from "../../testkit/engine/read-csv-bars.ts";
import { BTC_1M_FILE } from "../../testkit/storage-fixtures.ts";
import { HotStore } from "./hot-store.ts";
import { HotStream } from "./hot-stream.ts";

const real = readCsvBars(dataFile(BTC_1M_FILE), { limit: 20_000, intervalMs: 60_000, symbol: "BTCUSDT" }).series;

describe("HotStream on real 1m bars", () => {
  test("keeps exactly the newest maxRows rows across sealed batches", () => {
    const s = new HotStream({ fields: ["ts", "open", "high", "low", "close", "volume"], maxRows: 5000, maxAgeMs: 1e15, batchRows: 256 });
    const cols = [real.tsEvent, real.open, real.high, real.low, real.close, real.volume];
    for (let i = 0; i < real.length; i += 777) s.append(cols, i, Math.min(real.length, i + 777));
    expect(s.length).toBe(5000);
    const all = s.latest(10_000);
    expect(Array.from(all.ts!)).toEqual(Array.from(real.tsEvent.subarray(real.length - 5000)));
    expect(Array.from(all.close!)).toEqual(Array.from(real.close.subarray(real.length - 5000)));
    const last3 = s.latest(3);
    expect(Array.from(last3.volume!)).toEqual(Array.from(real.volume.subarray(real.length - 3)));
    const t = s.toTable();
    expect(t.numRows).toBe(5000);
    expect(Array.from(t.getChild("high")!.toArray() as Float64Array)).toEqual(Array.from(real.high.subarray(real.length - 5000)));
  });

  test("time bound and range queries are exact", () => {
    const s = new HotStream({ fields: ["ts", "open", "high", "low", "close", "volume"], maxRows: 1e9, maxAgeMs: 6 * 3_600_000, batchRows: 100 });
    s.append([real.tsEvent, real.open, real.high, real.low, real.close, real.volume], 0, 3000);
    const newest = real.tsEvent[2999]!;
    expect(s.oldestTs).toBeGreaterThanOrEqual(newest - 6 * 3_600_000);
    const expected = Array.from(real.tsEvent.subarray(0, 3000)).filter((t) => t >= newest - 6 * 3_600_000);
    expect(s.length).toBe(expected.length);
    const from = expected[10]! + 1;
    const to = expected[200]!;
    expect(Array.from(s.range(from, to).ts!)).toEqual(expected.filter((t) => t >= from && t < to));
  });

  test("late rows are rejected; same ts replaces (bars) or appends (trades)", () => {
    const bars = new HotStream({ fields: ["ts", "close"], maxRows: 100, maxAgeMs: 1e12, sameTs: "replace", batchRows: 16 });
    for (let i = 0; i < 16; i++) bars.appendRow([i * 60_000, i]);
    expect(bars.appendRow([15 * 60_000, 99])).toBe(true); // in-progress bar update, sealed batch
    expect(bars.appendRow([3 * 60_000, 1])).toBe(false);
    expect([bars.length, bars.lateRows, bars.latest(1).close![0]]).toEqual([16, 1, 99]);
    const trades = new HotStream({ fields: ["ts", "price"], maxRows: 100, maxAgeMs: 1e12, sameTs: "append" });
    trades.appendRow([1000, 1]);
    trades.appendRow([1000, 2]);
    expect(Array.from(trades.latest(5).price!)).toEqual([1, 2]);
  });

  test("property: random appends/evictions match a naive model", () => {
    const rng = new SeededRng(42);
    for (let round = 0; round < 20; round++) {
      const maxRows = 1 + rng.int(300);
      const maxAge = 1 + rng.int(5000);
      const s = new HotStream({ fields: ["ts", "v"], maxRows, maxAgeMs: maxAge, batchRows: 1 + rng.int(64), sameTs: "append" });
      const model: [number, number][] = [];
      let t = 0;
      for (let k = 0; k < 1000; k++) {
        t += rng.int(20);
        const v = rng.next();
        s.appendRow([t, v]);
        model.push([t, v]);
        while (model.length > maxRows || model[0]![0] < t - maxAge) model.shift();
      }
      const got = s.latest(1e9);
      expect(Array.from(got.ts!)).toEqual(model.map((m) => m[0]));
      expect(Array.from(got.v!)).toEqual(model.map((m) => m[1]));
    }
  });
});

describe("HotStore", () => {
  test("BarSeries in, BarSeries and warm batches out, zero per-row objects", () => {
    const store = new HotStore({ maxRows: 10_000, maxAgeMs: 1e15, batchRows: 1024 });
    store.appendBars(real);
    const key = { venue: real.venue, symbol: "BTCUSDT", interval: "1m" };
    const b = store.bars(key, { latest: 100 });
    expect(b.length).toBe(100);
    expect(b.intervalMs).toBe(60_000);
    expect(Array.from(b.open)).toEqual(Array.from(real.open.subarray(real.length - 100)));
    const wb = store.candleBatch(key, real.tsEvent[real.length - 50]!);
    expect(wb.length).toBe(50);
    expect(wb.columns.interval).toEqual({ constant: "1m" });
    expect(store.list()).toEqual([{ key: { kind: "candles", ...key }, rows: 10_000, oldestTs: real.tsEvent[real.length - 10_000]!, newestTs: real.tsEvent[real.length - 1]!, lateRows: 0 }]);
  });
});
