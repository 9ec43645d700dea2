/** Exact binomial test and proportion intervals vs scipy 1.10 and R 4.2 reference values (fixtures). */
import { describe, expect, test } from "bun:test";
import scipy from "./__fixtures__/scipy-reference.json" with { type: "json" };
import rRef from "./__fixtures__/r-binom-test.json" with { type: "json" };
import { binomialTest, type Alternative } from "./binomial-test.ts";
import { clopperPearsonInterval, wilsonInterval } from "./intervals.ts";
import { normalQuantile } from "./dists.ts";
import { UsageError } from "../core/index.ts";

const ALTS: Alternative[] = ["two-sided", "greater", "less"];

/** |a − b| ≤ rel·|b| + abs. */
function close(a: number, b: number, rel: number, abs = 0): void {
  if (Math.abs(a - b) > rel * Math.abs(b) + abs) throw new Error(`expected ${b}, got ${a} (rel ${(Math.abs(a - b) / Math.abs(b)).toExponential(2)})`);
}

describe("binomialTest vs scipy.stats.binomtest", () => {
  for (const c of scipy.binomial) {
    for (const alt of ALTS) {
      test(`k=${c.k} n=${c.n} p0=${c.p0} ${alt}`, () => {
        const r = binomialTest(c.k, c.n, c.p0, alt);
        const ref = (c.pValue as Record<string, number>)[alt]!;
        close(r.pValue, ref, 1e-9, 1e-300);
      });
    }
  }
});

describe("binomialTest vs R binom.test", () => {
  for (const c of rRef.cases) {
    test(`k=${c.k} n=${c.n} p0=${c.p0}`, () => {
      for (const alt of ALTS) {
        const ref = (c as unknown as Record<string, { pValue: number }>)[alt]!;
        close(binomialTest(c.k, c.n, c.p0, alt).pValue, ref.pValue, 1e-9, 1e-300);
      }
    });
  }
});

test("300 random two-sided cases (n ≤ 3000) vs R binom.test", () => {
  expect(rRef.random.length).toBe(300);
  for (const [k, n, p0, ref] of rRef.random as [number, number, number, number][]) close(binomialTest(k, n, p0).pValue, ref, 1e-9, 1e-300);
});

describe("intervals vs scipy proportion_ci (wilson, exact)", () => {
  for (const c of scipy.binomial) {
    test(`k=${c.k} n=${c.n}`, () => {
      for (const [key, ref] of Object.entries(c.wilson as Record<string, number[]>)) {
        const [alt, conf] = key.split("@") as [Alternative, string];
        const w = wilsonInterval(c.k, c.n, Number(conf), alt);
        close(w.lower, ref[0]!, 1e-9, 1e-15);
        close(w.upper, ref[1]!, 1e-9, 1e-15);
      }
      for (const [key, ref] of Object.entries(c.clopperPearson as Record<string, number[]>)) {
        const [alt, conf] = key.split("@") as [Alternative, string];
        const cp = clopperPearsonInterval(c.k, c.n, Number(conf), alt);
        // scipy finds these roots with brentq(xtol=2e-12), so it is only good to ~2e-12 absolute;
        // R's qbeta (checked below) is exact to ~1e-15 relative and agrees with us tightly.
        close(cp.lower, ref[0]!, 1e-9, 2e-12);
        close(cp.upper, ref[1]!, 1e-9, 2e-12);
      }
    });
  }
});

describe("intervals vs R (prop.test correct=FALSE, binom.test conf.int)", () => {
  for (const c of rRef.cases) {
    test(`k=${c.k} n=${c.n}`, () => {
      for (const alt of ALTS) {
        const ref = (c as unknown as Record<string, { wilson: [number, number]; clopperPearson: [number, number] }>)[alt]!;
        const w = wilsonInterval(c.k, c.n, 0.95, alt);
        close(w.lower, ref.wilson[0], 1e-9, 1e-15);
        close(w.upper, ref.wilson[1], 1e-9, 1e-15);
        const cp = clopperPearsonInterval(c.k, c.n, 0.95, alt);
        close(cp.lower, ref.clopperPearson[0], 1e-12, 1e-300);
        close(cp.upper, ref.clopperPearson[1], 1e-12, 1e-300);
      }
    });
  }
});

test("normal quantile matches scipy.stats.norm.ppf", () => {
  for (const { p, x } of scipy.normalQuantile) close(normalQuantile(p), x, 1e-11, 1e-15);
});

test("two-sided p-value is symmetric at p0 = 0.5 and 1 at the mean", () => {
  expect(binomialTest(50, 100).pValue).toBe(1);
  for (const k of [0, 3, 17, 41, 49]) {
    close(binomialTest(k, 100).pValue, binomialTest(100 - k, 100).pValue, 1e-12);
  }
});

test("n = 10^7: two-sided p equals the sum of both tails found by the boundary search", () => {
  // 5,003,000 of 10^7 at p0 = 0.5: symmetric, so the other tail starts at 4,997,000.
  const r = binomialTest(5_003_000, 10_000_000, 0.5);
  close(r.pValue, 2 * binomialTest(5_003_000, 10_000_000, 0.5, "greater").pValue, 1e-12);
});

test("bad arguments are UsageErrors naming the parameter", () => {
  expect(() => binomialTest(11, 10)).toThrow(UsageError);
  expect(() => binomialTest(11, 10)).toThrow(/k must be an integer in \[0, 10\]/);
  expect(() => binomialTest(5, 10, 1)).toThrow(/p0 must be in \(0, 1\)/);
  expect(() => binomialTest(5, 10, 0.5, "both" as Alternative)).toThrow(/alternative/);
  expect(() => wilsonInterval(5, 10, 1.5)).toThrow(/confidence/);
  expect(() => clopperPearsonInterval(2.5, 10)).toThrow(/k must be an integer/);
});

test("Wilson interval contains the point estimate and shrinks with n", () => {
  let prevWidth = Infinity;
  for (const n of [10, 100, 1000, 10000]) {
    const w = wilsonInterval(Math.round(0.55 * n), n);
    expect(w.lower).toBeLessThan(0.55);
    expect(w.upper).toBeGreaterThan(0.55);
    expect(w.upper - w.lower).toBeLessThan(prevWidth);
    prevWidth = w.upper - w.lower;
  }
  expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
});
