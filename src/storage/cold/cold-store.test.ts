/** Cold tier on real data: warm → Parquet export, layout, merge, verified deletes, SQL, replay. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BarSeries } from "../../engine/bar-series.ts";
import { lowerBound } from "../../engine/bar-series.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { readCsvBars } from "../../testkit/engine/read-csv-bars.ts";
import { createTestSchema, type TestSchema } from "../../testkit/pg-schema.ts";
import { BTC_1M_FILE, fundingBatch } from "../../testkit/storage-fixtures.ts";
import { candleBatchFromSeries } from "../series-batch.ts";
import { validateBatch } from "../validate-batch.ts";
import { DuckDBWarmStore } from "../warm/duckdb-warm-store.ts";
import { PgWarmStore } from "../warm/pg-warm-store.ts";
import { ColdStore } from "./cold-store.ts";
import { coldFile, escapeSegment, listColdFiles } from "./layout.ts";

const OPEN = { minTs: 0, maxTs: Date.UTC(2100, 0, 1) };
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), "cold-"));
let bars: BarSeries;
let warm: DuckDBWarmStore;
let cold: ColdStore;

beforeAll(async () => {
  // 3 days of real BTCUSDT 1m bars (2019-10-15 21:50 → 2019-10-18 …).
  bars = readCsvBars(dataFile(BTC_1M_FILE), { limit: 4000, intervalMs: 60_000, symbol: "BTCUSDT" }).series;
  warm = new DuckDBWarmStore(join(dir, "warm.duckdb"));
  await warm.migrate();
  await warm.write(validateBatch(candleBatchFromSeries(bars, { venue: "binance", interval: "1m" }), OPEN));
  cold = new ColdStore(join(dir, "cold"));
});
afterAll(async () => {
  await cold.close();
  await warm.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("layout", () => {
  test("paths follow <kind>/<venue>/<symbol>/date=YYYY-MM-DD.parquet with escaped segments", () => {
    expect(coldFile("/c", "candles", "binance", "BTCUSDT", "2024-01-02")).toBe("/c/candles/binance/BTCUSDT/date=2024-01-02.parquet");
    expect(escapeSegment("../etc")).toBe("..%2Fetc");
    expect(escapeSegment("..")).toBe("%2E%2E");
    expect(escapeSegment("BTC/USD:x")).toBe("BTC%2FUSD%3Ax");
  });
});

describe("export warm → cold", () => {
  test("a closed range becomes one verified file per UTC day; nothing temporary is left", async () => {
    const from = Date.UTC(2019, 9, 16);
    const to = Date.UTC(2019, 9, 18);
    const r = await cold.exportFromWarm(warm, { table: "candles", fromMs: from, toMs: to, symbol: "BTCUSDT" });
    expect(r).toEqual({ rows: 2880, files: 2, deleted: 0, skippedDeletes: 0 });
    const files = listColdFiles(join(dir, "cold"), "candles");
    expect(files.map((f) => `${f.venue}/${f.symbol}/${f.day}`)).toEqual(["binance/BTCUSDT/2019-10-16", "binance/BTCUSDT/2019-10-17"]);
    const leftovers = readdirSync(join(dir, "cold", "candles", "binance", "BTCUSDT")).filter((n) => n.includes(".tmp"));
    expect(leftovers).toEqual([]);
    expect(readdirSync(join(dir, "cold")).filter((n) => n.startsWith("."))).toEqual([]);
    expect(await warm.count("candles")).toBe(bars.length);
  });

  test("re-exporting an overlapping range merges into the day files without duplicates", async () => {
    const r = await cold.exportFromWarm(warm, { table: "candles", fromMs: Date.UTC(2019, 9, 17, 12), toMs: Date.UTC(2019, 9, 18, 6), symbol: "BTCUSDT" });
    expect(r.rows).toBe(18 * 60);
    const q = await cold.query("SELECT count(*) AS n, count(DISTINCT ts) AS d FROM candles");
    expect(q.rows[0]!.map(Number)).toEqual([2880 + 6 * 60, 2880 + 6 * 60]);
  });

  test("loaded back from cold, bars equal the CSV exactly", async () => {
    const from = Date.UTC(2019, 9, 16);
    const to = Date.UTC(2019, 9, 18, 6);
    const back = await cold.loadCandles({ symbol: "BTCUSDT", interval: "1m", fromMs: from, toMs: to });
    const a = lowerBound(bars.tsEvent, from);
    const b = lowerBound(bars.tsEvent, to);
    expect(back.length).toBe(b - a);
    for (const k of ["tsEvent", "open", "high", "low", "close", "volume"] as const) expect(Array.from(back[k])).toEqual(Array.from(bars[k].subarray(a, b)));
    expect(await cold.listSeries("candles")).toEqual([{ venue: "binance", symbol: "BTCUSDT", interval: "1m", rows: b - a, fromMs: bars.tsEvent[a]!, toMs: bars.tsEvent[b - 1]! }]);
  });

  test("deleteFromWarm removes exactly the exported rows", async () => {
    const before = await warm.count("candles");
    const r = await cold.exportFromWarm(warm, { table: "candles", fromMs: Date.UTC(2019, 9, 15), toMs: Date.UTC(2019, 9, 16), deleteFromWarm: true });
    expect(r.deleted).toBe(r.rows);
    expect(r.rows).toBe(lowerBound(bars.tsEvent, Date.UTC(2019, 9, 16)));
    expect(await warm.count("candles")).toBe(before - r.rows);
    expect(existsSync(coldFile(join(dir, "cold"), "candles", "binance", "BTCUSDT", "2019-10-15"))).toBe(true);
  });

  test("a row changed between export and delete keeps the range in warm; the next run moves the new value", async () => {
    const range = { table: "candles" as const, fromMs: Date.UTC(2019, 9, 18), toMs: Date.UTC(2019, 9, 18, 1), symbol: "BTCUSDT" };
    const i = lowerBound(bars.tsEvent, Date.UTC(2019, 9, 18, 0, 30));
    const newClose = bars.close[i]! + 7;
    // A writer that lands right after this range's export (the window the old count check left open).
    let injected = false;
    const racing = new Proxy(warm, {
      get(target, prop, recv) {
        const v = Reflect.get(target, prop, recv);
        if (prop !== "deleteExported" || typeof v !== "function") return typeof v === "function" ? v.bind(target) : v;
        return async (...args: Parameters<DuckDBWarmStore["deleteExported"]>) => {
          if (!injected) {
            injected = true;
            const one = candleBatchFromSeries(bars, { venue: "binance", interval: "1m" });
            const cols = one.columns as Record<string, unknown>;
            await target.write(validateBatch({ ...one, length: 1, columns: { ...cols, ts: [bars.tsEvent[i]!], open: [bars.open[i]!], high: [Math.max(bars.high[i]!, newClose)], low: [bars.low[i]!], close: [newClose], volume: [bars.volume[i]!] } }, OPEN));
          }
          return target.deleteExported(...args);
        };
      },
    });
    const r1 = await cold.exportFromWarm(racing, { ...range, deleteFromWarm: true });
    expect(r1).toEqual({ rows: 60, files: 1, deleted: 0, skippedDeletes: 1 });
    expect(await warm.count("candles", range)).toBe(60);
    const r2 = await cold.exportFromWarm(warm, { ...range, deleteFromWarm: true });
    expect(r2).toEqual({ rows: 60, files: 1, deleted: 60, skippedDeletes: 0 });
    expect(await warm.count("candles", range)).toBe(0);
    const q = await cold.query(`SELECT close FROM candles WHERE epoch_ms(ts) = ${bars.tsEvent[i]!}`);
    expect(q.rows.map((row) => Number(row[0]))).toEqual([newClose]);
  });

  test("SQL over the cold files: views per kind, empty kinds still queryable", async () => {
    const q = await cold.query("SELECT strftime(ts, '%Y-%m-%d') AS day, count(*) AS bars, max(high) AS hi FROM candles GROUP BY 1 ORDER BY 1");
    expect(q.columns).toEqual(["day", "bars", "hi"]);
    expect(q.rows.map((r) => r[0])).toEqual(["2019-10-15", "2019-10-16", "2019-10-17", "2019-10-18"]);
    const empty = await cold.query("SELECT count(*) FROM liquidations");
    expect(Number(empty.rows[0]![0])).toBe(0);
    await expect(cold.query("SELECT * FROM nope")).rejects.toThrow(/query failed/);
  });
});

describe("export from PostgreSQL", () => {
  let s: TestSchema;
  let pg: PgWarmStore;
  beforeAll(async () => {
    s = await createTestSchema("cold");
    pg = new PgWarmStore({ url: s.url, schema: s.schema });
    await pg.migrate();
  });
  afterAll(async () => {
    await pg.close();
    await s.drop();
  });

  test("funding rates move to Parquet with exact decimals and leave warm", async () => {
    const fb = fundingBatch(300);
    await pg.write(validateBatch(fb, OPEN));
    const c2 = new ColdStore(join(dir, "cold-pg"));
    try {
      const r = await c2.exportFromWarm(pg, { table: "funding_rates", fromMs: 0, toMs: Date.UTC(2030, 0, 1), deleteFromWarm: true, chunkDays: 400 });
      expect(r.rows).toBe(300);
      expect(r.deleted).toBe(300);
      expect(await pg.count("funding_rates")).toBe(0);
      const q = await c2.query("SELECT CAST(funding_rate AS VARCHAR) AS r, epoch_ms(ts)::DOUBLE AS t, symbol FROM funding_rates ORDER BY ts, symbol");
      expect(q.rows.length).toBe(300);
      const byKey = new Map(q.rows.map((row) => [`${row[1]}|${row[2]}`, Number(row[0])]));
      const cols = fb.columns as { ts: Float64Array; symbol: string[] };
      for (let i = 0; i < 300; i++) expect(byKey.get(`${cols.ts[i]}|${cols.symbol[i]}`)).toBe(Number(fb.text[i]));
      expect(r.files).toBe(new Set(Array.from(cols.ts, (t, i) => `${cols.symbol[i]}|${Math.floor(t / DAY)}`)).size);
    } finally {
      await c2.close();
    }
  });
});
