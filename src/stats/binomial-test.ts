/**
 * Exact binomial test of H0: P(win) = p0 given k wins in n trials.
 *
 * Two-sided p-values use the "minimum likelihood" rule of R `binom.test` and scipy `binomtest`:
 * sum the probabilities of every outcome no more likely than the observed one, with the same
 * relative tolerance 1 + 1e-7 so ties are treated identically. One-sided p-values are the plain
 * tails. Everything runs in log space with incomplete-beta tails, so n up to 10^7 costs a few
 * dozen function evaluations (a binary search over the monotone side of the pmf), not O(n).
 */
import { binomialLogPmf, binomialLowerTail, binomialUpperTail } from "./dists.ts";
import { checkInt, checkOneOf, checkRange } from "./validate.ts";

export type Alternative = "two-sided" | "greater" | "less";
export const ALTERNATIVES: readonly Alternative[] = ["two-sided", "greater", "less"];

export interface BinomialTestResult {
  readonly k: number;
  readonly n: number;
  readonly p0: number;
  readonly alternative: Alternative;
  readonly estimate: number;
  readonly pValue: number;
}

const LOG_REL_ERR = Math.log1p(1e-7);

export function binomialTest(k: number, n: number, p0 = 0.5, alternative: Alternative = "two-sided"): BinomialTestResult {
  const fn = "binomialTest";
  checkInt(fn, "n", n, 1);
  checkInt(fn, "k", k, 0, n);
  checkRange(fn, "p0", p0, 0, 1);
  checkOneOf(fn, "alternative", alternative, ALTERNATIVES);
  let pValue: number;
  if (alternative === "greater") pValue = binomialUpperTail(k, n, p0);
  else if (alternative === "less") pValue = binomialLowerTail(k, n, p0);
  else pValue = twoSided(k, n, p0);
  return { k, n, p0, alternative, estimate: k / n, pValue: Math.min(1, Math.max(0, pValue)) };
}

function twoSided(k: number, n: number, p: number): number {
  const mean = n * p;
  if (k === mean) return 1;
  const threshold = binomialLogPmf(k, n, p) + LOG_REL_ERR;
  if (k < mean) {
    // pmf is non-increasing on [ceil(mean), n]: find the first x there with pmf(x) ≤ pmf(k)(1+1e-7).
    const x = firstAtOrBelow(Math.ceil(mean), n, (i) => binomialLogPmf(i, n, p) <= threshold);
    return binomialLowerTail(k, n, p) + (x <= n ? binomialUpperTail(x, n, p) : 0);
  }
  // pmf is non-decreasing on [0, floor(mean)]: find the last x there with pmf(x) ≤ threshold.
  const firstAbove = firstAtOrBelow(0, Math.floor(mean), (i) => !(binomialLogPmf(i, n, p) <= threshold));
  const x = firstAbove - 1;
  return (x >= 0 ? binomialLowerTail(x, n, p) : 0) + binomialUpperTail(k, n, p);
}

/** Smallest i in [lo, hi] with pred(i) true, for a predicate monotone false→true; hi + 1 if none. */
function firstAtOrBelow(lo: number, hi: number, pred: (i: number) => boolean): number {
  let a = lo;
  let b = hi + 1;
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    if (pred(mid)) b = mid;
    else a = mid + 1;
  }
  return a;
}
