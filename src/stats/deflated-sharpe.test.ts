/** PSR/DSR against the paper's worked example and a scipy computation on real BTC daily returns. */
import { expect, test } from "bun:test";
import ref from "./__fixtures__/scipy-reference.json" with { type: "json" };
import { deflatedSharpe, expectedMaxSharpe, probabilisticSharpe } from "./deflated-sharpe.ts";
import { moments, percentileSorted, sharpe } from "./descriptive.ts";

test("Bailey & López de Prado (2014) example: SR* = 0.1132/day, DSR ≈ 0.90", () => {
  const p = ref.paperDsr;
  const srStar = expectedMaxSharpe(p.trials, p.variance);
  expect(srStar).toBeCloseTo(0.1132, 4);
  expect(srStar).toBeCloseTo(p.expectedMaxSharpe, 10);
  const dsr = probabilisticSharpe(p.sharpe, srStar, p.periods, p.skewness, p.kurtosis);
  expect(dsr).toBeCloseTo(0.9004, 3);
  expect(dsr).toBeCloseTo(p.dsr, 9);
});

test("DSR of the best momentum variant on BTC daily returns matches scipy", () => {
  const m = ref.momentum;
  const d = m.dsr;
  const trialSharpes = m.columns.map((c) => sharpe(c));
  trialSharpes.forEach((s, i) => expect(s).toBeCloseTo(d.trialSharpes[i]!, 12));
  const r = deflatedSharpe(m.columns[d.selected]!, trialSharpes);
  expect(r.sharpe).toBeCloseTo(d.sharpe, 12);
  expect(r.skewness).toBeCloseTo(d.skewness, 9);
  expect(r.kurtosis).toBeCloseTo(d.kurtosis, 9);
  expect(r.trialSharpeVariance).toBeCloseTo(d.trialSharpeVariance, 14);
  expect(r.expectedMaxSharpe).toBeCloseTo(d.expectedMaxSharpe, 10);
  expect(r.psr).toBeCloseTo(d.psr, 9);
  expect(r.dsr).toBeCloseTo(d.dsr, 9);
  // Deflation can only lower the probability.
  expect(r.dsr).toBeLessThan(r.psr);
});

test("more trials deflate more; one trial is plain PSR(0)", () => {
  const x = ref.momentum.columns[0]!;
  const m = moments(x);
  const sr = sharpe(x);
  expect(deflatedSharpe(x, [sr]).dsr).toBeCloseTo(probabilisticSharpe(sr, 0, x.length, m.skewness, m.kurtosis), 12);
  let prev = 0;
  for (const n of [2, 10, 100, 1000, 100000]) {
    const s = expectedMaxSharpe(n, 0.01);
    expect(s).toBeGreaterThan(prev);
    prev = s;
  }
  expect(expectedMaxSharpe(1, 0.01)).toBe(0);
  expect(deflatedSharpe(x, [sr, sr + 0.05, sr - 0.05]).dsr).toBeLessThan(deflatedSharpe(x, [sr]).dsr);
});

test("percentile uses numpy's linear interpolation", () => {
  const p = ref.percentile;
  const sorted = Float64Array.from(p.values).sort();
  p.q.forEach((q, i) => expect(percentileSorted(sorted, q)).toBeCloseTo(p.expected[i]!, 12));
});
