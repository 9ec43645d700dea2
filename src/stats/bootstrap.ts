/**
 * Seeded percentile bootstrap of trade statistics: win rate, expectancy, Sharpe and max drawdown.
 *
 * Each resample draws n trades with replacement (SeededRng, so a seed reproduces the run bit for
 * bit) in draw order, and computes all four statistics in one pass:
 * - win rate = wins / (wins + losses), zero-PnL trades excluded (as the engine metrics do);
 * - expectancy = mean PnL per trade (quote currency);
 * - Sharpe = mean(ret) / sample σ(ret) per trade, × √annualisation when given;
 * - max drawdown of the compounded path ∏(1 + ret), as a fraction (order matters, which is
 *   exactly why resampling the order gives its distribution).
 * The CI is the percentile interval (linear interpolation); SE = sample σ of the bootstrap
 * distribution; bias = bootstrap mean − point estimate. `excludesZero` flags CIs not containing 0.
 */
import { SeededRng } from "../core/index.ts";
import { percentileSorted, stdev } from "./descriptive.ts";
import { checkInt, checkRange } from "./validate.ts";

export interface TradeSeries {
  /** PnL of each trade in quote currency (net of fees). */
  readonly pnl: ArrayLike<number>;
  /** Return of each trade as a fraction of the equity before it. */
  readonly ret: ArrayLike<number>;
}

export interface BootstrapOptions {
  readonly resamples?: number;
  readonly seed?: number;
  readonly confidence?: number;
  /** Multiply the per-trade Sharpe by √annualisation (e.g. trades per year); default 1. */
  readonly annualisation?: number;
}

export interface BootstrapCI {
  readonly point: number;
  readonly lower: number;
  readonly upper: number;
  readonly mean: number;
  readonly se: number;
  readonly bias: number;
  readonly excludesZero: boolean;
}

export interface BootstrapResult {
  readonly resamples: number;
  readonly seed: number;
  readonly confidence: number;
  readonly trades: number;
  readonly winRate: BootstrapCI;
  readonly expectancy: BootstrapCI;
  readonly sharpe: BootstrapCI;
  readonly maxDrawdown: BootstrapCI;
}

/** ret_i = pnl_i / equity before trade i, with equity = capital + cumulative PnL. */
export function tradeReturnsFromPnl(pnl: ArrayLike<number>, initialCapital: number): Float64Array {
  checkRange("tradeReturnsFromPnl", "initialCapital", initialCapital, 0, Infinity);
  const out = new Float64Array(pnl.length);
  let eq = initialCapital;
  for (let i = 0; i < pnl.length; i++) {
    out[i] = eq > 0 ? pnl[i]! / eq : 0;
    eq += pnl[i]!;
  }
  return out;
}

interface Stats4 {
  winRate: number;
  expectancy: number;
  sharpe: number;
  maxDrawdown: number;
}

/**
 * The four statistics of a trade sequence given as index list into the series (or identity).
 * `sign` holds +1/−1/0 per trade (PnL sign), so counting wins and losses is branch-free: the
 * sign of a resampled trade is a coin flip, and a branch on it mispredicts half the time.
 */
function stats(pnl: ArrayLike<number>, ret: ArrayLike<number>, sign: Int8Array, idx: Int32Array | null, n: number, ann: number): Stats4 {
  let signSum = 0;
  let decided = 0;
  let sumP = 0;
  let sumR = 0;
  let sumR2 = 0;
  let eq = 1;
  let peak = 1;
  let mdd = 0;
  for (let j = 0; j < n; j++) {
    const i = idx ? idx[j]! : j;
    const p = pnl[i]!;
    const r = ret[i]!;
    const g = sign[i]!;
    signSum += g;
    decided += g * g;
    sumP += p;
    sumR += r;
    sumR2 += r * r;
    eq *= 1 + r;
    if (eq > peak) peak = eq;
    // The exact division only when the multiplication (generous by 1e-9) says it may set a new max.
    else if (peak - eq > mdd * peak * (1 - 1e-9)) {
      const dd = (peak - eq) / peak;
      if (dd > mdd) mdd = dd;
    }
  }
  const wins = (decided + signSum) / 2;
  const losses = (decided - signSum) / 2;
  const m = sumR / n;
  const v = n > 1 ? (sumR2 - n * m * m) / (n - 1) : 0;
  const sd = v > 0 ? Math.sqrt(v) : 0;
  return {
    winRate: wins + losses > 0 ? wins / (wins + losses) : 0,
    expectancy: sumP / n,
    sharpe: sd > 0 ? (m / sd) * Math.sqrt(ann) : 0,
    maxDrawdown: Math.min(1, mdd),
  };
}

export function bootstrapTrades(trades: TradeSeries, opts: BootstrapOptions = {}): BootstrapResult {
  const fn = "bootstrapTrades";
  const n = trades.pnl.length;
  const resamples = opts.resamples ?? 10_000;
  const seed = opts.seed ?? 42;
  const confidence = opts.confidence ?? 0.95;
  const ann = opts.annualisation ?? 1;
  checkInt(fn, "trades", n, 1);
  if (trades.ret.length !== n) checkInt(fn, "ret length", trades.ret.length, n, n);
  checkInt(fn, "resamples", resamples, 10, 10_000_000);
  checkRange(fn, "confidence", confidence, 0, 1);
  checkRange(fn, "annualisation", ann, 0, Infinity);
  const sign = new Int8Array(n);
  for (let i = 0; i < n; i++) sign[i] = Math.sign(trades.pnl[i]!);
  const point = stats(trades.pnl, trades.ret, sign, null, n, ann);
  const dist = { winRate: new Float64Array(resamples), expectancy: new Float64Array(resamples), sharpe: new Float64Array(resamples), maxDrawdown: new Float64Array(resamples) };
  const rng = new SeededRng(seed);
  const idx = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let j = 0; j < n; j++) idx[j] = rng.int(n);
    const s = stats(trades.pnl, trades.ret, sign, idx, n, ann);
    dist.winRate[b] = s.winRate;
    dist.expectancy[b] = s.expectancy;
    dist.sharpe[b] = s.sharpe;
    dist.maxDrawdown[b] = s.maxDrawdown;
  }
  const alpha = 1 - confidence;
  const ci = (pt: number, d: Float64Array): BootstrapCI => {
    const m = d.reduce((a, x) => a + x, 0) / d.length;
    const se = stdev(d, 1);
    d.sort();
    const lower = percentileSorted(d, alpha / 2);
    const upper = percentileSorted(d, 1 - alpha / 2);
    return { point: pt, lower, upper, mean: m, se, bias: m - pt, excludesZero: lower > 0 || upper < 0 };
  };
  return {
    resamples,
    seed,
    confidence,
    trades: n,
    winRate: ci(point.winRate, dist.winRate),
    expectancy: ci(point.expectancy, dist.expectancy),
    sharpe: ci(point.sharpe, dist.sharpe),
    maxDrawdown: ci(point.maxDrawdown, dist.maxDrawdown),
  };
}

