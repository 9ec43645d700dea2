/**
 * Exact distribution functions used by the statistics library, as thin typed wrappers over
 * @stdlib ports of Boost/Cephes numerics (regularised incomplete beta, beta quantile, normal
 * cdf/quantile, binomial log-pmf). We never compute an upper tail as 1 − cdf: both binomial
 * tails come straight from the incomplete beta function, so tiny p-values keep full relative
 * precision for n up to 10^7 and beyond.
 */
import betainc from "@stdlib/math-base-special-betainc";
import betaQuantileFn from "@stdlib/stats-base-dists-beta-quantile";
import binomialLogPmfFn from "@stdlib/stats-base-dists-binomial-logpmf";
import normalCdfFn from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantileFn from "@stdlib/stats-base-dists-normal-quantile";

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return normalCdfFn(x, 0, 1);
}

/** Standard normal quantile Φ⁻¹(p), p in (0, 1). */
export function normalQuantile(p: number): number {
  return normalQuantileFn(p, 0, 1);
}

/**
 * Quantile of Beta(a, b): x with I_x(a, b) = p, or with 1 − I_x(a, b) = p when `upper` (so
 * upper-tail quantiles keep relative precision). The @stdlib estimate is only good to ~1e-7
 * relative for extreme shapes (a ≪ b = 10^7), so it is polished by bisection on the exact
 * incomplete beta until the bracket is one ulp wide.
 */
export function betaQuantile(p: number, a: number, b: number, upper = false): number {
  if (p <= 0) return upper ? 1 : 0;
  if (p >= 1) return upper ? 0 : 1;
  // g(x) increases with x; we want g(x) = 0.
  const g = (x: number): number => (upper ? p - betainc(x, a, b, true, true) : betainc(x, a, b, true, false) - p);
  const x0 = betaQuantileFn(upper ? 1 - p : p, a, b);
  let lo = 0;
  let hi = 1;
  if (x0 > 0 && x0 < 1) {
    // Grow a bracket around the estimate geometrically (it is usually within 1e-6 relative).
    for (let w = 1e-9; w < 1; w *= 16) {
      const l = Math.max(0, x0 * (1 - w));
      const h = Math.min(1, x0 * (1 + w));
      if (g(l) <= 0 && g(h) >= 0) {
        lo = l;
        hi = h;
        break;
      }
    }
  }
  for (let i = 0; i < 200; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return g(lo) === 0 ? lo : hi - lo < Number.EPSILON * hi ? (Math.abs(g(lo)) < Math.abs(g(hi)) ? lo : hi) : lo + (hi - lo) / 2;
}

/** Natural log of the Binomial(n, p) probability mass at k (−∞ outside [0, n]). */
export function binomialLogPmf(k: number, n: number, p: number): number {
  return binomialLogPmfFn(k, n, p);
}

/** P(X ≤ k) for X ~ Binomial(n, p) = I_{1−p}(n − k, k + 1), computed as an upper beta tail. */
export function binomialLowerTail(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return betainc(p, k + 1, n - k, true, true);
}

/** P(X ≥ k) for X ~ Binomial(n, p) = I_p(k, n − k + 1). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  return betainc(p, k, n - k + 1, true, false);
}
