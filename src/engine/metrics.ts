/**
 * Performance metrics of a run (pure functions over the per-bar equity curve and closed trades).
 * Definitions (documented in docs/readme/backtest.md; stable JSON field names):
 *  - per-bar return r_t = E_t / E_{t−1} − 1 for every bar t, with E_{−1} = initial capital
 *    (0 when E_{t−1} ≤ 0); periods per year P = 365.25 × 86 400 000 / intervalMs;
 *  - Sharpe = mean(r) / σ(r) × √P (population σ, no risk-free rate; 0 when σ = 0);
 *  - Sortino = mean(r) / √(mean(min(r, 0)²)) × √P (0 when there is no negative return);
 *  - max drawdown = max (peak − E) / peak with the peak starting at the initial capital; its
 *    duration runs from that peak to the first close at or above it (or to the end of data);
 *    `longestDrawdown*` is the longest spell under any previous peak;
 *  - CAGR = (E_end / capital)^(1 / years) − 1 with years = (last close − first open) / 365.25 d;
 *  - buy & hold = last close / first close − 1;
 *  - win rate = wins / (wins + losses), zero-PnL trades excluded; profit factor = gross profit /
 *    gross loss; expectancy = mean net PnL per closed trade; exposure = bars with a position
 *    open at their close / bars. Undefined values are NaN (null in JSON).
 */
import type { ClosedTrade } from "../core/index.ts";

export const MS_PER_YEAR = 365.25 * 86_400_000;

export interface MetricsInput {
  /** Equity at the close of each bar. */
  readonly equity: Float64Array;
  /** Bar open times (same length as equity). */
  readonly tsEvent: Float64Array;
  readonly intervalMs: number;
  readonly capital: number;
  readonly trades: readonly ClosedTrade[];
  readonly feesPaid: number;
  readonly barsInPosition: number;
  readonly firstClose: number;
  readonly lastClose: number;
}

export interface BacktestMetrics {
  readonly startTime: number;
  readonly endTime: number;
  readonly durationMs: number;
  readonly bars: number;
  readonly initialCapital: number;
  readonly finalEquity: number;
  readonly peakEquity: number;
  readonly netProfit: number;
  readonly totalReturn: number;
  readonly cagr: number;
  readonly buyHoldReturn: number;
  readonly periodsPerYear: number;
  readonly sharpe: number;
  readonly sortino: number;
  readonly maxDrawdown: number;
  readonly maxDrawdownStart: number;
  readonly maxDrawdownDurationMs: number;
  readonly maxDrawdownDurationBars: number;
  readonly longestDrawdownMs: number;
  readonly longestDrawdownBars: number;
  readonly exposure: number;
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: number;
  readonly profitFactor: number;
  readonly expectancy: number;
  readonly averageWin: number;
  readonly averageLoss: number;
  readonly largestWin: number;
  readonly largestLoss: number;
  readonly feesPaid: number;
}

export interface ReturnStats {
  readonly sharpe: number;
  readonly sortino: number;
  readonly mean: number;
  readonly stdev: number;
}

/** Sharpe and Sortino from per-bar returns of an equity curve (see file comment). */
export function returnStats(equity: Float64Array, capital: number, periodsPerYear: number): ReturnStats {
  const n = equity.length;
  if (n === 0) return { sharpe: 0, sortino: 0, mean: 0, stdev: 0 };
  // One pass: Σr, Σr², Σmin(r,0)². Per-bar returns are small, so the textbook variance formula
  // loses nothing measurable here (checked against the two-pass form in metrics.test.ts).
  let sum = 0;
  let sq = 0;
  let down = 0;
  let prev = capital;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    const r = prev > 0 ? e / prev - 1 : 0;
    prev = e;
    // Branch-free downside: the sign of r is a coin flip on real data, and a branch (or Math.min,
    // which JSC compiles with branches) mispredicts: 7× slower. r − |r| is 2r or 0, exactly, and
    // scaling by powers of two is exact, so down/4 is bit-identical to Σ min(r,0)².
    const neg2 = r - Math.abs(r);
    sum += r;
    sq += r * r;
    down += neg2 * neg2;
  }
  const mean = sum / n;
  const variance = Math.max(0, sq / n - mean * mean);
  const stdev = Math.sqrt(variance);
  const dd = Math.sqrt((down * 0.25) / n);
  const k = Math.sqrt(periodsPerYear);
  return { sharpe: stdev > 0 ? (mean / stdev) * k : 0, sortino: dd > 0 ? (mean / dd) * k : 0, mean, stdev };
}

export interface DrawdownStats {
  readonly maxDrawdown: number;
  /** Close time of the peak before the deepest trough (start time when it is the capital). */
  readonly maxDrawdownStart: number;
  readonly maxDrawdownDurationMs: number;
  readonly maxDrawdownDurationBars: number;
  readonly longestDrawdownMs: number;
  readonly longestDrawdownBars: number;
  readonly peakEquity: number;
}

/** Drawdown statistics over an equity curve; times are bar close times (open + interval). */
export function drawdownStats(equity: Float64Array, tsEvent: Float64Array, intervalMs: number, capital: number): DrawdownStats {
  const n = equity.length;
  const start = n > 0 ? tsEvent[0]! : 0;
  const end = n > 0 ? tsEvent[n - 1]! + intervalMs : 0;
  let peak = capital;
  let peakBar = -1; // −1 = the initial capital, "before" bar 0
  let peakTime = start;
  let maxDd = 0;
  let ddPeakBar = -1;
  let ddPeakTime = start;
  let ddRecovered = true;
  let ddEndBar = -1;
  let ddEndTime = start;
  let longestMs = 0;
  let longestBars = 0;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    if (e >= peak) {
      const t = tsEvent[i]! + intervalMs; // read only here: most bars sit below the peak
      if (peakBar < i - 1 && t - peakTime > longestMs) {
        longestMs = t - peakTime;
        longestBars = i - peakBar;
      }
      if (!ddRecovered && ddPeakBar === peakBar) {
        ddRecovered = true;
        ddEndBar = i;
        ddEndTime = t;
      }
      peak = e;
      peakBar = i;
      peakTime = t;
    } else {
      // Cheap multiplication pre-filter (generous by 1e-9) before the exact division below.
      const dd = peak - e > maxDd * peak * (1 - 1e-9) && peak > 0 ? (peak - e) / peak : 0;
      if (dd > maxDd) {
        maxDd = dd;
        ddPeakBar = peakBar;
        ddPeakTime = peakTime;
        ddRecovered = false;
      }
    }
  }
  if (n > 0 && peakBar < n - 1 && end - peakTime > longestMs) {
    longestMs = end - peakTime;
    longestBars = n - 1 - peakBar;
  }
  if (!ddRecovered) {
    ddEndBar = n - 1;
    ddEndTime = end;
  }
  return {
    maxDrawdown: maxDd,
    maxDrawdownStart: ddPeakTime,
    maxDrawdownDurationMs: maxDd > 0 ? ddEndTime - ddPeakTime : 0,
    maxDrawdownDurationBars: maxDd > 0 ? ddEndBar - ddPeakBar : 0,
    longestDrawdownMs: longestMs,
    longestDrawdownBars: longestBars,
    peakEquity: peak,
  };
}

export function computeMetrics(m: MetricsInput): BacktestMetrics {
  const n = m.equity.length;
  const startTime = n > 0 ? m.tsEvent[0]! : 0;
  const endTime = n > 0 ? m.tsEvent[n - 1]! + m.intervalMs : 0;
  const durationMs = endTime - startTime;
  const finalEquity = n > 0 ? m.equity[n - 1]! : m.capital;
  const P = MS_PER_YEAR / m.intervalMs;
  const rs = returnStats(m.equity, m.capital, P);
  const dd = drawdownStats(m.equity, m.tsEvent, m.intervalMs, m.capital);
  const years = durationMs / MS_PER_YEAR;
  const growth = finalEquity / m.capital;
  const cagr = years > 0 ? (growth > 0 ? growth ** (1 / years) - 1 : -1) : Number.NaN;
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let net = 0;
  let largestWin = 0;
  let largestLoss = 0;
  for (const t of m.trades) {
    net += t.pnl;
    if (t.pnl > 0) {
      wins++;
      grossProfit += t.pnl;
      if (t.pnl > largestWin) largestWin = t.pnl;
    } else if (t.pnl < 0) {
      losses++;
      grossLoss -= t.pnl;
      if (t.pnl < largestLoss) largestLoss = t.pnl;
    }
  }
  const decided = wins + losses;
  return {
    startTime,
    endTime,
    durationMs,
    bars: n,
    initialCapital: m.capital,
    finalEquity,
    peakEquity: dd.peakEquity,
    netProfit: finalEquity - m.capital,
    totalReturn: growth - 1,
    cagr,
    buyHoldReturn: m.firstClose > 0 ? m.lastClose / m.firstClose - 1 : Number.NaN,
    periodsPerYear: P,
    sharpe: rs.sharpe,
    sortino: rs.sortino,
    maxDrawdown: dd.maxDrawdown,
    maxDrawdownStart: dd.maxDrawdownStart,
    maxDrawdownDurationMs: dd.maxDrawdownDurationMs,
    maxDrawdownDurationBars: dd.maxDrawdownDurationBars,
    longestDrawdownMs: dd.longestDrawdownMs,
    longestDrawdownBars: dd.longestDrawdownBars,
    exposure: n > 0 ? m.barsInPosition / n : 0,
    trades: m.trades.length,
    wins,
    losses,
    winRate: decided > 0 ? wins / decided : Number.NaN,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : Number.NaN,
    expectancy: m.trades.length > 0 ? net / m.trades.length : Number.NaN,
    averageWin: wins > 0 ? grossProfit / wins : Number.NaN,
    averageLoss: losses > 0 ? -grossLoss / losses : Number.NaN,
    largestWin,
    largestLoss,
    feesPaid: m.feesPaid,
  };
}
