/**
 * Confidence intervals for a binomial proportion (win rate).
 *
 * - Wilson score interval (no continuity correction), as scipy `BinomTestResult.proportion_ci(
 *   method="wilson")`: centre (p̂ + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p̂(1−p̂)/n + z²/4n²).
 * - Clopper–Pearson "exact" interval from beta quantiles, as scipy method="exact" and R binom.test.
 *
 * Sidedness follows the test alternative, exactly as scipy does: two-sided uses z = Φ⁻¹(1 − α/2);
 * "greater" gives [lower, 1] and "less" gives [0, upper], each with z = Φ⁻¹(confidence).
 * Bounds are clamped to [0, 1]; n = 0 has no information and yields [0, 1].
 */
import type { Alternative } from "./binomial-test.ts";
import { ALTERNATIVES } from "./binomial-test.ts";
import { betaQuantile, normalQuantile } from "./dists.ts";
import { checkInt, checkOneOf, checkRange } from "./validate.ts";

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

function check(fn: string, k: number, n: number, confidence: number, alternative: Alternative): void {
  checkInt(fn, "n", n, 0);
  checkInt(fn, "k", k, 0, n);
  checkRange(fn, "confidence", confidence, 0, 1);
  checkOneOf(fn, "alternative", alternative, ALTERNATIVES);
}

export function wilsonInterval(k: number, n: number, confidence = 0.95, alternative: Alternative = "two-sided"): Interval {
  check("wilsonInterval", k, n, confidence, alternative);
  if (n === 0) return { lower: 0, upper: 1 };
  const z = alternative === "two-sided" ? normalQuantile(0.5 + confidence / 2) : normalQuantile(confidence);
  const p = k / n;
  const z2n = (z * z) / n;
  const t = 1 + z2n;
  const centre = (p + z2n / 2) / t;
  const half = (z / t) * Math.sqrt((p * (1 - p)) / n + (z / (2 * n)) ** 2);
  let lower = k === 0 ? 0 : clamp01(centre - half);
  let upper = k === n ? 1 : clamp01(centre + half);
  if (alternative === "less") lower = 0;
  if (alternative === "greater") upper = 1;
  return { lower, upper };
}

export function clopperPearsonInterval(k: number, n: number, confidence = 0.95, alternative: Alternative = "two-sided"): Interval {
  check("clopperPearsonInterval", k, n, confidence, alternative);
  if (n === 0) return { lower: 0, upper: 1 };
  const alpha = alternative === "two-sided" ? (1 - confidence) / 2 : 1 - confidence;
  const lower = alternative === "less" || k === 0 ? 0 : betaQuantile(alpha, k, n - k + 1);
  const upper = alternative === "greater" || k === n ? 1 : betaQuantile(alpha, k + 1, n - k, true);
  return { lower: clamp01(lower), upper: clamp01(upper) };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
