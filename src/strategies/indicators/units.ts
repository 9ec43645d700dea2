/**
 * Grid units and exact mean comparison for indicator maths.
 *
 * Prices and volumes are mapped to integers on the instrument's grid (close 93738.19 at 2 price
 * decimals → 9373819), so window sums are exact and two moving averages can be compared without
 * rounding noise. Bars are assumed to lie on the instrument's grid (true for venue data and for
 * loadBars' inferred decimals); off-grid values are rounded to it.
 */

/** 10^decimals, capped at 10^9 to keep window sums far below 2^53. */
export function unitScale(decimals: number): number {
  return 10 ** Math.min(Math.max(Math.trunc(decimals), 0), 9);
}

const SAFE = 9007199254740991;

/**
 * Sign of (sa/na − sb/nb) for integer sums sa, sb and counts na, nb > 0: +1, −1 or 0, exactly.
 * By cross-multiplying in doubles when both products are exact (the common case: two
 * multiplications, no division); otherwise see compareMeansWide. Kept this small so the JIT
 * inlines it into strategies' per-bar code (with the wide case inside, it was a real call per bar).
 */
export function compareMeans(sa: number, na: number, sb: number, nb: number): number {
  const l0 = sa * nb;
  const r0 = sb * na;
  if (l0 <= SAFE && l0 >= -SAFE && r0 <= SAFE && r0 >= -SAFE) return l0 > r0 ? 1 : l0 < r0 ? -1 : 0;
  return compareMeansWide(sa, na, sb, nb);
}

/** compareMeans when a cross product is not a safe integer: clear cases on the quotients, near-ties in BigInt. */
function compareMeansWide(sa: number, na: number, sb: number, nb: number): number {
  const a = sa / na;
  const b = sb / nb;
  const d = a - b;
  if (Math.abs(d) > 1e-9 * (Math.abs(a) + Math.abs(b))) return d > 0 ? 1 : -1;
  const bl = BigInt(sa) * BigInt(nb);
  const br = BigInt(sb) * BigInt(na);
  return bl > br ? 1 : bl < br ? -1 : 0;
}
