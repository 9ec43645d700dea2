/**
 * Exact money arithmetic. Amounts are bigint counts of 1e-12 quote units ("Amount"), so sums
 * of prices × sizes × fee rates are exact and accounting identities hold to the last unit.
 *
 * Invariants: `amountFromDecimal` accepts only values that are exact at ≤ 12 decimals after
 * rounding to the given number of decimals; products are rounded half-away-from-zero back to
 * 1e-12 exactly once, and the rounded value is what gets booked everywhere.
 */
export type Amount = bigint;

export const AMOUNT_DECIMALS = 12;
export const AMOUNT_SCALE = 10n ** 12n;
const POW10: readonly bigint[] = Array.from({ length: 25 }, (_, i) => 10n ** BigInt(i));

/** Scaled integer for a decimal value `x` known to have at most `decimals` decimals. */
export function toScaled(x: number, decimals: number): bigint {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  // Use the shortest round-trip decimal string so 0.1 is exactly 1 at 1 decimal.
  return parseDecimal(x.toFixed(Math.min(decimals, 20)), decimals);
}

/** Parses a decimal string ("-123.4500", "1e-5") into an integer scaled by 10^decimals, half away from zero. */
export function parseDecimal(s: string, decimals: number): bigint {
  let str = s.trim();
  if (/e/i.test(str)) str = Number(str).toFixed(Math.min(decimals + 2, 20));
  const neg = str.startsWith("-");
  if (neg || str.startsWith("+")) str = str.slice(1);
  const dot = str.indexOf(".");
  const intPart = dot < 0 ? str : str.slice(0, dot);
  let frac = dot < 0 ? "" : str.slice(dot + 1);
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac) || (intPart === "" && frac === "")) {
    throw new RangeError(`not a decimal number: "${s}"`);
  }
  let roundUp = false;
  if (frac.length > decimals) {
    roundUp = (frac.charCodeAt(decimals) - 48) >= 5;
    frac = frac.slice(0, decimals);
  }
  frac = frac.padEnd(decimals, "0");
  let v = BigInt((intPart || "0") + frac);
  if (roundUp) v += 1n;
  return neg ? -v : v;
}

/** Amount (1e-12 units) from a decimal number. */
export function amountFromNumber(x: number): Amount {
  return toScaled(x, AMOUNT_DECIMALS);
}

/** Converts an Amount to a JS number (for display and statistics, never for booking). */
export function amountToNumber(a: Amount): number {
  const whole = a / AMOUNT_SCALE;
  const rem = a % AMOUNT_SCALE;
  return Number(whole) + Number(rem) / 1e12;
}

/** Formats an Amount with `dp` decimals (rounded half away from zero). */
export function formatAmount(a: Amount, dp = 2): string {
  const neg = a < 0n;
  let v = neg ? -a : a;
  const drop = POW10[AMOUNT_DECIMALS - dp]!;
  v = (v + drop / 2n) / drop;
  const s = v.toString().padStart(dp + 1, "0");
  const out = dp > 0 ? `${s.slice(0, -dp)}.${s.slice(-dp)}` : s;
  return (neg && v !== 0n ? "-" : "") + out;
}

/** Divides with rounding half away from zero. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError("division by zero");
  const neg = (n < 0n) !== (d < 0n);
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (2n * ad);
  return neg ? -q : q;
}

/**
 * Exact notional price × quantity as an Amount. Price and quantity are given as scaled
 * integers with their decimals; the product has pd + qd decimals, rescaled to 12.
 */
export function notional(priceScaled: bigint, pd: number, qtyScaled: bigint, qd: number): Amount {
  const prod = priceScaled * qtyScaled;
  const d = pd + qd;
  if (d <= AMOUNT_DECIMALS) return prod * POW10[AMOUNT_DECIMALS - d]!;
  return divRound(prod, POW10[d - AMOUNT_DECIMALS]!);
}

/** amount × rate, with the rate as a scaled integer with `rd` decimals; rounded to 1e-12 once. */
export function mulRate(a: Amount, rateScaled: bigint, rd: number): Amount {
  return divRound(a * rateScaled, POW10[rd]!);
}

export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}
