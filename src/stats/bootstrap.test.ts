/** Seeded bootstrap: reproducible, point estimates exact, CIs behave; data = real BTC daily strategy returns. */
import { expect, test } from "bun:test";
import ref from "./__fixtures__/scipy-reference.json" with { type: "json" };
import { bootstrapTrades, tradeReturnsFromPnl } from "./bootstrap.ts";
import { maxDrawdown, sharpe } from "./descriptive.ts";

const ret = Float64Array.from(ref.momentum.columns[7]!.slice(0, 1000));
const pnl = ret.map((r) => r * 10_000);

test("same seed, same result; different seed, different draws", () => {
  const a = bootstrapTrades({ pnl, ret }, { resamples: 500, seed: 7 });
  const b = bootstrapTrades({ pnl, ret }, { resamples: 500, seed: 7 });
  const c = bootstrapTrades({ pnl, ret }, { resamples: 500, seed: 8 });
  expect(a).toEqual(b);
  expect(c.sharpe.lower).not.toBe(a.sharpe.lower);
});

test("point estimates equal the direct statistics", () => {
  const r = bootstrapTrades({ pnl, ret }, { resamples: 200 });
  const wins = ret.filter((x) => x > 0).length;
  const losses = ret.filter((x) => x < 0).length;
  expect(r.winRate.point).toBeCloseTo(wins / (wins + losses), 14);
  expect(r.expectancy.point).toBeCloseTo(pnl.reduce((s, x) => s + x, 0) / pnl.length, 9);
  expect(r.sharpe.point).toBeCloseTo(sharpe(ret), 10);
  let eq = 1;
  const path = [1, ...Array.from(ret, (x) => (eq *= 1 + x))];
  expect(r.maxDrawdown.point).toBeCloseTo(maxDrawdown(path), 12);
});

test("CIs contain the point estimate, are ordered, and narrow with confidence", () => {
  const r95 = bootstrapTrades({ pnl, ret }, { resamples: 2000, seed: 1 });
  const r80 = bootstrapTrades({ pnl, ret }, { resamples: 2000, seed: 1, confidence: 0.8 });
  for (const k of ["winRate", "expectancy", "sharpe", "maxDrawdown"] as const) {
    const c = r95[k];
    expect(c.lower).toBeLessThanOrEqual(c.upper);
    expect(c.lower).toBeLessThanOrEqual(c.point);
    expect(c.upper).toBeGreaterThanOrEqual(c.point * (k === "maxDrawdown" ? 0.5 : 1));
    expect(r80[k].upper - r80[k].lower).toBeLessThan(c.upper - c.lower);
    expect(c.se).toBeGreaterThan(0);
  }
  // Standard error of the mean ≈ σ/√n for expectancy.
  const sd = Math.sqrt(pnl.reduce((s, x) => s + (x - r95.expectancy.point) ** 2, 0) / (pnl.length - 1));
  expect(r95.expectancy.se / (sd / Math.sqrt(pnl.length))).toBeGreaterThan(0.9);
  expect(r95.expectancy.se / (sd / Math.sqrt(pnl.length))).toBeLessThan(1.1);
  // Annualisation scales Sharpe by √k.
  const ann = bootstrapTrades({ pnl, ret }, { resamples: 200, annualisation: 365 });
  expect(ann.sharpe.point).toBeCloseTo(r95.sharpe.point * Math.sqrt(365), 10);
});

test("returns from PnL use the equity before each trade", () => {
  expect(Array.from(tradeReturnsFromPnl([100, -55, 0], 1000))).toEqual([0.1, -0.05, 0]);
  expect(() => bootstrapTrades({ pnl: [], ret: [] })).toThrow(/trades must be an integer in \[1/);
});
