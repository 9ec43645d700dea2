/**
 * Walk-forward on real BTCUSDT 1h data (2024): identical results for any worker count, folds
 * choose the true argmax of the objective, stitched OOS equity chains the folds, and invalid
 * grids/windows are usage errors naming the flag.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { makeInstrument, UsageError } from "../../core/index.ts";
import { loadBars } from "../../data/index.ts";
import { runBacktest, sliceSeries, type BarSeries } from "../../engine/index.ts";
import { STRATEGIES } from "../../strategies/index.ts";
import { objectiveValue, parseGrid } from "../../stats/index.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { walkForwardJson } from "./format-text.ts";
import { runWalkForward, type WalkForwardOptions } from "./run-walk-forward.ts";

const DAY = 86_400_000;
let series: BarSeries;
const instrument = makeInstrument({ symbol: "BTCUSDT", venue: "binance", kind: "spot", tick: "0.01", lot: "0.00001" });

beforeAll(async () => {
  const r = await loadBars(dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), { from: Date.UTC(2024, 0, 1), to: Date.UTC(2025, 0, 1) });
  series = r.series;
});

function opts(over: Partial<WalkForwardOptions> = {}): WalkForwardOptions {
  return {
    series,
    instrument,
    strategy: "ma_crossover",
    axes: parseGrid(["fast=5,10,20", "slow=30,60"]),
    windows: { trainMs: 60 * DAY, testMs: 30 * DAY },
    objective: "sharpe",
    workers: 1,
    pboSplits: 8,
    bootstrapResamples: 200,
    ...over,
  };
}

describe("walk-forward on real data", () => {
  let one: Awaited<ReturnType<typeof runWalkForward>>;
  beforeAll(async () => {
    one = await runWalkForward(opts());
  }, 60_000);

  test("results are identical for 1, 2 and 3 workers", async () => {
    const two = await runWalkForward(opts({ workers: 2 }));
    const three = await runWalkForward(opts({ workers: 3 }));
    expect(walkForwardJson(two)).toEqual(walkForwardJson(one));
    expect(walkForwardJson(three)).toEqual(walkForwardJson(one));
    expect(Array.from(two.oos.equity)).toEqual(Array.from(one.oos.equity));
  }, 120_000);

  test("folds, backtest count and the chosen point = argmax of the objective on the train window", () => {
    expect(one.folds.length).toBe(Math.floor((366 - 60) / 30));
    expect(one.grid.valid).toBe(6);
    expect(one.backtests).toBe(6 + one.folds.length * 6 + one.folds.length);
    const def = STRATEGIES.ma_crossover!;
    const f = one.folds[2]!;
    const from = Math.round((f.train.start - series.tsEvent[0]!) / 3_600_000);
    const window = sliceSeries(series, from, from + f.train.bars);
    let best = -Infinity;
    let bestParams: Record<string, number> = {};
    for (const fast of [5, 10, 20]) {
      for (const slow of [30, 60]) {
        const p = def.params.parse({ fast, slow });
        const r = runBacktest(window, instrument, def.create(p), {}, { collectFills: false });
        const v = objectiveValue(r.metrics, "sharpe");
        if (v > best) {
          best = v;
          bestParams = { fast, slow };
        }
      }
    }
    expect(f.params).toEqual(bestParams);
    expect(f.isObjective).toBeCloseTo(best, 12);
  });

  test("stitched OOS equity chains the fold growths; every OOS bar is inside a test window", () => {
    const growth = one.folds.reduce((g, f) => g * (1 + f.oos.totalReturn), 1);
    const eq = one.oos.equity;
    expect(eq[eq.length - 1]! / 10_000).toBeCloseTo(growth, 9);
    expect(eq.length).toBe(one.folds.reduce((n, f) => n + f.test.bars, 0));
    expect(one.oos.tsEvent[0]).toBe(one.folds[0]!.test.start);
    expect(one.oos.metrics.totalReturn).toBeCloseTo(growth - 1, 9);
  });

  test("assessment is complete: degradation bucket, stability, DSR, PBO, statistics, checks", () => {
    expect(["low", "medium", "high", "severe"]).toContain(one.degradation.risk);
    expect(one.stability.params.map((p) => p.name)).toEqual(["fast", "slow"]);
    expect(one.dsr!.trials).toBe(6);
    expect(one.dsr!.dsr).toBeGreaterThanOrEqual(0);
    expect(one.dsr!.dsr).toBeLessThanOrEqual(one.dsr!.psr + 1e-12);
    expect(one.pbo!.combinations).toBe(70);
    expect(one.pbo!.pbo).toBeGreaterThanOrEqual(0);
    expect(one.statistics.trades).toBe(one.oos.metrics.trades);
    expect(one.verdict.checks).toHaveLength(4);
  });

  test("anchored windows and other objectives run; skipped combinations are counted", async () => {
    const r = await runWalkForward(opts({ axes: parseGrid(["fast=10,40", "slow=30,60"]), windows: { trainMs: 90 * DAY, testMs: 60 * DAY, anchored: true }, objective: "calmar" }));
    expect(r.grid.points).toBe(4);
    expect(r.grid.valid).toBe(3);
    expect(r.grid.skipped.count).toBe(1);
    expect(r.grid.skipped.examples[0]).toContain("fast=40 slow=30");
    expect(r.folds[1]!.train.start).toBe(r.folds[0]!.train.start);
  });
});

test("fixed --param values reach every grid point (rsi with lower/upper pinned)", async () => {
  const r = await runWalkForward(opts({ strategy: "rsi", axes: parseGrid(["period=7,14"]), fixed: ["lower=25", "upper=75"], windows: { trainMs: 90 * DAY, testMs: 90 * DAY } }));
  expect(r.fixed).toEqual({ lower: 25, upper: 75 });
  expect(r.folds.length).toBe(3);
  const other = await runWalkForward(opts({ strategy: "rsi", axes: parseGrid(["period=7,14"]), windows: { trainMs: 90 * DAY, testMs: 90 * DAY } }));
  expect(other.oos.metrics.trades).not.toBe(r.oos.metrics.trades);
}, 60_000);

describe("usage errors name the flag", () => {
  const cases: [Partial<WalkForwardOptions>, RegExp][] = [
    [{ axes: parseGrid(["speed=1,2"]) }, /--grid: unknown parameter "speed" for strategy ma_crossover/],
    [{ axes: parseGrid(["fast=50", "slow=20"]) }, /--grid: no valid parameter combination/],
    [{ windows: { trainMs: 1 * DAY, testMs: 30 * DAY } }, /--train window of fold 1 has 24 bars, but ma_crossover with fast=5 slow=60 needs \d+ bars of warm-up/],
    [{ windows: { trainMs: 300 * DAY, testMs: 90 * DAY } }, /--train 300d \+ --test 90d = 390d does not fit in the data/],
  ];
  for (const [over, re] of cases) {
    test(re.source.slice(0, 60), async () => {
      const p = runWalkForward(opts(over));
      await expect(p).rejects.toThrow(UsageError);
      await expect(runWalkForward(opts(over))).rejects.toThrow(re);
    });
  }
});
