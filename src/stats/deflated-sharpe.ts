/**
 * Probabilistic and Deflated Sharpe Ratio (Bailey & López de Prado, 2012/2014).
 *
 * All Sharpe ratios here are per period (NOT annualised), γ3 = skewness, γ4 = kurtosis (normal = 3):
 *   PSR(SR*) = Φ( (SR − SR*)·√(T − 1) / √(1 − γ3·SR + (γ4 − 1)/4·SR²) )
 *   SR*      = √V[SR_n] · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)))   (expected max of N trials)
 *   DSR      = PSR(SR*)
 * γ = Euler–Mascheroni constant, N = number of configurations tried, V[SR_n] = variance of their
 * Sharpe ratios. DSR is the probability that the true Sharpe exceeds what the best of N
 * unskilled trials would show; with N = 1 it reduces to PSR(0).
 * Paper check: SR 2.5 annualised on 1250 daily returns, N = 100, V = 0.5/250, γ3 = −3, γ4 = 10
 * gives SR* = 0.1132 per day and DSR ≈ 0.90 (see deflated-sharpe.test.ts).
 */
import { moments, sharpe } from "./descriptive.ts";
import { normalCdf, normalQuantile } from "./dists.ts";
import { checkInt } from "./validate.ts";

export const EULER_GAMMA = 0.5772156649015329;

export function probabilisticSharpe(sr: number, benchmark: number, periods: number, skewness: number, kurtosis: number): number {
  const denom = 1 - skewness * sr + ((kurtosis - 1) / 4) * sr * sr;
  if (!(denom > 0) || periods < 2) return NaN;
  return normalCdf(((sr - benchmark) * Math.sqrt(periods - 1)) / Math.sqrt(denom));
}

/** Expected maximum Sharpe of N unskilled trials whose Sharpe ratios have variance `variance`. */
export function expectedMaxSharpe(trials: number, variance: number): number {
  if (trials <= 1 || !(variance > 0)) return 0;
  const a = normalQuantile(1 - 1 / trials);
  const b = normalQuantile(1 - 1 / (trials * Math.E));
  return Math.sqrt(variance) * ((1 - EULER_GAMMA) * a + EULER_GAMMA * b);
}

export interface DeflatedSharpeResult {
  /** Per-period Sharpe of the selected strategy's returns. */
  readonly sharpe: number;
  readonly periods: number;
  readonly skewness: number;
  readonly kurtosis: number;
  readonly trials: number;
  /** Variance of the per-period Sharpe ratios of the trials. */
  readonly trialSharpeVariance: number;
  /** SR*: expected maximum per-period Sharpe under no skill. */
  readonly expectedMaxSharpe: number;
  /** PSR against 0. */
  readonly psr: number;
  readonly dsr: number;
}

/** DSR of `returns` (per period) given the Sharpe ratios of every configuration tried. */
export function deflatedSharpe(returns: ArrayLike<number>, trialSharpes: ArrayLike<number>): DeflatedSharpeResult {
  checkInt("deflatedSharpe", "number of returns", returns.length, 3);
  checkInt("deflatedSharpe", "number of trials", trialSharpes.length, 1);
  const sr = sharpe(returns);
  const m = moments(returns);
  const n = trialSharpes.length;
  let mu = 0;
  for (let i = 0; i < n; i++) mu += trialSharpes[i]!;
  mu /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (trialSharpes[i]! - mu) ** 2;
  v = n > 1 ? v / (n - 1) : 0;
  const srStar = expectedMaxSharpe(n, v);
  return {
    sharpe: sr,
    periods: returns.length,
    skewness: m.skewness,
    kurtosis: m.kurtosis,
    trials: n,
    trialSharpeVariance: v,
    expectedMaxSharpe: srStar,
    psr: probabilisticSharpe(sr, 0, returns.length, m.skewness, m.kurtosis),
    dsr: probabilisticSharpe(sr, srStar, returns.length, m.skewness, m.kurtosis),
  };
}
