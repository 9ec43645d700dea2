/**
 * One replay interface on real data: a month of Binance BTCUSDT 5m bars read from the CSV, the
 * warm tier (PostgreSQL), the cold tier (Parquet) and the hot tier must be identical, and a
 * backtest over each must give the same result as over the CSV.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeInstrument } from "../../core/index.ts";
import { loadBars, type LoadBarsResult } from "../../data/index.ts";
import { runBacktest } from "../../engine/index.ts";
import { resolveStrategy } from "../../strategies/index.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { createTestSchema, type TestSchema } from "../../testkit/pg-schema.ts";
import { ColdStore } from "../cold/cold-store.ts";
import { HotStore } from "../hot/hot-store.ts";
import { candleBatchFromSeries } from "../series-batch.ts";
import { validateBatch } from "../validate-batch.ts";
import { PgWarmStore } from "../warm/pg-warm-store.ts";
import { loadBarsFromTier, resolveSymbol, type TierSources } from "./load-bars-from-tier.ts";

const FILE = "binance_spot_BTCUSDT_5m_2024-03_2025-07.csv.gz";
const FROM = Date.UTC(2024, 5, 1);
const TO = Date.UTC(2024, 6, 1);
const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), "tier-replay-"));
let s: TestSchema;
let tiers: TierSources & { warm: PgWarmStore; cold: ColdStore; hot: HotStore };
let csv: LoadBarsResult;

beforeAll(async () => {
  csv = await loadBars(dataFile(FILE), { from: FROM, to: TO });
  const wider = await loadBars(dataFile(FILE), { from: FROM - 2 * DAY, to: TO + 2 * DAY });
  s = await createTestSchema("replay");
  tiers = { warm: new PgWarmStore({ url: s.url, schema: s.schema }), cold: new ColdStore(join(dir, "cold")), hot: new HotStore({ maxRows: 1e6, maxAgeMs: 1e12, batchRows: 1024 }) };
  await tiers.warm.migrate();
  await tiers.warm.write(validateBatch(candleBatchFromSeries(wider.series, { interval: "5m" }), { minTs: 0, maxTs: Date.UTC(2100, 0, 1) }));
  await tiers.cold.exportFromWarm(tiers.warm, { table: "candles", fromMs: FROM - 2 * DAY, toMs: TO + 2 * DAY });
  tiers.hot.appendBars(wider.series, "5m");
}, 60_000);

afterAll(async () => {
  await tiers.cold.close();
  await tiers.warm.close();
  await s.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("loadBarsFromTier", () => {
  for (const tier of ["warm", "cold", "hot"] as const) {
    test(`${tier}: same bars, grid and backtest result as the CSV`, async () => {
      const got = await loadBarsFromTier(tier, { symbol: "BTC", interval: "5m", fromMs: FROM, toMs: TO }, tiers);
      expect(got.series.symbol).toBe("BTCUSDT");
      expect(got.series.length).toBe(csv.series.length);
      for (const k of ["tsEvent", "open", "high", "low", "close", "volume"] as const) expect(Array.from(got.series[k])).toEqual(Array.from(csv.series[k]));
      expect([got.priceDecimals, got.sizeDecimals]).toEqual([csv.priceDecimals, csv.sizeDecimals]);
      const inst = makeInstrument({ symbol: "BTCUSDT", tick: "0.01", lot: "0.00001" });
      const a = runBacktest(csv.series, inst, resolveStrategy("ma_crossover", ["fast=12", "slow=48"]).strategy);
      const b = runBacktest(got.series, inst, resolveStrategy("ma_crossover", ["fast=12", "slow=48"]).strategy);
      expect(b.trades.length).toBeGreaterThan(10);
      expect(b.metrics).toEqual(a.metrics);
      expect(b.trades).toEqual(a.trades);
      expect(Array.from(b.equity)).toEqual(Array.from(a.equity));
    }, 30_000);
  }

  test("an empty answer lists what the tier holds", async () => {
    await expect(loadBarsFromTier("warm", { symbol: "ETH", interval: "5m" }, tiers)).rejects.toThrow(/no candles for ETH 5m in the warm tier; it holds: BTCUSDT@binance 5m/);
    await expect(loadBarsFromTier("cold", { symbol: "BTC", interval: "5m", fromMs: Date.UTC(2020, 0, 1), toMs: Date.UTC(2020, 0, 2) }, tiers)).rejects.toThrow(/in \[2020-01-01T00:00:00.000Z, 2020-01-02T00:00:00.000Z\)/);
    await expect(loadBarsFromTier("warm", { symbol: "BTC", interval: "5m", fromMs: TO, toMs: FROM }, tiers)).rejects.toThrow(/time range is empty/);
  });

  test("symbol resolution: exact, unique base+quote, ambiguity named", () => {
    const av = [
      { venue: "binance", symbol: "BTCUSDT", interval: "1m", rows: 1, fromMs: 0, toMs: 0 },
      { venue: "binance", symbol: "BTCUSDC", interval: "1m", rows: 1, fromMs: 0, toMs: 0 },
      { venue: "hyperliquid", symbol: "ETH", interval: "1m", rows: 1, fromMs: 0, toMs: 0 },
    ];
    expect(resolveSymbol({ symbol: "ETH", interval: "1m" }, av)).toBe("ETH");
    expect(resolveSymbol({ symbol: "BTC", interval: "1h" }, av)).toBeUndefined();
    expect(() => resolveSymbol({ symbol: "BTC", interval: "1m" }, av)).toThrow(/ambiguous here: BTCUSDT, BTCUSDC/);
  });
});
