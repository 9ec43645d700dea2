/**
 * Candle roll-up views (candles_1h, candles_1d built from 1m bars) in partitioned PostgreSQL and
 * embedded DuckDB, cross-checked against Binance's own 1h candles from the real 1h file.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lowerBound } from "../../engine/bar-series.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { readCsvBars } from "../../testkit/engine/read-csv-bars.ts";
import { createTestSchema, type TestSchema } from "../../testkit/pg-schema.ts";
import { BTC_1H_FILE, BTC_1M_FILE } from "../../testkit/storage-fixtures.ts";
import { candleBatchFromSeries } from "../series-batch.ts";
import { validateBatch } from "../validate-batch.ts";
import { DuckDBWarmStore } from "./duckdb-warm-store.ts";
import { PgWarmStore } from "./pg-warm-store.ts";

const FROM = Date.UTC(2019, 9, 16);
const TO = Date.UTC(2019, 9, 18);
const m1 = readCsvBars(dataFile(BTC_1M_FILE), { limit: 4000, intervalMs: 60_000, symbol: "BTCUSDT" }).series;
const h1 = readCsvBars(dataFile(BTC_1H_FILE), { intervalMs: 3_600_000, symbol: "BTCUSDT" }).series;
const batch = validateBatch(candleBatchFromSeries(m1, { venue: "binance", interval: "1m" }), { minTs: 0, maxTs: Date.UTC(2100, 0, 1) });
const a = lowerBound(h1.tsEvent, FROM);
const b = lowerBound(h1.tsEvent, TO);
const expected = Array.from({ length: b - a }, (_, k) => [h1.tsEvent[a + k], h1.open[a + k], h1.high[a + k], h1.low[a + k], h1.close[a + k]]);
const dir = mkdtempSync(join(tmpdir(), "rollup-"));
let s: TestSchema;
let pg: PgWarmStore;
let duck: DuckDBWarmStore;

beforeAll(async () => {
  s = await createTestSchema("rollup");
  pg = new PgWarmStore({ url: s.url, schema: s.schema });
  await pg.migrate();
  await pg.write(batch);
  duck = new DuckDBWarmStore(join(dir, "warm.duckdb"));
  await duck.migrate();
  await duck.write(batch);
});
afterAll(async () => {
  await pg.close();
  await s.drop();
  await duck.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("candle roll-ups", () => {
  test("partitioned PostgreSQL: candles_1h equals Binance's 1h candles", async () => {
    const rows = await pg.sql`SELECT (extract(epoch FROM ts) * 1000)::float8 AS t, open::float8 AS o, high::float8 AS h, low::float8 AS l, close::float8 AS c, bars FROM candles_1h WHERE ts >= ${new Date(FROM)} AND ts < ${new Date(TO)} ORDER BY ts`;
    expect(rows.length).toBe(48);
    expect(rows.every((r) => Number(r.bars) === 60)).toBe(true);
    expect(rows.map((r) => [r.t, r.o, r.h, r.l, r.c])).toEqual(expected);
    const [day] = await pg.sql`SELECT bars, high::float8 AS h FROM candles_1d WHERE ts = ${new Date(FROM)}`;
    expect(Number(day!.bars)).toBe(1440);
    expect(day!.h).toBe(Math.max(...expected.slice(0, 24).map((e) => e[2]!)));
  });

  test("embedded DuckDB: the same view gives the same hours", async () => {
    const h = await (duck as unknown as { db(): Promise<{ conn: { runAndReadAll(s: string): Promise<{ getRows(): unknown[][] }> } }> }).db();
    const rows = (await h.conn.runAndReadAll(`SELECT epoch_ms(ts)::DOUBLE, open::DOUBLE, high::DOUBLE, low::DOUBLE, close::DOUBLE FROM candles_1h WHERE ts >= TIMESTAMPTZ '2019-10-16 00:00:00+00' AND ts < TIMESTAMPTZ '2019-10-18 00:00:00+00' ORDER BY ts`)).getRows();
    expect(rows).toEqual(expected);
  });
});
