/** Kelly fraction: closed forms for binary bets, growth optimality for empirical returns. */
import { expect, test } from "bun:test";
import { binaryKelly, kellyFraction } from "./kelly.ts";
import ref from "./__fixtures__/scipy-reference.json" with { type: "json" };

test("fee-free binary Kelly is (p − c)/(1 − c); no edge gives 0", () => {
  expect(binaryKelly(0.6, 0.5)).toBeCloseTo(0.2, 12);
  expect(binaryKelly(0.55, 0.4)).toBeCloseTo(0.15 / 0.6, 12);
  expect(binaryKelly(0.5, 0.5)).toBe(0);
  expect(binaryKelly(0.45, 0.5)).toBe(0);
});

test("two-outcome closed form (p·a − (1−p)·b)/(a·b) with fees", () => {
  // Stake fee 2% at price 0.5: a = 1 − 0.02, b = 1.02.
  const p = 0.6;
  const a = 0.98;
  const b = 1.02;
  expect(binaryKelly(p, 0.5, { model: "stake", rate: 0.02 })).toBeCloseTo((p * a - (1 - p) * b) / (a * b), 12);
});

test("empirical Kelly maximises mean log growth on real BTC momentum returns", () => {
  const r = ref.momentum.columns[7]!; // positive mean (selected by the DSR fixture)
  const f = kellyFraction(r, undefined, 100);
  expect(f).toBeGreaterThan(0);
  const g = (x: number): number => r.reduce((s, v) => s + Math.log(1 + x * v), 0) / r.length;
  expect(g(f)).toBeGreaterThanOrEqual(g(f * 0.98));
  expect(g(f)).toBeGreaterThanOrEqual(g(f * 1.02));
  expect(kellyFraction(r, undefined, 0.5)).toBe(0.5); // capped
  expect(kellyFraction(r.map((v) => -Math.abs(v)))).toBe(0);
  expect(kellyFraction([0.1, 0.2])).toBe(1); // no losing outcome: the cap
});
