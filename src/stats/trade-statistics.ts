/**
 * The "statistics" section of a backtest report, from its closed trades:
 * win rate with its Wilson CI, exact binomial p-values against 0.5 and against the break-even
 * win rate, and seeded bootstrap CIs of win rate, expectancy, Sharpe and max drawdown.
 *
 * Break-even win rate of a trading strategy (not a binary bet) = |avg loss| / (avg win + |avg loss|):
 * the win rate at which expectancy is zero given the observed payoff sizes. Callers with a
 * binary bet pass `breakEven` explicitly (see break-even.ts). Zero-PnL trades count as pushes
 * and are excluded from the win-rate tests, as in the engine's win rate.
 *
 * `statisticsRows` turns the result into label/value rows so text and HTML reports print
 * the same content.
 */
import type { BinomialTestResult } from "./binomial-test.ts";
import { binomialTest } from "./binomial-test.ts";
import type { BootstrapResult, BootstrapCI } from "./bootstrap.ts";
import { bootstrapTrades, tradeReturnsFromPnl } from "./bootstrap.ts";
import type { Interval } from "./intervals.ts";
import { wilsonInterval } from "./intervals.ts";
import { fmtP } from "./win-rate-analysis.ts";

export interface TradeStatisticsOptions {
  /** Capital before the first trade: converts PnL to per-trade returns for Sharpe/drawdown. */
  readonly initialCapital: number;
  /** Break-even win rate; default derived from average win and loss sizes. */
  readonly breakEven?: number;
  readonly confidence?: number;
  readonly resamples?: number;
  readonly seed?: number;
  /** Multiplies per-trade Sharpe by √annualisation (e.g. trades per year). Default 1. */
  readonly annualisation?: number;
}

export interface TradeStatistics {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly pushes: number;
  readonly winRate: number;
  readonly confidence: number;
  readonly wilson: Interval;
  readonly breakEven: number | null;
  readonly breakEvenSource: "payoff" | "given" | null;
  readonly binomialVsHalf: BinomialTestResult | null;
  readonly binomialVsBreakEven: BinomialTestResult | null;
  readonly bootstrap: BootstrapResult | null;
  /** Shortcut to bootstrap.sharpe (per trade unless annualised). */
  readonly bootstrapSharpeCI: BootstrapCI | null;
}

export function tradeStatistics(trades: readonly { readonly pnl: number }[], opts: TradeStatisticsOptions): TradeStatistics {
  const confidence = opts.confidence ?? 0.95;
  const pnl = Float64Array.from(trades, (t) => t.pnl);
  let wins = 0;
  let losses = 0;
  let sumWin = 0;
  let sumLoss = 0;
  for (const p of pnl) {
    if (p > 0) {
      wins++;
      sumWin += p;
    } else if (p < 0) {
      losses++;
      sumLoss -= p;
    }
  }
  const decided = wins + losses;
  let breakEven: number | null = null;
  let breakEvenSource: TradeStatistics["breakEvenSource"] = null;
  if (opts.breakEven !== undefined) {
    breakEven = opts.breakEven;
    breakEvenSource = "given";
  } else if (wins > 0 && losses > 0) {
    const avgWin = sumWin / wins;
    const avgLoss = sumLoss / losses;
    breakEven = avgLoss / (avgWin + avgLoss);
    breakEvenSource = "payoff";
  }
  const vsHalf = decided > 0 ? binomialTest(wins, decided, 0.5, "two-sided") : null;
  const vsBe = decided > 0 && breakEven !== null && breakEven > 0 && breakEven < 1 ? binomialTest(wins, decided, breakEven, "two-sided") : null;
  const bootstrap =
    pnl.length >= 2
      ? bootstrapTrades(
          { pnl, ret: tradeReturnsFromPnl(pnl, opts.initialCapital) },
          { confidence, resamples: opts.resamples ?? 10_000, seed: opts.seed ?? 42, annualisation: opts.annualisation ?? 1 },
        )
      : null;
  return {
    trades: pnl.length,
    wins,
    losses,
    pushes: pnl.length - decided,
    winRate: decided > 0 ? wins / decided : 0,
    confidence,
    wilson: wilsonInterval(wins, decided, confidence),
    breakEven,
    breakEvenSource,
    binomialVsHalf: vsHalf,
    binomialVsBreakEven: vsBe,
    bootstrap,
    bootstrapSharpeCI: bootstrap?.sharpe ?? null,
  };
}

/** Label/value rows for text and HTML reports. */
export function statisticsRows(s: TradeStatistics): [string, string][] {
  const lvl = `${Number((s.confidence * 100).toFixed(2))}%`;
  const ci = (c: BootstrapCI, dp: number, pct = false): string => {
    const f = (x: number): string => (pct ? `${(x * 100).toFixed(dp)}%` : x.toFixed(dp));
    return `${f(c.point)} [${f(c.lower)}, ${f(c.upper)}]`;
  };
  const rows: [string, string][] = [
    ["Trades (wins/losses/pushes)", `${s.trades} (${s.wins}/${s.losses}/${s.pushes})`],
    [`Win rate, ${lvl} Wilson CI`, `${(s.winRate * 100).toFixed(2)}% [${(s.wilson.lower * 100).toFixed(2)}%, ${(s.wilson.upper * 100).toFixed(2)}%]`],
    ["Binomial p vs 0.5", s.binomialVsHalf ? fmtP(s.binomialVsHalf.pValue) : "n/a"],
    [
      `Binomial p vs break-even${s.breakEven !== null ? ` ${(s.breakEven * 100).toFixed(2)}%` : ""}`,
      s.binomialVsBreakEven ? fmtP(s.binomialVsBreakEven.pValue) : "n/a",
    ],
  ];
  const b = s.bootstrap;
  if (b) {
    rows.push([`Bootstrap ${lvl} CI: Sharpe/trade`, ci(b.sharpe, 3)]);
    rows.push([`Bootstrap ${lvl} CI: expectancy`, ci(b.expectancy, 2)]);
    rows.push([`Bootstrap ${lvl} CI: win rate`, ci(b.winRate, 2, true)]);
    rows.push([`Bootstrap ${lvl} CI: max drawdown`, ci(b.maxDrawdown, 2, true)]);
    rows.push(["Bootstrap resamples (seed)", `${b.resamples} (${b.seed})`]);
  }
  return rows;
}
