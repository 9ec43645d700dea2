/**
 * Descriptive statistics on plain number arrays: moments, Sharpe/Sortino, drawdown, percentiles.
 *
 * Conventions (stated once, used everywhere in src/stats):
 * - `mean`, `stdev(x, ddof)`: ddof 1 (sample) unless asked otherwise.
 * - `skewness`, `kurtosis`: population (biased) moments, kurtosis NOT excess (normal = 3), as
 *   scipy.stats.skew / kurtosis(fisher=False) and as the PSR/DSR formulas expect.
 * - `sharpe`: mean / sample σ per period (no risk-free rate), × √periodsPerYear when given;
 *   0 when σ = 0 or fewer than 2 values.
 * - `sortino`: mean / downside deviation, downside deviation = √(Σ min(r,0)² / n).
 * - `percentile`: linear interpolation between order statistics (numpy default, R type 7).
 * - `maxDrawdown`: largest (peak − value)/peak over a positive equity path, as a fraction.
 */

export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  return s / n;
}

export function stdev(x: ArrayLike<number>, ddof = 1): number {
  const n = x.length;
  if (n - ddof <= 0) return NaN;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i]! - m) ** 2;
  return Math.sqrt(ss / (n - ddof));
}

/** Population skewness and (non-excess) kurtosis in one pass over centred values. */
export function moments(x: ArrayLike<number>): { mean: number; skewness: number; kurtosis: number } {
  const n = x.length;
  const m = mean(x);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(m2 > 0)) return { mean: m, skewness: 0, kurtosis: 3 };
  return { mean: m, skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}

export function sharpe(returns: ArrayLike<number>, periodsPerYear = 1): number {
  if (returns.length < 2) return 0;
  const sd = stdev(returns, 1);
  if (!(sd > 0)) return 0;
  return (mean(returns) / sd) * Math.sqrt(periodsPerYear);
}

export function sortino(returns: ArrayLike<number>, periodsPerYear = 1): number {
  const n = returns.length;
  if (n < 2) return 0;
  let dd = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    if (r < 0) dd += r * r;
  }
  const downside = Math.sqrt(dd / n);
  const m = mean(returns);
  if (!(downside > 0)) return m > 0 ? Infinity : 0;
  return (m / downside) * Math.sqrt(periodsPerYear);
}

/** Max drawdown fraction of an equity path (values must be positive). */
export function maxDrawdown(equity: ArrayLike<number>): number {
  let peak = -Infinity;
  let worst = 0;
  for (let i = 0; i < equity.length; i++) {
    const v = equity[i]!;
    if (v > peak) peak = v;
    else if (peak > 0) {
      const dd = (peak - v) / peak;
      if (dd > worst) worst = dd;
    }
  }
  return worst;
}

/** q-th percentile (q in [0, 1]) of an ascending-sorted array, linear interpolation. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Copy sorted ascending (Float64Array sort is numeric). */
export function sortedCopy(x: ArrayLike<number>): Float64Array {
  const a = Float64Array.from(x as ArrayLike<number>);
  a.sort();
  return a;
}

/** Simple returns r_t = v_t / v_{t−1} − 1 of a value path. */
export function simpleReturns(values: ArrayLike<number>): Float64Array {
  const n = Math.max(0, values.length - 1);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i + 1]! / values[i]! - 1;
  return out;
}
