/**
 * Probability of Backtest Overfitting by Combinatorially Symmetric Cross-Validation
 * (Bailey, Borwein, López de Prado & Zhu, 2015).
 *
 * Input: a T × N matrix of per-period returns (row t, column n = configuration n), given as N
 * columns. Rows are cut into S contiguous blocks (S even; block edges at round(i·T/S)). For every
 * one of the C(S, S/2) ways to pick S/2 blocks as in-sample (the rest out-of-sample):
 *   n*  = configuration with the best in-sample Sharpe (ties: lowest index, so deterministic);
 *   ω̄  = rank of n* out-of-sample among the N configurations / (N + 1)  (rank 1 = worst, ties
 *         take the average rank);
 *   λ   = ln(ω̄ / (1 − ω̄)).
 * PBO = share of splits with λ ≤ 0, i.e. the in-sample winner ranks at or below the OOS median.
 * Also reported: probability that n* loses out of sample (OOS Sharpe < 0) and the OLS slope of
 * OOS Sharpe on IS Sharpe of n* across splits (performance degradation; negative is bad).
 * Sums per block are precomputed, so each split costs O(S·N).
 */
import { UsageError } from "../core/index.ts";
import { checkInt } from "./validate.ts";

export interface PboOptions {
  /** Number of blocks S (even, ≥ 2); default 16 (12,870 splits). */
  readonly splits?: number;
}

export interface PboResult {
  readonly pbo: number;
  readonly splits: number;
  readonly combinations: number;
  readonly configurations: number;
  readonly periods: number;
  readonly probOosLoss: number;
  readonly degradationSlope: number;
  /** λ quartiles (median > 0 is good). */
  readonly logitQuartiles: readonly [number, number, number];
}

export function combinations(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

export function probabilityOfBacktestOverfitting(columns: readonly ArrayLike<number>[], opts: PboOptions = {}): PboResult {
  const fn = "probabilityOfBacktestOverfitting";
  const S = opts.splits ?? 16;
  const N = columns.length;
  checkInt(fn, "configurations", N, 2);
  checkInt(fn, "splits", S, 2, 24);
  if (S % 2 !== 0) throw new UsageError(`${fn}: splits must be even, got ${S}`, { field: "splits" });
  const T = columns[0]!.length;
  for (let j = 1; j < N; j++) {
    if (columns[j]!.length !== T) throw new UsageError(`${fn}: column ${j} has ${columns[j]!.length} rows, expected ${T}`, { field: "columns" });
  }
  if (T < 2 * S) throw new UsageError(`${fn}: need at least ${2 * S} periods for ${S} splits, got ${T}`, { field: "periods" });
  // Per-block count, sum and sum of squares for each configuration.
  const cnt = new Float64Array(S);
  const sum = new Float64Array(S * N);
  const sq = new Float64Array(S * N);
  for (let b = 0; b < S; b++) {
    const from = Math.round((b * T) / S);
    const to = Math.round(((b + 1) * T) / S);
    cnt[b] = to - from;
    for (let j = 0; j < N; j++) {
      const col = columns[j]!;
      let s = 0;
      let s2 = 0;
      for (let t = from; t < to; t++) {
        const r = col[t]!;
        s += r;
        s2 += r * r;
      }
      sum[b * N + j] = s;
      sq[b * N + j] = s2;
    }
  }
  const totCnt = cnt.reduce((a, x) => a + x, 0);
  const totSum = new Float64Array(N);
  const totSq = new Float64Array(N);
  for (let b = 0; b < S; b++) {
    for (let j = 0; j < N; j++) {
      totSum[j]! += sum[b * N + j]!;
      totSq[j]! += sq[b * N + j]!;
    }
  }
  const sr = (s: number, s2: number, n: number): number => {
    const m = s / n;
    const v = (s2 - n * m * m) / (n - 1);
    return v > 0 ? m / Math.sqrt(v) : 0;
  };
  const half = S / 2;
  const choose = new Int32Array(half);
  for (let i = 0; i < half; i++) choose[i] = i;
  const isSum = new Float64Array(N);
  const isSq = new Float64Array(N);
  const oos = new Float64Array(N);
  const logits: number[] = [];
  const isBest: number[] = [];
  const oosBest: number[] = [];
  let below = 0;
  let losses = 0;
  for (;;) {
    isSum.fill(0);
    isSq.fill(0);
    let isCnt = 0;
    for (let i = 0; i < half; i++) {
      const b = choose[i]!;
      isCnt += cnt[b]!;
      for (let j = 0; j < N; j++) {
        isSum[j]! += sum[b * N + j]!;
        isSq[j]! += sq[b * N + j]!;
      }
    }
    let best = 0;
    let bestSr = -Infinity;
    for (let j = 0; j < N; j++) {
      const s = sr(isSum[j]!, isSq[j]!, isCnt);
      if (s > bestSr) {
        bestSr = s;
        best = j;
      }
      oos[j] = sr(totSum[j]! - isSum[j]!, totSq[j]! - isSq[j]!, totCnt - isCnt);
    }
    const target = oos[best]!;
    let less = 0;
    let equal = 0;
    for (let j = 0; j < N; j++) {
      if (oos[j]! < target) less++;
      else if (oos[j]! === target) equal++;
    }
    const rank = less + (equal + 1) / 2; // average rank, 1-based
    const omega = rank / (N + 1);
    const lambda = Math.log(omega / (1 - omega));
    logits.push(lambda);
    if (lambda <= 0) below++;
    if (target < 0) losses++;
    isBest.push(bestSr);
    oosBest.push(target);
    if (!nextCombination(choose, S)) break;
  }
  const C = logits.length;
  logits.sort((a, b) => a - b);
  const q = (p: number): number => {
    const h = (C - 1) * p;
    const lo = Math.floor(h);
    return logits[lo]! + (h - lo) * (logits[Math.min(C - 1, lo + 1)]! - logits[lo]!);
  };
  return {
    pbo: below / C,
    splits: S,
    combinations: C,
    configurations: N,
    periods: T,
    probOosLoss: losses / C,
    degradationSlope: olsSlope(isBest, oosBest),
    logitQuartiles: [q(0.25), q(0.5), q(0.75)],
  };
}

/** Advances `c` (strictly increasing indices in [0, n)) to the next k-combination in lexicographic order. */
function nextCombination(c: Int32Array, n: number): boolean {
  const k = c.length;
  let i = k - 1;
  while (i >= 0 && c[i] === n - k + i) i--;
  if (i < 0) return false;
  c[i]!++;
  for (let j = i + 1; j < k; j++) c[j] = c[j - 1]! + 1;
  return true;
}

function olsSlope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}
