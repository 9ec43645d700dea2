/**
 * Number parsing helpers shared by the CSV, Arrow and Parquet readers.
 *
 * The CSV hot path parses plain decimals inline on bytes (see csv-bar-parser.ts); this file is
 * the slow, strict path for everything else (exponents, signs, spaces) and the decimal-count
 * helpers. Invariants: "" / "NaN" / "Infinity" / hex are NOT numbers (Number() would accept
 * some of them); a decimal with ≤ 15 significant digits and ≤ 22 decimals converts exactly as
 * Number(text) does (m / 10^d is correctly rounded when both operands are exact doubles).
 */

export const POW10: Float64Array = (() => {
  const a = new Float64Array(23);
  for (let i = 0; i < a.length; i++) a[i] = 10 ** i;
  return a;
})();

const STRICT_NUMBER = /^[+-]?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;

/** Parses a decimal string strictly; returns NaN for anything that is not a finite decimal. */
export function parseNumberText(text: string): { value: number; decimals: number } {
  const t = text.trim().replace(/^"(.*)"$/, "$1").trim();
  const m = STRICT_NUMBER.exec(t);
  if (!m) return { value: NaN, decimals: 0 };
  const value = Number(t);
  if (!Number.isFinite(value)) return { value: NaN, decimals: 0 };
  const frac = (m[2] ?? m[3] ?? "").length;
  const exp = m[4] ? Number(m[4]) : 0;
  return { value, decimals: Math.max(0, frac - exp) };
}

const ASCII = new TextDecoder("utf-8", { fatal: false });

/** Text of bytes [start, end) (for messages and the slow path). */
export function bytesText(buf: Uint8Array, start: number, end: number): string {
  return ASCII.decode(buf.subarray(start, end));
}

/** Shortens a field for an error message and quotes it. */
export function quoteField(text: string): string {
  const t = text.length > 40 ? text.slice(0, 37) + "..." : text;
  return JSON.stringify(t);
}

/**
 * Smallest d (≤ maxDecimals) such that x is an integer multiple of 10^-d, starting the search at
 * `from` (callers pass the running maximum, so a column costs one multiply per value).
 * Tolerance is ~4 ulps of x·10^d: a decimal text parsed to the nearest double is recovered, a
 * real extra digit (fraction ≥ 10^-k of a unit) is not mistaken for noise.
 */
export function decimalsOf(x: number, from = 0, maxDecimals = 12): number {
  if (!Number.isFinite(x) || x === 0) return from;
  const ax = Math.abs(x);
  for (let d = from; d <= maxDecimals; d++) {
    const y = ax * POW10[d]!;
    if (y >= 9007199254740992) return d;
    if (Math.abs(y - Math.round(y)) <= y * 1e-15) return d;
  }
  return maxDecimals;
}

/** Max decimals over a column (amortised O(1) per value). */
export function maxDecimals(a: Float64Array, maxD = 12): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = Math.abs(x) * POW10[d]!;
    if (y < 9007199254740992 && Math.abs(y - Math.round(y)) > y * 1e-15) d = decimalsOf(x, d + 1, maxD);
    if (d >= maxD) break;
  }
  return d;
}
