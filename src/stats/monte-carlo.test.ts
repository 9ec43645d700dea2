/** Monte Carlo bankroll paths: seeded, analytically checkable means, ruin/profit/double definitions. */
import { expect, test } from "bun:test";
import ref from "./__fixtures__/scipy-reference.json" with { type: "json" };
import { monteCarlo } from "./monte-carlo.ts";
import { binaryKelly } from "./kelly.ts";

test("fixed stakes: mean final equity ≈ bankroll + bets × stake × EV (binary bet, no ruin possible)", () => {
  const p = 0.55;
  const c = 0.5;
  const r = monteCarlo({ kind: "binary", winProb: p, price: c }, { kind: "fixed", amount: 10 }, { simulations: 20_000, bets: 100, bankroll: 10_000, seed: 3 });
  const ev = p * 1 - (1 - p); // per unit stake at c = 0.5
  const expected = 10_000 + 100 * 10 * ev;
  const sd = Math.sqrt(100) * 10 * Math.sqrt(1 - ev * ev); // per-path σ
  expect(Math.abs(r.final.mean - expected)).toBeLessThan((4 * sd) / Math.sqrt(20_000));
  expect(r.probRuin).toBe(0);
  expect(r.bands[0]).toEqual({ step: 0, p5: 10_000, p25: 10_000, p50: 10_000, p75: 10_000, p95: 10_000 });
  expect(r.bands[r.bands.length - 1]!.step).toBe(100);
});

test("reproducible by seed; certain win and certain loss", () => {
  const m = { kind: "binary", winProb: 0.6, price: 0.5 } as const;
  const s = { kind: "kelly", multiplier: 0.5 } as const;
  expect(monteCarlo(m, s, { simulations: 500, seed: 9 })).toEqual(monteCarlo(m, s, { simulations: 500, seed: 9 }));
  const win = monteCarlo({ kind: "binary", winProb: 1, price: 0.5 }, { kind: "fraction", fraction: 0.1 }, { simulations: 10, bets: 10, bankroll: 100 });
  expect(win.probProfit).toBe(1);
  expect(win.final.median).toBeCloseTo(100 * 1.1 ** 10, 9);
  expect(win.probDouble).toBe(1);
  const lose = monteCarlo({ kind: "binary", winProb: 0, price: 0.5 }, { kind: "fixed", amount: 100 }, { simulations: 10, bets: 20, bankroll: 1000, ruinFraction: 0.1 });
  expect(lose.probRuin).toBe(1);
  expect(lose.final.median).toBe(100); // stops betting at the ruin level (10% of 1000)
});

test("Kelly sizing uses the Kelly fraction × multiplier; over-betting raises ruin", () => {
  const m = { kind: "binary", winProb: 0.55, price: 0.5 } as const;
  const half = monteCarlo(m, { kind: "kelly", multiplier: 0.5 }, { simulations: 4000, bets: 300, seed: 1 });
  expect(half.kellyFull).toBeCloseTo(binaryKelly(0.55, 0.5), 12);
  expect(half.stakeFraction).toBeCloseTo(0.05, 12);
  const quad = monteCarlo(m, { kind: "kelly", multiplier: 4 }, { simulations: 4000, bets: 300, seed: 1 });
  expect(quad.probRuin).toBeGreaterThan(half.probRuin);
  expect(half.final.median).toBeGreaterThan(quad.final.median);
});

test("empirical returns from real BTC strategy days", () => {
  const r = monteCarlo({ kind: "empirical", returns: ref.momentum.columns[7]! }, { kind: "fraction", fraction: 1 }, { simulations: 2000, bets: 365, seed: 5 });
  expect(r.probProfit).toBeGreaterThan(0.5);
  for (const b of r.bands) {
    expect(b.p5).toBeLessThanOrEqual(b.p25);
    expect(b.p25).toBeLessThanOrEqual(b.p50);
    expect(b.p50).toBeLessThanOrEqual(b.p75);
    expect(b.p75).toBeLessThanOrEqual(b.p95);
  }
  expect(r.maxDrawdown.p95).toBeGreaterThanOrEqual(r.maxDrawdown.median);
  expect(() => monteCarlo({ kind: "empirical", returns: [0.1, NaN] }, { kind: "fixed", amount: 1 })).toThrow(/return #2/);
});
