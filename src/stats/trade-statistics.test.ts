/** The backtest-report statistics section, from real BTC strategy returns turned into trades. */
import { expect, test } from "bun:test";
import ref from "./__fixtures__/scipy-reference.json" with { type: "json" };
import { tradeStatistics, statisticsRows } from "./trade-statistics.ts";
import { binomialTest } from "./binomial-test.ts";

const trades = ref.momentum.columns[7]!.slice(0, 400).map((r) => ({ pnl: Math.round(r * 1e6) / 100 }));

test("counts, Wilson CI, p-values vs 0.5 and vs payoff break-even, bootstrap Sharpe CI", () => {
  const s = tradeStatistics(trades, { initialCapital: 10_000, resamples: 1000 });
  const wins = trades.filter((t) => t.pnl > 0);
  const losses = trades.filter((t) => t.pnl < 0);
  expect(s.wins).toBe(wins.length);
  expect(s.losses).toBe(losses.length);
  expect(s.pushes).toBe(trades.length - wins.length - losses.length);
  expect(s.wilson.lower).toBeLessThan(s.winRate);
  expect(s.binomialVsHalf!.pValue).toBe(binomialTest(s.wins, s.wins + s.losses, 0.5).pValue);
  const avgWin = wins.reduce((a, t) => a + t.pnl, 0) / wins.length;
  const avgLoss = -losses.reduce((a, t) => a + t.pnl, 0) / losses.length;
  expect(s.breakEven).toBeCloseTo(avgLoss / (avgWin + avgLoss), 12);
  expect(s.breakEvenSource).toBe("payoff");
  expect(s.binomialVsBreakEven!.p0).toBe(s.breakEven!);
  expect(s.bootstrapSharpeCI).toEqual(s.bootstrap!.sharpe);
  const rows = statisticsRows(s);
  expect(rows.map((r) => r[0])).toContain("Binomial p vs 0.5");
  expect(rows.find((r) => r[0].startsWith("Bootstrap 95% CI: Sharpe"))![1]).toMatch(/^-?\d+\.\d{3} \[-?\d+\.\d{3}, -?\d+\.\d{3}\]$/);
});

test("explicit break-even (binary bets) and degenerate inputs", () => {
  const s = tradeStatistics(trades, { initialCapital: 10_000, breakEven: 0.53, resamples: 100 });
  expect(s.breakEvenSource).toBe("given");
  expect(s.binomialVsBreakEven!.p0).toBe(0.53);
  const none = tradeStatistics([], { initialCapital: 10_000 });
  expect(none.trades).toBe(0);
  expect(none.bootstrap).toBeNull();
  expect(none.binomialVsHalf).toBeNull();
  const one = tradeStatistics([{ pnl: 5 }], { initialCapital: 100 });
  expect(one.breakEven).toBeNull();
  expect(one.winRate).toBe(1);
});
