/**
 * Ingest pipeline against the real PostgreSQL, with a loopback TCP proxy in between that is cut
 * and restored mid-ingest: every row must arrive exactly once, in order (later re-deliveries
 * win), nothing may be lost, and bad rows never poison a batch.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataError, HistoricalClock } from "../../core/index.ts";
import type { BarSeries } from "../../engine/bar-series.ts";
import { silentLogger } from "../../lib/logger.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { readCsvBars } from "../../testkit/engine/read-csv-bars.ts";
import { createTestSchema, type TestSchema } from "../../testkit/pg-schema.ts";
import { BTC_1H_FILE } from "../../testkit/storage-fixtures.ts";
import { TcpProxy } from "../../testkit/tcp-proxy.ts";
import type { ColumnBatch } from "../ports.ts";
import { candleBatchFromSeries } from "../series-batch.ts";
import { sliceSeries } from "../../engine/bar-series.ts";
import { Ingestor } from "./ingestor.ts";
import { PgWarmStore } from "./pg-warm-store.ts";

const PG = new URL(process.env.ALGO_TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test");
let s: TestSchema;
let direct: PgWarmStore;
let bars: BarSeries;
const tmp = mkdtempSync(join(tmpdir(), "ingest-"));

beforeAll(async () => {
  s = await createTestSchema("ingest");
  direct = new PgWarmStore({ url: s.url, schema: s.schema });
  await direct.migrate();
  bars = readCsvBars(dataFile(BTC_1H_FILE), { limit: 12_000, intervalMs: 3_600_000, symbol: "BTCUSDT" }).series;
});
afterAll(async () => {
  await direct.close();
  await s.drop();
  rmSync(tmp, { recursive: true, force: true });
});

const chunk = (from: number, to: number): ColumnBatch => candleBatchFromSeries(sliceSeries(bars, from, to), { venue: "binance", symbol: "BTCUSDT", interval: "1h" });

function ingestor(store: PgWarmStore, name: string, clock: HistoricalClock, extra: Partial<ConstructorParameters<typeof Ingestor>[0]> = {}): Ingestor {
  return new Ingestor({ store, spoolFile: join(tmp, name, "warm.spool"), clock, log: silentLogger, batchRows: 500, maxLatencyMs: 1000, retryMs: 1, ...extra });
}

describe("nothing lost: PostgreSQL cut and restored mid-ingest", () => {
  test("every row arrives exactly once, re-deliveries during the outage win", async () => {
    await direct.sql`TRUNCATE candles`;
    const proxy = await TcpProxy.start(PG.hostname, Number(PG.port || 5432));
    const url = `postgres://${PG.username}@127.0.0.1:${proxy.port}${PG.pathname}`;
    const viaProxy = new PgWarmStore({ url, schema: s.schema, connectTimeoutSec: 2, maxConnections: 2 });
    const clock = new HistoricalClock(Date.UTC(2026, 0, 1));
    const ing = ingestor(viaProxy, "outage", clock);
    try {
      // Phase 1: 4000 rows go straight in.
      for (let i = 0; i < 4000; i += 250) ing.push(chunk(i, i + 250));
      await ing.flush();
      expect(ing.stats.written).toBe(4000);

      // Phase 2: cut while a batch is in flight, keep pushing (incl. corrected re-deliveries).
      for (let i = 4000; i < 4500; i += 250) ing.push(chunk(i, i + 250));
      const inFlight = ing.flush();
      await proxy.cut();
      await inFlight;
      for (let i = 4500; i < 8000; i += 250) ing.push(chunk(i, i + 250));
      const fixed = chunk(3900, 4100);
      const fixedClose = Float64Array.from(fixed.columns.close as Float64Array, (c) => c + 0.5);
      ing.push({ ...fixed, columns: { ...fixed.columns, close: fixedClose, high: Float64Array.from(fixed.columns.high as Float64Array, (h) => h + 0.5) } });
      await ing.flush();
      expect(ing.stats.spooling).toBe(true);
      expect(ing.stats.spooled).toBeGreaterThanOrEqual(3700);
      clock.advance(clock.now() + 10);
      await ing.tick(); // probe while still down: stays spooling
      expect(ing.stats.spooling).toBe(true);

      // Phase 3: restore; the replay drains the spool in order, then new rows go direct again.
      await proxy.restore();
      for (let k = 0; k < 50 && ing.stats.spooling; k++) {
        clock.advance(clock.now() + 10);
        await ing.tick();
      }
      expect(ing.stats.spooling).toBe(false);
      expect(ing.stats.replayed).toBe(ing.stats.spooled);
      for (let i = 8000; i < 12_000; i += 250) ing.push(chunk(i, i + 250));
      await ing.flush();

      expect(await direct.count("candles")).toBe(12_000);
      const back = await direct.queryCandles({ symbol: "BTCUSDT", interval: "1h" });
      const expectedClose = Float64Array.from(bars.close);
      for (let i = 3900; i < 4100; i++) expectedClose[i] = bars.close[i]! + 0.5;
      expect(Array.from(back.tsEvent)).toEqual(Array.from(bars.tsEvent));
      expect(Array.from(back.close)).toEqual(Array.from(expectedClose));
      expect(Array.from(back.volume)).toEqual(Array.from(bars.volume));
      expect(existsSync(join(tmp, "outage", "warm.spool"))).toBe(false);
      expect(ing.stats.rejected).toBe(0);
    } finally {
      await ing.stop();
      await viaProxy.close();
      await proxy.close();
    }
  }, 60_000);

  test("a spool left by a stopped process is replayed by the next one", async () => {
    await direct.sql`TRUNCATE candles`;
    const proxy = await TcpProxy.start(PG.hostname, Number(PG.port || 5432));
    await proxy.cut();
    const url = `postgres://${PG.username}@127.0.0.1:${proxy.port}${PG.pathname}`;
    const down = new PgWarmStore({ url, schema: s.schema, connectTimeoutSec: 2, maxConnections: 1 });
    const clock = new HistoricalClock(Date.UTC(2026, 0, 1));
    const a = ingestor(down, "restart", clock);
    for (let i = 0; i < 1500; i += 300) a.push(chunk(i, i + 300));
    await a.stop();
    expect(a.stats.spooled).toBe(1500);
    await down.close();
    await proxy.close();

    const b = ingestor(direct, "restart", clock);
    expect(b.stats.spooling).toBe(true);
    expect(await b.drainSpool()).toBe(true);
    expect(await direct.count("candles")).toBe(1500);
    await b.stop();
  }, 30_000);
});

describe("ingest boundary and flow control", () => {
  test("bad rows are rejected with file/line/field and counted; the rest of the batch is written", async () => {
    await direct.sql`TRUNCATE candles`;
    const clock = new HistoricalClock(Date.UTC(2026, 0, 1));
    const rejected: DataError[] = [];
    const ing = ingestor(direct, "bad", clock, { onReject: (e) => rejected.push(e) });
    const b = chunk(0, 100);
    const close = Float64Array.from(b.columns.close as Float64Array);
    const volume = Float64Array.from(b.columns.volume as Float64Array);
    const ts = Float64Array.from(b.columns.ts as Float64Array);
    const high = Float64Array.from(b.columns.high as Float64Array);
    close[3] = Number.NaN;
    volume[10] = -1.5;
    ts[20] = Date.UTC(2200, 0, 1);
    ts[21] = Date.UTC(1990, 0, 1);
    high[30] = 1; // below low
    ing.push({ ...b, firstLine: 2, columns: { ...b.columns, close, volume, ts, high } });
    await ing.flush();
    expect(ing.stats.rejected).toBe(5);
    expect(ing.stats.written).toBe(95);
    expect(await direct.count("candles")).toBe(95);
    expect(rejected.map((e) => [e.line, e.column])).toEqual([
      [5, "close"],
      [12, "volume"],
      [22, "ts"],
      [23, "ts"],
      [32, "high"],
    ]);
    expect(rejected[1]!.message).toContain(`${BTC_1H_FILE}:12: candles row 10: field "volume" must be ≥ 0, got -1.5`);
    expect(rejected[2]!.message).toContain("out of range");
    await ing.stop();
  });

  test("buffers are bounded by size and latency; push() signals back-pressure", async () => {
    await direct.sql`TRUNCATE candles`;
    const clock = new HistoricalClock(Date.UTC(2026, 0, 1));
    const ing = ingestor(direct, "flow", clock, { batchRows: 10_000, highWaterRows: 600, maxLatencyMs: 5000 });
    expect(ing.push(chunk(0, 300))).toBe(true);
    expect(ing.push(chunk(300, 700))).toBe(false);
    expect(ing.writable).toBe(false);
    const w = ing.whenWritable();
    await ing.tick(); // not due yet: nothing written
    expect(ing.stats.written).toBe(0);
    clock.advance(clock.now() + 5000);
    await ing.tick(); // latency bound reached: flushed
    await w;
    expect(ing.stats.written).toBe(700);
    expect(ing.writable).toBe(true);
    await ing.stop();
  });

  test("a batch the database refuses for a non-connection reason goes to the dead-letter files", async () => {
    const other = await createTestSchema("ingest");
    const unmigrated = new PgWarmStore({ url: other.url, schema: other.schema });
    const clock = new HistoricalClock(Date.UTC(2026, 0, 1));
    const ing = ingestor(unmigrated, "dead", clock);
    ing.push(chunk(0, 50));
    await ing.flush();
    expect(ing.stats.deadLettered).toBe(50);
    expect(ing.stats.spooling).toBe(false);
    const log = readFileSync(join(tmp, "dead", "warm.dead-letter.jsonl"), "utf8");
    expect(log).toContain("SCHEMA_MISSING");
    expect(readFileSync(join(tmp, "dead", "warm.dead-letter.spool"), "utf8").split("\n").filter(Boolean).length).toBe(1);
    await ing.stop();
    await unmigrated.close();
    await other.drop();
  });
});
