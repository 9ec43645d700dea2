/**
 * Growth-optimal (Kelly) fraction of bankroll to stake.
 *
 * For a discrete distribution of returns per unit staked r_i with probabilities w_i, the Kelly
 * fraction maximises G(f) = Σ w_i·ln(1 + f·r_i). G is concave, so f* is the root of
 * G'(f) = Σ w_i·r_i/(1 + f·r_i) on [0, f_max), found by bisection (deterministic, ~100 steps);
 * f* = 0 when the expected return is ≤ 0. With two outcomes a > 0 (win) and −b < 0 (loss) this
 * equals the closed form (p·a − (1−p)·b)/(a·b), e.g. (p − c)/(1 − c) for a fee-free binary bet.
 * The result is capped at `cap` (default 1: never lever beyond the whole bankroll).
 */
import type { FeeSpec } from "./break-even.ts";
import { checkRange } from "./validate.ts";

/** Per-unit-stake returns of a binary bet at price c: [win, loss] under the fee model. */
export function binaryOutcomes(price: number, fee: FeeSpec = { model: "none", rate: 0 }): { win: number; loss: number } {
  checkRange("binaryOutcomes", "price", price, 0, 1);
  const c = price;
  const f = fee.rate;
  const gross = (1 - c) / c;
  switch (fee.model) {
    case "none":
      return { win: gross, loss: -1 };
    case "stake":
      return { win: gross - f, loss: -1 - f };
    case "profit":
      return { win: gross - f * gross, loss: -1 - f * gross };
    case "winnings":
      return { win: gross * (1 - f), loss: -1 };
    case "polymarket": {
      const perStake = (f * (c * (1 - c)) ** (fee.exponent ?? 1)) / c;
      return { win: gross - perStake, loss: -1 - perStake };
    }
  }
}

export function kellyFraction(returns: ArrayLike<number>, weights?: ArrayLike<number>, cap = 1): number {
  const n = returns.length;
  if (n === 0) return 0;
  const w = (i: number): number => (weights ? weights[i]! : 1 / n);
  let ev = 0;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    if (w(i) <= 0) continue;
    ev += w(i) * r;
    if (r < worst) worst = r;
  }
  if (!(ev > 0)) return 0;
  if (worst >= 0) return cap; // no losing outcome: growth is unbounded, stake the cap
  // 1 + f·r must stay > 0 for every outcome with weight: f < 1/|worst|.
  const fMax = Math.min(cap, 1 / -worst);
  const deriv = (f: number): number => {
    let d = 0;
    for (let i = 0; i < n; i++) {
      const wi = w(i);
      if (wi > 0) d += (wi * returns[i]!) / (1 + f * returns[i]!);
    }
    return d;
  };
  const hiF = fMax === 1 / -worst ? fMax * (1 - 1e-12) : fMax;
  if (deriv(hiF) >= 0) return hiF;
  let lo = 0;
  let hi = hiF;
  for (let k = 0; k < 200 && hi - lo > 1e-15; k++) {
    const mid = (lo + hi) / 2;
    if (deriv(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Kelly fraction of a binary bet with win probability p at price c. */
export function binaryKelly(p: number, price: number, fee?: FeeSpec, cap = 1): number {
  checkRange("binaryKelly", "p", p, 0, 1, false);
  const { win, loss } = binaryOutcomes(price, fee);
  return kellyFraction([win, loss], [p, 1 - p], cap);
}
