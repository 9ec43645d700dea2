/** Break-even win rates: each fee model's formula is the root of its expected PnL. */
import { expect, test } from "bun:test";
import { breakEvenWinRate, expectedReturnPerStake, FEE_MODELS, type FeeSpec } from "./break-even.ts";
import { binaryOutcomes } from "./kelly.ts";
import { UsageError } from "../core/index.ts";

test("reference formula c(1+f) and the documented examples", () => {
  expect(breakEvenWinRate(0.52)).toBe(0.52);
  expect(breakEvenWinRate(0.52, { model: "stake", rate: 0.02 })).toBeCloseTo(0.5304, 12);
  expect(breakEvenWinRate(0.5, { model: "profit", rate: 0.02 })).toBeCloseTo(0.51, 12);
  expect(breakEvenWinRate(0.5, { model: "winnings", rate: 0.02 })).toBeCloseTo(0.5 / 0.99, 12);
  // Polymarket taker fee curve rate 0.07, exponent 1 at p = 0.5: 0.0175 per share.
  expect(breakEvenWinRate(0.5, { model: "polymarket", rate: 0.07 })).toBeCloseTo(0.5175, 12);
});

test("expected PnL is zero at break-even, positive above, negative below, for every model", () => {
  for (const model of FEE_MODELS) {
    for (const c of [0.05, 0.3, 0.5, 0.52, 0.9]) {
      for (const rate of [0, 0.01, 0.02, 0.07]) {
        const fee: FeeSpec = { model, rate, exponent: 1 };
        const be = breakEvenWinRate(c, fee);
        expect(Math.abs(expectedReturnPerStake(be, c, fee))).toBeLessThan(1e-12);
        expect(expectedReturnPerStake(be + 0.01, c, fee)).toBeGreaterThan(0);
        expect(expectedReturnPerStake(be - 0.01, c, fee)).toBeLessThan(0);
        // Consistent with the per-unit outcomes used by Kelly and Monte Carlo.
        const o = binaryOutcomes(c, fee);
        expect(be * o.win + (1 - be) * o.loss).toBeCloseTo(0, 12);
      }
    }
  }
});

test("invalid price or fee is a usage error naming it", () => {
  expect(() => breakEvenWinRate(1)).toThrow(UsageError);
  expect(() => breakEvenWinRate(0)).toThrow(/price must be in \(0, 1\)/);
  expect(() => breakEvenWinRate(0.5, { model: "stake", rate: -0.1 })).toThrow(/fee rate/);
  expect(() => breakEvenWinRate(0.5, { model: "bogus" as never, rate: 0.1 })).toThrow(/fee model/);
});
