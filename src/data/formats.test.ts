/**
 * Parquet and Arrow IPC: round trips of real data must equal the CSV load bit for bit, filters and
 * multi-series files behave as for CSV, and bad values are reported with their row number.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataFile } from "../testkit/data-path.ts";
import { openDuckDb, sqlString } from "./duckdb-loader.ts";
import { loadBars } from "./load-bars.ts";
import { writeBarsArrow, writeBarsCsv, writeBarsParquet } from "./write-bars.ts";

const dir = mkdtempSync(join(tmpdir(), "algo-fmt-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ETH_15M = dataFile("binance_spot_ETHUSDT_15m_2024-12_2026-04.csv.gz");
const HL = dataFile("hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz");

type Loaded = Awaited<ReturnType<typeof loadBars>>;
function same(a: Loaded, b: Loaded): void {
  expect(b.series.length).toBe(a.series.length);
  for (const k of ["tsEvent", "open", "high", "low", "close", "volume"] as const) expect(b.series[k]).toEqual(a.series[k]);
  expect(b.series.intervalMs).toBe(a.series.intervalMs);
  expect(b.priceDecimals).toBe(a.priceDecimals);
  expect(b.sizeDecimals).toBe(a.sizeDecimals);
}

describe("round trips of the real ETH 15m file", () => {
  let csv: Loaded;
  test("Arrow IPC equals CSV", async () => {
    csv = await loadBars(ETH_15M);
    expect(csv.series.length).toBe(46_673);
    const p = join(dir, "ETHUSDT_15m.arrow");
    await writeBarsArrow(csv.series, p);
    const arrow = await loadBars(p);
    same(csv, arrow);
    expect(arrow.series.symbol).toBe("ETHUSDT");
  });

  test("Parquet equals CSV", async () => {
    const p = join(dir, "ETHUSDT_15m.parquet");
    await writeBarsParquet(csv.series, p);
    const pq = await loadBars(p);
    same(csv, pq);
    expect(pq.series.symbol).toBe("ETHUSDT");
  });

  test("written CSV (plain layout, gz) equals the source", async () => {
    const p = join(dir, "ETHUSDT_15m_copy.csv.gz");
    await writeBarsCsv(csv.series, p, { gzip: true });
    same(csv, await loadBars(p));
  });

  test("from/to filters apply to Arrow and Parquet too", async () => {
    const from = Date.UTC(2025, 5, 1);
    const to = Date.UTC(2025, 5, 2);
    for (const ext of ["arrow", "parquet"]) {
      const r = await loadBars(join(dir, `ETHUSDT_15m.${ext}`), { from, to });
      expect(r.series.length).toBe(96);
      expect(r.series.tsEvent[0]).toBe(from);
    }
  });
});

describe("multi-series Parquet and Arrow (the real Hyperliquid file)", () => {
  test("Parquet written by DuckDB from the CSV: filters, ambiguity and equality", async () => {
    const p = join(dir, "hl.parquet");
    const db = await openDuckDb();
    try {
      await db.conn.run(`COPY (SELECT * FROM read_csv(${sqlString(HL)})) TO ${sqlString(p)} (FORMAT parquet)`);
    } finally {
      db.close();
    }
    same(await loadBars(HL, { symbol: "SOL", interval: "4h" }), await loadBars(p, { symbol: "SOL", interval: "4h" }));
    const e = await loadBars(p, { symbol: "SOL" }).catch((x) => x);
    expect(e.name).toBe("UsageError");
    expect(e.message).toContain("SOL 15m (3175 rows), SOL 1h (989 rows), SOL 4h (478 rows)");
  });

  test("Arrow table with coin/interval columns", async () => {
    const lines = new TextDecoder().decode(Bun.gunzipSync(readFileSync(HL))).trim().split("\n").slice(1).map((l) => l.split(","));
    const t = tableFromArrays({
      coin: lines.map((r) => r[0]!),
      interval: lines.map((r) => r[1]!),
      open_time_ms: Float64Array.from(lines, (r) => Number(r[2])),
      open: Float64Array.from(lines, (r) => Number(r[4])),
      high: Float64Array.from(lines, (r) => Number(r[5])),
      low: Float64Array.from(lines, (r) => Number(r[6])),
      close: Float64Array.from(lines, (r) => Number(r[7])),
      volume: Float64Array.from(lines, (r) => Number(r[8])),
    });
    const p = join(dir, "hl.arrow");
    writeFileSync(p, tableToIPC(t, "stream"));
    same(await loadBars(HL, { symbol: "BTC", interval: "1h" }), await loadBars(p, { symbol: "BTC", interval: "1h" }));
    const e = await loadBars(p).catch((x) => x);
    expect(e.message).toContain("the file holds several series (BTC 15m (3175 rows)");
  });
});

describe("bad values in columnar files", () => {
  test("Arrow: NaN and inconsistent rows are reported by row number", async () => {
    const base = { open_time_ms: Float64Array.from([1, 2, 3], (i) => 1.7e12 + i * 60_000), high: new Float64Array([2, 2, 2]), low: new Float64Array([1, 1, 1]), volume: new Float64Array([5, 5, 5]) };
    const p = join(dir, "bad.arrow");
    writeFileSync(p, tableToIPC(tableFromArrays({ ...base, open: new Float64Array([1.5, NaN, 1.5]), close: new Float64Array([1.5, 1.5, 1.5]) }), "file"));
    expect((await loadBars(p).catch((x) => x)).message).toBe(`${p}:2: column 'open': NaN is not a number`);
    writeFileSync(p, tableToIPC(tableFromArrays({ ...base, open: new Float64Array([1.5, 1.5, 1.5]), close: new Float64Array([1.5, 1.5, 3]) }), "file"));
    expect((await loadBars(p).catch((x) => x)).message).toBe(`${p}:3: column 'close': close 3 is above high 2`);
    const skipped = await loadBars(p, { onBadRow: "skip" });
    expect([skipped.series.length, skipped.skipped]).toEqual([2, 1]);
  });

  test("Parquet: null and text values are reported by row number", async () => {
    const p = join(dir, "bad.parquet");
    const db = await openDuckDb();
    try {
      await db.conn.run(
        `COPY (SELECT * FROM (VALUES (1700000000000, 1.5, 2.0, 1.0, 1.5, 3.0), (1700000060000, 1.5, 2.0, NULL, 1.5, 3.0)) t(ts, open, high, low, close, volume)) TO ${sqlString(p)} (FORMAT parquet)`,
      );
    } finally {
      db.close();
    }
    expect((await loadBars(p).catch((x) => x)).message).toBe(`${p}:2: column 'low': null value`);
    const bad = join(dir, "not.parquet");
    writeFileSync(bad, "PAR1 this is not parquet");
    expect((await loadBars(bad).catch((x) => x)).message).toStartWith(`${bad}: not a valid Parquet file`);
  });
});
