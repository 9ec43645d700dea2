/** CSCV probability of backtest overfitting vs an independent numpy implementation (fixture). */
import { expect, test } from "bun:test";
import ref from "./__fixtures__/scipy-reference.json" with { type: "json" };
import { combinations, probabilityOfBacktestOverfitting } from "./pbo.ts";
import { UsageError } from "../core/index.ts";

const cols = ref.momentum.columns;

for (const r of ref.momentum.pbo) {
  test(`PBO on 8 BTC momentum variants, S=${r.splits}, matches the numpy reference`, () => {
    const p = probabilityOfBacktestOverfitting(cols, { splits: r.splits });
    expect(p.combinations).toBe(r.combinations);
    expect(p.combinations).toBe(combinations(r.splits, r.splits / 2));
    expect(p.pbo).toBeCloseTo(r.pbo, 12);
    expect(p.probOosLoss).toBeCloseTo(r.probOosLoss, 12);
    p.logitQuartiles.forEach((q, i) => expect(q).toBeCloseTo(r.logitQuartiles[i]!, 9));
  });
}

test("identical configurations: no overfitting signal (ties rank at the median, λ = 0 → counted)", () => {
  const x = cols[0]!;
  const p = probabilityOfBacktestOverfitting([x, x, x], { splits: 4 });
  // All three tie OOS, average rank 2 of 3 → ω = 0.5 → λ = 0 for every split.
  expect(p.logitQuartiles).toEqual([0, 0, 0]);
  expect(p.pbo).toBe(1);
});

test("a configuration that dominates in every period is never overfit", () => {
  const base = cols[3]!;
  const best = base.map((r) => Math.abs(r) + 0.01);
  const p = probabilityOfBacktestOverfitting([...cols, best], { splits: 8 });
  expect(p.pbo).toBe(0);
  expect(p.probOosLoss).toBe(0);
});

test("bad shapes are usage errors", () => {
  expect(() => probabilityOfBacktestOverfitting([cols[0]!], { splits: 8 })).toThrow(UsageError);
  expect(() => probabilityOfBacktestOverfitting(cols, { splits: 7 })).toThrow(/even/);
  expect(() => probabilityOfBacktestOverfitting([cols[0]!, cols[1]!.slice(1)], { splits: 4 })).toThrow(/rows/);
  expect(() => probabilityOfBacktestOverfitting([[1, 2, 3], [3, 2, 1]], { splits: 4 })).toThrow(/at least 8 periods/);
});
