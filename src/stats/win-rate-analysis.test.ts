/** Verdict wording and the numbers behind it (p-values cross-checked with scipy in binomial-test.test.ts). */
import { expect, test } from "bun:test";
import { analyzeWinRate } from "./win-rate-analysis.ts";

test("55/100 against 0.5 is not significant at 95%", () => {
  const a = analyzeWinRate({ wins: 55, trades: 100 });
  expect(a.winRate).toBe(0.55);
  expect(a.test!.pValue).toBeCloseTo(0.36820161732669665, 12);
  expect(a.verdict.kind).toBe("not-significant");
  expect(a.verdict.text).toBe("edge not significant at 95%: Wilson lower bound 0.452 < p0 0.500 (exact binomial p = 0.368)");
});

test("break-even with fees is the null; significant edge needs the Wilson bound above it", () => {
  const a = analyzeWinRate({ wins: 5800, trades: 10000, price: 0.52, fee: { model: "stake", rate: 0.02 } });
  expect(a.breakEven).toBeCloseTo(0.5304, 12);
  expect(a.nullLabel).toBe("break-even");
  expect(a.verdict.kind).toBe("positive-edge");
  expect(a.verdict.significant).toBe(true);
  expect(a.verdict.text).toMatch(/^edge significant at 95%: Wilson lower bound 0\.570 > break-even 0\.530 \(exact binomial p = [0-9.e-]+\)$/);
  expect(a.testVsHalf!.p0).toBe(0.5);
});

test("a losing record is a significant negative edge", () => {
  const a = analyzeWinRate({ wins: 400, trades: 1000, price: 0.5 });
  expect(a.verdict.kind).toBe("negative-edge");
  expect(a.verdict.text).toContain("Wilson upper bound");
});

test("one-sided alternative and small samples get a caution", () => {
  const a = analyzeWinRate({ wins: 16, trades: 20, alternative: "greater", confidence: 0.9 });
  expect(a.wilson.upper).toBe(1);
  expect(a.verdict.kind).toBe("positive-edge");
  expect(a.verdict.text).toContain("at 90%");
  expect(a.verdict.text).toContain("only 20 trades (< 100)");
});

test("fees above the payout leave no possible edge; zero trades say so", () => {
  expect(analyzeWinRate({ wins: 9, trades: 10, price: 0.99, fee: { model: "stake", rate: 0.05 } }).verdict.kind).toBe("negative-edge");
  expect(analyzeWinRate({ wins: 0, trades: 0 }).verdict.kind).toBe("no-data");
});
