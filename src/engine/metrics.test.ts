/**
 * Metrics on a hand-computed series (formulas spelled out here, independent of metrics.ts), and
 * a cross-check of Sharpe/Sortino/drawdown recomputed two-pass from a real backtest's curve.
 */
import { describe, expect, test } from "bun:test";
import type { ClosedTrade } from "../core/index.ts";
import { dataFile } from "../testkit/data-path.ts";
import { readCsvBars, testInstrument } from "../testkit/engine/read-csv-bars.ts";
import { SmaCrossStrategy } from "../testkit/engine/test-strategies.ts";
import { runBacktest } from "./backtest.ts";
import { computeMetrics, drawdownStats, MS_PER_YEAR } from "./metrics.ts";

const DAY = 86_400_000;

function trade(pnl: number): ClosedTrade {
  return { instrumentId: 0, direction: "long", entryTime: 0, exitTime: 0, entryPrice: 1, exitPrice: 1, quantity: 1, pnl, pnlPct: 0, fees: 0, entryBar: 0, exitBar: 0 };
}

describe("metrics on a known series", () => {
  const equity = new Float64Array([10_000, 11_000, 9_900, 9_900, 12_000, 10_200]);
  const ts = new Float64Array([0, 1, 2, 3, 4, 5].map((d) => d * DAY));
  const m = computeMetrics({
    equity,
    tsEvent: ts,
    intervalMs: DAY,
    capital: 10_000,
    trades: [10, -5, 0, 20, -15].map(trade),
    feesPaid: 3.5,
    barsInPosition: 3,
    firstClose: 100,
    lastClose: 150,
  });
  const r = [0, 0.1, 9900 / 11000 - 1, 0, 12000 / 9900 - 1, 10200 / 12000 - 1];
  const mean = r.reduce((a, b) => a + b, 0) / 6;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / 6);
  const down = Math.sqrt(r.reduce((a, b) => a + Math.min(b, 0) ** 2, 0) / 6);

  test("returns, CAGR, buy & hold", () => {
    expect(m.totalReturn).toBeCloseTo(0.02, 12);
    expect(m.durationMs).toBe(6 * DAY);
    expect(m.cagr).toBeCloseTo(1.02 ** (MS_PER_YEAR / (6 * DAY)) - 1, 10);
    expect(m.buyHoldReturn).toBeCloseTo(0.5, 12);
    expect(m.periodsPerYear).toBe(365.25);
  });

  test("Sharpe and Sortino from per-bar returns annualised by the bar interval", () => {
    expect(m.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365.25), 10);
    expect(m.sortino).toBeCloseTo((mean / down) * Math.sqrt(365.25), 10);
  });

  test("max drawdown, its duration and the longest underwater spell", () => {
    expect(m.maxDrawdown).toBeCloseTo(0.15, 12);
    expect(m.maxDrawdownStart).toBe(5 * DAY); // close of bar 4 (the 12 000 peak)
    expect(m.maxDrawdownDurationMs).toBe(DAY); // not recovered: runs to the last close
    expect(m.maxDrawdownDurationBars).toBe(1);
    expect(m.longestDrawdownMs).toBe(3 * DAY); // 11 000 at close of bar 1 → recovered at bar 4
    expect(m.longestDrawdownBars).toBe(3);
    expect(m.peakEquity).toBe(12_000);
  });

  test("trade statistics exclude zero-PnL trades from the win rate", () => {
    expect([m.trades, m.wins, m.losses]).toEqual([5, 2, 2]);
    expect(m.winRate).toBe(0.5);
    expect(m.profitFactor).toBeCloseTo(1.5, 12);
    expect(m.expectancy).toBeCloseTo(2, 12);
    expect(m.averageWin).toBe(15);
    expect(m.averageLoss).toBe(-10);
    expect([m.largestWin, m.largestLoss]).toEqual([20, -15]);
    expect(m.exposure).toBe(0.5);
    expect(m.feesPaid).toBe(3.5);
  });

  test("undefined ratios are NaN, flat curves have zero risk ratios", () => {
    const flat = computeMetrics({ equity: new Float64Array([1, 1, 1]), tsEvent: new Float64Array([0, 1, 2]), intervalMs: 1, capital: 1, trades: [], feesPaid: 0, barsInPosition: 0, firstClose: 1, lastClose: 1 });
    expect(flat.sharpe).toBe(0);
    expect(flat.sortino).toBe(0);
    expect(flat.maxDrawdown).toBe(0);
    expect(Number.isNaN(flat.winRate)).toBe(true);
    expect(Number.isNaN(flat.profitFactor)).toBe(true);
    expect(Number.isNaN(flat.expectancy)).toBe(true);
  });

  test("a drawdown that recovers ends at the first close back at the peak", () => {
    const d = drawdownStats(new Float64Array([100, 90, 95, 100, 101]), new Float64Array([0, 1, 2, 3, 4]), 1, 100);
    expect(d.maxDrawdown).toBeCloseTo(0.1, 12);
    expect(d.maxDrawdownStart).toBe(1); // close of bar 0
    expect(d.maxDrawdownDurationMs).toBe(3); // recovered at close of bar 3 (t = 4)
    expect(d.maxDrawdownDurationBars).toBe(3);
  });
});

describe("metrics of a real backtest agree with a two-pass recomputation", () => {
  const s = readCsvBars(dataFile("binance_spot_ETHUSDT_1h_2017-08_2026-05.csv.gz"), { limit: 20_000 }).series;
  const r = runBacktest(s, testInstrument("ETHUSDT", "0.01", "0.0001"), new SmaCrossStrategy(10, 30));
  const m = r.metrics;

  test("Sharpe, Sortino and max drawdown", () => {
    const n = r.equity.length;
    const ret: number[] = [];
    let prev = 10_000;
    for (let i = 0; i < n; i++) {
      ret.push(r.equity[i]! / prev - 1);
      prev = r.equity[i]!;
    }
    const mean = ret.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(ret.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    const down = Math.sqrt(ret.reduce((a, b) => a + Math.min(0, b) ** 2, 0) / n);
    const k = Math.sqrt((365.25 * 24 * 3600_000) / 3600_000);
    expect(m.sharpe).toBeCloseTo((mean / sd) * k, 8);
    expect(m.sortino).toBeCloseTo((mean / down) * k, 8);
    let peak = 10_000;
    let mdd = 0;
    for (const e of r.equity) {
      peak = Math.max(peak, e);
      mdd = Math.max(mdd, (peak - e) / peak);
    }
    expect(m.maxDrawdown).toBeCloseTo(mdd, 12);
  });

  test("counts and sums match the fills and trades", () => {
    expect(m.trades).toBe(r.trades.length);
    expect(m.trades).toBeGreaterThan(100);
    expect(m.feesPaid).toBeCloseTo(r.fills.reduce((a, f) => a + f.commission, 0), 6);
    expect(m.finalEquity).toBeCloseTo(Number(r.finalEquityExact) / 1e12, 6);
    expect(m.exposure).toBeGreaterThan(0.9);
    expect(m.exposure).toBeLessThanOrEqual(1);
  });
});
