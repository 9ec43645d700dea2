/** The scheduled warm → cold job on real data (embedded warm tier for speed). */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HistoricalClock } from "../../core/index.ts";
import { createLogger } from "../../lib/logger.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { readCsvBars } from "../../testkit/engine/read-csv-bars.ts";
import { BTC_1H_FILE, tradesBatch } from "../../testkit/storage-fixtures.ts";
import { ColdStore } from "../cold/cold-store.ts";
import { listColdFiles } from "../cold/layout.ts";
import { candleBatchFromSeries } from "../series-batch.ts";
import { validateBatch } from "../validate-batch.ts";
import { DuckDBWarmStore } from "../warm/duckdb-warm-store.ts";
import { TieringJob } from "./tiering-job.ts";

const DAY = 86_400_000;
const OPEN = { minTs: 0, maxTs: Date.UTC(2100, 0, 1) };
const dir = mkdtempSync(join(tmpdir(), "tiering-"));
const lines: string[] = [];
const log = createLogger({ level: "info", write: (l) => lines.push(l) });
let warm: DuckDBWarmStore;
let cold: ColdStore;
const bars = readCsvBars(dataFile(BTC_1H_FILE), { limit: 24 * 60, intervalMs: 3_600_000, symbol: "BTCUSDT" }).series; // 60 days

beforeAll(async () => {
  warm = new DuckDBWarmStore(join(dir, "warm.duckdb"));
  await warm.migrate();
  await warm.write(validateBatch(candleBatchFromSeries(bars, { venue: "binance", interval: "1h" }), OPEN));
  await warm.write(validateBatch(tradesBatch(1000), OPEN));
  cold = new ColdStore(join(dir, "cold"));
});
afterAll(async () => {
  await cold.close();
  await warm.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("TieringJob", () => {
  test("moves whole UTC days older than the age to cold, keeps the rest warm; a rerun is a no-op", async () => {
    const last = bars.tsEvent[bars.length - 1]!;
    const clock = new HistoricalClock(last + 3_600_000);
    const job = new TieringJob({ warm, cold, clock, log, intervalMs: 60_000, tierAfterDays: { candles: 30 }, retentionDays: {}, deleteAfterExport: true });
    const r = await job.runOnce();
    const cutoff = Math.floor((clock.now() - 30 * DAY) / DAY) * DAY;
    const old = Array.from(bars.tsEvent).filter((t) => t < cutoff).length;
    expect(r.exported.candles).toBe(old);
    expect(r.deleted).toBe(old);
    expect(await warm.count("candles")).toBe(bars.length - old);
    const days = listColdFiles(join(dir, "cold"), "candles").map((f) => f.day);
    expect(days.at(-1)).toBe(new Date(cutoff - DAY).toISOString().slice(0, 10));
    const again = await job.runOnce();
    expect(again.exported.candles).toBe(0);
    expect(lines.some((l) => l.includes("Tiered warm rows to cold") && l.includes(`rows=${old}`))).toBe(true);
  });

  test("export runs before retention, and retention applies to the warm tier", async () => {
    const t0 = (tradesBatch(1).columns.ts as number[])[0]!;
    const clock = new HistoricalClock(t0 + 10 * DAY);
    const job = new TieringJob({ warm, cold, clock, log, intervalMs: 60_000, tierAfterDays: { trades: 2 }, retentionDays: { trades: 7 }, deleteAfterExport: false });
    const r = await job.runOnce();
    expect(r.exported.trades).toBe(1000);
    expect(await warm.count("trades")).toBe(0);
    expect(r.maintenance.dropped).toBe(1000);
    expect((await cold.query("SELECT count(*) FROM trades")).rows[0]!.map(Number)).toEqual([1000]);
  });

  test("start/stop: the schedule runs at start and stops cleanly", async () => {
    const clock = new HistoricalClock(bars.tsEvent[bars.length - 1]!);
    const job = new TieringJob({ warm, cold, clock, log, intervalMs: 3_600_000, tierAfterDays: { candles: 30 }, retentionDays: {}, deleteAfterExport: true });
    job.start();
    await job.stop();
    expect(job.lastError).toBeNull();
    expect(job.lastReport).not.toBeNull();
  });
});
