/**
 * Fast paths for the engine's exact money arithmetic. Prices and sizes arrive as scaled integers
 * held in doubles (exact below 2^53); their product is formed in a double when that product is
 * still a safe integer, then lifted to a bigint Amount once — the same value core/money.ts's
 * `notional` computes, with one bigint operation instead of several. Anything outside the safe
 * range falls back to the general bigint routines.
 */
import { notional, pow10, type Amount } from "../core/index.ts";

/** Exact notional pu·10^-pd × qu·10^-qd as an Amount (1e-12 units); pu, qu signed integers. */
export function notionalOf(pu: number, pd: number, qu: number, qd: number): Amount {
  const d = pd + qd;
  const prod = pu * qu;
  if (d <= 12 && Number.isSafeInteger(prod)) {
    const scaled = prod * POW10_NUM[12 - d]!;
    return Number.isSafeInteger(scaled) ? BigInt(scaled) : BigInt(prod) * pow10(12 - d);
  }
  return notional(BigInt(pu), pd, BigInt(qu), qd);
}

/**
 * The hot path's two-form amounts: `units`, a safe-integer count of 1e-12 units, when it is not
 * NaN; otherwise `big`. Read as one Amount.
 */
export function unitsOrBig(units: number, big: Amount): Amount {
  return units === units ? BigInt(units) : big;
}

/**
 * Exact round-half-away-from-zero of pu·qu·10^(12−pd−qd) × num / den as a safe-integer count of
 * 1e-12 units, computed in doubles; NaN when an intermediate would not be a safe integer (callers
 * then take the bigint path). Used for commissions: price × quantity × rate, rate = num / den, den = 10^k.
 */
export function notionalTimesRateUnits(pu: number, pd: number, qu: number, qd: number, num: number, den: number): number {
  const d = pd + qd;
  if (d > 12) return Number.NaN;
  const x = pu * qu * num; // exact if safe
  const m = POW10_NUM[12 - d]!;
  if (!Number.isSafeInteger(x)) return Number.NaN;
  // den divides 10^(12−d) (e.g. BTC 0.01 × 0.00001 at 0.1%): no rounding, and x·m/den may be
  // safe where x·m is not.
  if (m >= den && m % den === 0) {
    const z = x * (m / den);
    return Number.isSafeInteger(z) ? z : Number.NaN;
  }
  if (!Number.isSafeInteger(x * m)) return Number.NaN;
  const y = x * m; // 1e-12 units × den
  const neg = y < 0;
  const a = neg ? -y : y;
  const r = a % den;
  const q = (a - r) / den + (2 * r >= den ? 1 : 0);
  return neg ? -q : q;
}

const POW10_NUM: readonly number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * ⌊c·k / n⌋ for a safe integer c ≥ 0 and integers 0 ≤ k ≤ n (n > 0, n·k safe), exact in doubles
 * (the same value as bigint (c·k)/n); NaN when an intermediate would not be a safe integer.
 */
export function mulDivFloorSafe(c: number, k: number, n: number): number {
  const r = c % n; // exact
  const q = (c - r) / n; // exact: an integer quotient of an exact multiple
  const rk = r * k;
  if (!Number.isSafeInteger(rk)) return Number.NaN;
  return q * k + (rk - (rk % n)) / n; // ≤ c·k/n ≤ c: safe
}

/** a × num / den rounded half away from zero (den > 0). */
export function mulDivRound(a: Amount, num: bigint, den: bigint): Amount {
  const p = a * num;
  const d2 = 2n * den;
  return p >= 0n ? (2n * p + den) / d2 : -((-2n * p + den) / d2);
}

/** a × num / den rounded half away from zero, with den = 10^k (k ≥ 1) and half = den / 2 precomputed. */
export function mulDivRoundPow10(a: Amount, num: bigint, den: bigint, half: bigint): Amount {
  const p = a * num;
  return p >= 0n ? (p + half) / den : -((half - p) / den);
}

/** Amount → number for display, statistics and float mirrors (never for booking). */
export function toNumber(a: Amount): number {
  return Number(a) / 1e12;
}

/** Integer count of 10^-decimals in x, or NaN when x is not on that grid (within 1e-9 relative). */
export function scaledUnits(x: number, scale: number): number {
  const u = x * scale;
  const r = Math.round(u);
  return Math.abs(u - r) <= 1e-9 * Math.max(1, Math.abs(r)) ? r : Number.NaN;
}

