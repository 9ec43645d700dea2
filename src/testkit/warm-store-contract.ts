/**
 * The contract every WarmStore implementation passes (PostgreSQL partitioned, embedded DuckDB),
 * on real data: exact round trips, idempotent upserts (re-delivery and in-batch duplicates),
 * range queries, series listing, CSV export, deletes and retention. Called from each
 * implementation's test file with a factory that yields a fresh, empty store.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { tmpdir } from "node:os";
import { lowerBound, type BarSeries } from "../engine/bar-series.ts";
import type { ColumnBatch, WarmStore } from "../storage/ports.ts";
import { normaliseDecimal } from "../storage/decimal.ts";
import { candleBatchFromSeries } from "../storage/series-batch.ts";
import { validateBatch } from "../storage/validate-batch.ts";
import { dataFile } from "./data-path.ts";
import { readCsvBars } from "./engine/read-csv-bars.ts";
import { BTC_1H_FILE, fundingBatch, tradesBatch } from "./storage-fixtures.ts";

const OPEN = { minTs: 0, maxTs: Date.UTC(2100, 0, 1) };
const valid = (b: ColumnBatch) => validateBatch(b, OPEN);

export function runWarmStoreContract(name: string, open: () => Promise<{ store: WarmStore; dispose(): Promise<void> }>): void {
  describe(`${name}: WarmStore contract`, () => {
    let store: WarmStore;
    let dispose: () => Promise<void>;
    let bars: BarSeries;

    beforeAll(async () => {
      ({ store, dispose } = await open());
      bars = readCsvBars(dataFile(BTC_1H_FILE), { limit: 20_000, intervalMs: 3_600_000, symbol: "BTCUSDT" }).series;
    });
    afterAll(async () => {
      await dispose();
    });

    test("migrate is idempotent and reports the mode", async () => {
      const first = await store.migrate();
      expect(first.applied).toEqual(["001 initial tables"]);
      const again = await store.migrate();
      expect(again).toEqual({ mode: first.mode, applied: [], alreadyApplied: ["001 initial tables"] });
      expect(await store.mode()).toBe(first.mode);
    });

    test("candles round-trip exactly (same doubles as the CSV)", async () => {
      const n = await store.write(valid(candleBatchFromSeries(bars, { venue: "binance", interval: "1h" })));
      expect(n).toBe(bars.length);
      expect(await store.count("candles")).toBe(bars.length);
      const back = await store.queryCandles({ symbol: "BTCUSDT", interval: "1h" });
      expect(back.length).toBe(bars.length);
      expect(back.intervalMs).toBe(3_600_000);
      expect(back.venue).toBe("binance");
      for (const k of ["tsEvent", "open", "high", "low", "close", "volume"] as const) expect(Array.from(back[k])).toEqual(Array.from(bars[k]));
    });

    test("time range queries return exactly [from, to)", async () => {
      const from = bars.tsEvent[5000]! + 1;
      const to = bars.tsEvent[6000]!;
      const back = await store.queryCandles({ symbol: "BTCUSDT", interval: "1h", venue: "binance", fromMs: from, toMs: to });
      const a = lowerBound(bars.tsEvent, from);
      const b = lowerBound(bars.tsEvent, to);
      expect(back.length).toBe(b - a);
      expect(back.tsEvent[0]).toBe(bars.tsEvent[a]!);
      expect(back.tsEvent[back.length - 1]).toBe(bars.tsEvent[b - 1]!);
    });

    test("re-delivered rows are upserted: no duplicates, the newer values win", async () => {
      const k = 300;
      const changedClose = Float64Array.from(bars.close.subarray(100, 100 + k), (c) => c + 1);
      const redelivery: ColumnBatch = {
        table: "candles",
        length: k,
        columns: {
          ts: bars.tsEvent.subarray(100, 100 + k),
          venue: { constant: "binance" },
          symbol: { constant: "BTCUSDT" },
          interval: { constant: "1h" },
          open: bars.open.subarray(100, 100 + k),
          high: Float64Array.from(bars.high.subarray(100, 100 + k), (h) => h + 1),
          low: bars.low.subarray(100, 100 + k),
          close: changedClose,
          volume: bars.volume.subarray(100, 100 + k),
        },
      };
      await store.write(valid(redelivery));
      expect(await store.count("candles")).toBe(bars.length);
      const back = await store.queryCandles({ symbol: "BTCUSDT", interval: "1h" });
      expect(Array.from(back.close.subarray(100, 100 + k))).toEqual(Array.from(changedClose));
      expect(back.close[99]).toBe(bars.close[99]!);
      expect(back.close[100 + k]).toBe(bars.close[100 + k]!);
    });

    test("duplicate keys inside one batch: the last occurrence wins", async () => {
      const t = bars.tsEvent[50]!;
      const b: ColumnBatch = {
        table: "candles",
        length: 3,
        columns: {
          ts: [t, t, t],
          venue: { constant: "binance" },
          symbol: { constant: "BTCUSDT" },
          interval: { constant: "1h" },
          open: [1, 1, 1],
          high: [5, 6, 7],
          low: [1, 1, 1],
          close: [2, 3, 4],
          volume: [1, 1, 1],
        },
      };
      await store.write(valid(b));
      const back = await store.queryCandles({ symbol: "BTCUSDT", interval: "1h", fromMs: t, toMs: t + 1 });
      expect([back.length, back.high[0], back.close[0]]).toEqual([1, 7, 4]);
      expect(await store.count("candles")).toBe(bars.length);
    });

    test("listSeries reports rows and bounds per series", async () => {
      expect(await store.listSeries("candles")).toEqual([{ venue: "binance", symbol: "BTCUSDT", interval: "1h", rows: bars.length, fromMs: bars.tsEvent[0]!, toMs: bars.tsEvent[bars.length - 1]! }]);
    });

    test("exportCsv writes the range with exact decimals and a header", async () => {
      const from = bars.tsEvent[1000]!;
      const to = from + 86_400_000;
      const path = `${process.env.TMPDIR ?? "/tmp"}/warm-contract-${process.pid}-${Math.random().toString(36).slice(2)}.csv`;
      const n = await store.exportCsv("candles", { fromMs: from, toMs: to, symbol: "BTCUSDT", venue: "binance", interval: "1h" }, path);
      const lines = (await Bun.file(path).text()).trim().split("\n");
      expect(lines[0]).toBe("ts,venue,symbol,interval,open,high,low,close,volume,quote_volume,trades");
      expect(n).toBe(lines.length - 1);
      expect(n).toBe(lowerBound(bars.tsEvent, to) - lowerBound(bars.tsEvent, from));
      const f = lines[1]!.split(",");
      expect(f[0]).toBe(new Date(from).toISOString().replace(".000Z", ".000000Z"));
      expect(Number(f[4])).toBe(bars.open[1000]!);
      await Bun.file(path).delete();
    });

    test("funding rates keep their exact decimal text", async () => {
      const fb = fundingBatch(3000);
      await store.write(valid(fb));
      expect(await store.count("funding_rates")).toBe(3000);
      const path = `${process.env.TMPDIR ?? "/tmp"}/warm-funding-${process.pid}-${Math.random().toString(36).slice(2)}.csv`;
      await store.exportCsv("funding_rates", { fromMs: 0, toMs: Date.UTC(2100, 0, 1) }, path);
      const rows = (await Bun.file(path).text()).trim().split("\n").slice(1);
      const byKey = new Map(rows.map((r) => r.split(",")).map((f) => [`${f[0]}|${f[2]}`, f[3]!]));
      const cols = fb.columns as { ts: Float64Array; symbol: string[] };
      for (let i = 0; i < 3000; i += 97) {
        const key = `${new Date(cols.ts[i]!).toISOString().replace(".000Z", ".000000Z")}|${cols.symbol[i]}`;
        expect(normaliseDecimal(byKey.get(key)!)).toBe(normaliseDecimal(fb.text[i]!));
      }
      await Bun.file(path).delete();
    });

    test("deleteRange removes exactly the range", async () => {
      const from = bars.tsEvent[0]!;
      const to = bars.tsEvent[500]!;
      const removed = await store.deleteRange("candles", { fromMs: from, toMs: to, symbol: "BTCUSDT", venue: "binance", interval: "1h" });
      expect(removed).toBe(500);
      expect(await store.count("candles")).toBe(bars.length - 500);
    });

    test("deleteExported removes a range only while it holds exactly the exported rows", async () => {
      // Bars 1000..1200 (the earlier tests deleted 0..500 and upserted 100..400).
      const range = { fromMs: bars.tsEvent[1000]!, toMs: bars.tsEvent[1200]!, symbol: "BTCUSDT", venue: "binance", interval: "1h" };
      const path = `${tmpdir()}/warm-contract-${process.pid}-${Date.now()}.part`;
      const exportNow = async () => {
        const x = await store.exportForCold("candles", range, path);
        await Bun.file(path).delete();
        return x;
      };
      const oneBar = (i: number, close: number): ColumnBatch => ({
        table: "candles",
        length: 1,
        columns: { ts: [bars.tsEvent[i]!], venue: { constant: "binance" }, symbol: { constant: "BTCUSDT" }, interval: { constant: "1h" }, open: [bars.open[i]!], high: [Math.max(bars.high[i]!, close)], low: [Math.min(bars.low[i]!, close)], close: [close], volume: [bars.volume[i]!] },
      });
      const first = await exportNow();
      expect(first.rows).toBe(200);
      // A value changed after the export (same row count): nothing may be deleted.
      await store.write(valid(oneBar(1100, bars.close[1100]! + 5)));
      expect(await store.deleteExported("candles", range, first)).toBeNull();
      expect(await store.count("candles", range)).toBe(200);
      const changed = await store.queryCandles({ symbol: "BTCUSDT", interval: "1h", fromMs: bars.tsEvent[1100]!, toMs: bars.tsEvent[1100]! + 1 });
      expect(changed.close[0]).toBe(bars.close[1100]! + 5);
      // A fresh export sees the change and its fingerprint differs.
      const second = await exportNow();
      expect(second.rows).toBe(200);
      expect(second.fingerprint).not.toBe(first.fingerprint);
      // A row removed since the export (count differs): nothing deleted either.
      await store.deleteRange("candles", { ...range, fromMs: bars.tsEvent[1150]!, toMs: bars.tsEvent[1150]! + 1 });
      expect(await store.deleteExported("candles", range, second)).toBeNull();
      expect(await store.count("candles", range)).toBe(199);
      // Unchanged since its export: deleted, exactly the range.
      const third = await exportNow();
      const before = await store.count("candles");
      expect(await store.deleteExported("candles", range, third)).toBe(199);
      expect(await store.count("candles", range)).toBe(0);
      expect(await store.count("candles")).toBe(before - 199);
    });

    test("retention drops old trade rows and keeps recent ones", async () => {
      const tb = tradesBatch(2000);
      expect(tb.length).toBe(2000);
      await store.write(valid(tb));
      expect(await store.count("trades")).toBe(2000);
      const t0 = (tb.columns.ts as number[])[0]!;
      // "now" is 10 days after the capture: 7-day retention expires all of it; 30 days keeps it.
      await store.maintain({ nowMs: t0 + 10 * 86_400_000, retentionDays: { trades: 30 } });
      expect(await store.count("trades")).toBe(2000);
      const r = await store.maintain({ nowMs: t0 + 10 * 86_400_000, retentionDays: { trades: 7 } });
      expect(r.dropped).toBeGreaterThan(0);
      expect(await store.count("trades")).toBe(0);
    });
  });
}
