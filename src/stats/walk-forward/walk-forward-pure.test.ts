/** Grid parsing, fold generation on real BTC 1h open times, selection and assessment helpers. */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { dataFile } from "../../testkit/data-path.ts";
import { UsageError } from "../../core/index.ts";
import { formatPoint, gridPoints, gridSize, parseGrid, parseGridAxis } from "./grid.ts";
import { generateFolds, parseDuration } from "./folds.ts";
import {
  bucketReturns,
  degradationRatio,
  objectiveValue,
  overfitRisk,
  parameterStability,
  selectBest,
  stitchEquity,
  walkForwardEfficiency,
} from "./assess.ts";

const DAY = 86_400_000;

/** Open times of the real BTCUSDT 1h file (first column), which has 28 real gaps before 2023-03. */
function btcOpenTimes(): Float64Array {
  const text = new TextDecoder().decode(Bun.gunzipSync(readFileSync(dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"))));
  const lines = text.split("\n");
  const out = new Float64Array(lines.length - 2);
  for (let i = 1; i < lines.length - 1; i++) out[i - 1] = Number(lines[i]!.slice(0, lines[i]!.indexOf(",")));
  return out;
}

describe("grid", () => {
  test("ranges, lists, single values and decimal steps", () => {
    expect(parseGridAxis("fast=5:30:5").values).toEqual([5, 10, 15, 20, 25, 30]);
    expect(parseGridAxis("slow=20:120:10").values).toHaveLength(11);
    expect(parseGridAxis("x=0.1:0.3:0.1").values).toEqual([0.1, 0.2, 0.3]);
    expect(parseGridAxis("x=1:10:4").values).toEqual([1, 5, 9]);
    expect(parseGridAxis("k=3,1,2").values).toEqual([3, 1, 2]);
    expect(parseGridAxis("k=7").values).toEqual([7]);
  });

  test("points are a cartesian product, first axis outermost", () => {
    const axes = parseGrid(["fast=5:10:5", "slow=20,30,40"]);
    expect(gridSize(axes)).toBe(6);
    const pts = gridPoints(axes);
    expect(pts.map(formatPoint)).toEqual(["fast=5 slow=20", "fast=5 slow=30", "fast=5 slow=40", "fast=10 slow=20", "fast=10 slow=30", "fast=10 slow=40"]);
  });

  test("invalid grids are usage errors quoting --grid", () => {
    const cases: [string[], RegExp][] = [
      [[], /empty grid/],
      [["fast"], /--grid "fast": expected name=/],
      [["fast="], /no values/],
      [["fast=30:5:5"], /end 5 is before start 30/],
      [["fast=5:30:0"], /step must be > 0/],
      [["fast=5:30"], /start:end:step/],
      [["fast=a,b"], /"a" is not a number/],
      [["fast=5,5"], /duplicate values/],
      [["fast=5", "fast=6"], /given twice/],
      [["9x=1"], /invalid parameter name/],
      [["a=1:1000:1", "b=1:1000:1"], /too many/],
    ];
    for (const [specs, re] of cases) {
      expect(() => parseGrid(specs)).toThrow(UsageError);
      expect(() => parseGrid(specs)).toThrow(re);
    }
  });
});

describe("folds on real BTC 1h data", () => {
  const ts = btcOpenTimes();
  const H = 3_600_000;

  test("rolling 90d/30d folds tile the data with complete test windows", () => {
    const folds = generateFolds(ts, H, { trainMs: 90 * DAY, testMs: 30 * DAY });
    const end = ts[ts.length - 1]! + H;
    expect(folds.length).toBe(Math.floor((end - ts[0]! - 90 * DAY) / (30 * DAY)));
    for (const f of folds) {
      expect(f.trainEnd - f.trainStart).toBe(90 * DAY);
      expect(f.testEnd - f.testStart).toBe(30 * DAY);
      expect(f.testStart).toBe(f.trainEnd);
      expect(f.testEnd).toBeLessThanOrEqual(end);
      expect(f.trainTo).toBe(f.testFrom);
      expect(ts[f.testFrom]!).toBeGreaterThanOrEqual(f.testStart);
      expect(ts[f.testFrom - 1]!).toBeLessThan(f.testStart);
    }
    // Consecutive test windows are contiguous; after the last gap (2023-03) every window is full.
    for (let i = 1; i < folds.length; i++) expect(folds[i]!.testFrom).toBe(folds[i - 1]!.testTo);
    const late = folds.filter((f) => f.trainStart > Date.UTC(2023, 3, 1));
    for (const f of late) {
      expect(f.trainTo - f.trainFrom).toBe(90 * 24);
      expect(f.testTo - f.testFrom).toBe(30 * 24);
    }
    // The 33-hour outage of 2018-02-08 shrinks the window that contains it.
    const gap = folds.find((f) => f.testStart <= Date.UTC(2018, 1, 8) && f.testEnd > Date.UTC(2018, 1, 10))!;
    expect(gap.testTo - gap.testFrom).toBeLessThan(30 * 24);
  });

  test("anchored folds keep the start and grow the train window", () => {
    const folds = generateFolds(ts, H, { trainMs: 365 * DAY, testMs: 90 * DAY, stepMs: 90 * DAY, anchored: true });
    for (const f of folds) {
      expect(f.trainStart).toBe(ts[0]!);
      expect(f.trainFrom).toBe(0);
      expect(f.trainEnd - f.trainStart).toBe(365 * DAY + f.index * 90 * DAY);
    }
  });

  test("windows beyond the data and bad durations name the flag", () => {
    const short = ts.subarray(0, 24 * 100); // ~100 days
    expect(() => generateFolds(short, H, { trainMs: 90 * DAY, testMs: 30 * DAY })).toThrow(/--train 90d \+ --test 30d = 120d does not fit in the data/);
    expect(() => generateFolds(short, H, { trainMs: 0, testMs: 30 * DAY })).toThrow(/--train must be a positive duration/);
    expect(() => generateFolds(short, H, { trainMs: DAY, testMs: DAY, stepMs: -1 })).toThrow(/--step/);
    expect(parseDuration("90d", "train")).toBe(90 * DAY);
    expect(parseDuration("12h", "test")).toBe(12 * H);
    expect(parseDuration("2w", "step")).toBe(14 * DAY);
    expect(() => parseDuration("90 days", "train")).toThrow(/--train must be a duration like 90d/);
    expect(() => parseDuration("0d", "test")).toThrow(/--test must be > 0/);
  });
});

describe("selection and assessment", () => {
  test("best point: ties go to the lowest index, NaN never wins", () => {
    expect(selectBest([1, 3, 3, 2])).toBe(1);
    expect(selectBest([Number.NaN, -5])).toBe(1);
    expect(selectBest([Number.NaN, Number.NaN])).toBe(0);
    expect(selectBest([])).toBe(-1);
  });

  test("objectives; calmar = CAGR / max drawdown", () => {
    const m = { sharpe: 1.2, sortino: 1.8, totalReturn: 0.3, cagr: 0.25, maxDrawdown: 0.1 };
    expect(objectiveValue(m, "sharpe")).toBe(1.2);
    expect(objectiveValue(m, "sortino")).toBe(1.8);
    expect(objectiveValue(m, "return")).toBe(0.3);
    expect(objectiveValue(m, "calmar")).toBeCloseTo(2.5, 12);
    expect(objectiveValue({ ...m, maxDrawdown: 0 }, "calmar")).toBe(Number.POSITIVE_INFINITY);
  });

  test("degradation buckets of the reference system", () => {
    expect(degradationRatio(0.6, 0.57)).toBeCloseTo(0.05, 12);
    expect(overfitRisk(0.05)).toBe("low");
    expect(overfitRisk(-0.2)).toBe("low");
    expect(overfitRisk(0.1)).toBe("medium");
    expect(overfitRisk(0.2)).toBe("high");
    expect(overfitRisk(0.2001)).toBe("severe");
    expect(overfitRisk(Number.NaN)).toBe("severe");
    expect(walkForwardEfficiency(2, 1)).toBe(0.5);
    expect(walkForwardEfficiency(-1, 1)).toBeNaN();
  });

  test("parameter stability", () => {
    const axes = parseGrid(["fast=5:30:5", "slow=20:120:10"]);
    const same = parameterStability(axes, [{ fast: 10, slow: 50 }, { fast: 10, slow: 50 }, { fast: 10, slow: 50 }]);
    expect(same.score).toBe(1);
    expect(same.params[0]!.changes).toBe(0);
    const wild = parameterStability(axes, [{ fast: 5, slow: 20 }, { fast: 30, slow: 120 }]);
    expect(wild.score).toBe(0);
    expect(wild.params[1]!.distinct).toBe(2);
  });

  test("stitching chains segments multiplicatively; daily bucket returns compound to the total", () => {
    const s = stitchEquity([[100, 110], [100, 90, 120]], 100);
    [100, 110, 110, 99, 132].forEach((v, i) => expect(s[i]!).toBeCloseTo(v, 10));
    const ts = [0, 12 * 3_600_000, DAY, DAY + 3_600_000, 2 * DAY];
    const eq = [101, 102, 100, 104, 104];
    const r = bucketReturns(ts, eq, 100);
    expect(r).toHaveLength(3);
    expect(r.reduce((g, x) => g * (1 + x), 1)).toBeCloseTo(1.04, 12);
    expect(r[0]).toBeCloseTo(0.02, 12);
  });
});
