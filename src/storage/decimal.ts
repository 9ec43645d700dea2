/**
 * Exact decimal handling for money columns (scale 12, the core Amount resolution).
 *
 * A JS number is stored as its shortest decimal representation with at most 12 decimals
 * ("8142.35", never "8142.350000000000363…"), which is exactly the text it was parsed from when
 * it came from a CSV; a value needing more than 12 decimals is rounded half away from zero to 12.
 * Decimal strings and bigint Amounts are carried without ever passing through a float.
 */
import { formatAmount } from "../core/index.ts";

export const MONEY_SCALE = 12;
const P10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];
const SAFE = 9007199254740991;
const DECIMAL_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Fast path: |x| = m / 10^k with the smallest k ≤ 12 and m a safe integer, or null when the
 * value needs more digits (then use `decimalString`). Exact: m / 10^k is correctly rounded, so
 * equality with |x| proves x is the double nearest to that decimal.
 */
export function scaledOf(x: number): { m: number; k: number } | null {
  const ax = x < 0 ? -x : x;
  if (Number.isInteger(ax)) return ax <= SAFE ? { m: ax, k: 0 } : null;
  for (let k = 1; k <= MONEY_SCALE; k++) {
    const y = ax * P10[k]!;
    const m = Math.round(y);
    if (m > SAFE) return null;
    // Cheap pre-filter: a true k leaves y within a few ulps of m (|error| ≤ y·2^-52); only then
    // pay for the exact (division) check.
    const diff = y - m;
    if (diff > y * 4e-16 + 1e-300 || -diff > y * 4e-16 + 1e-300) continue;
    if (m / P10[k]! === ax) return { m, k };
  }
  return null;
}

/** Canonical decimal string (no exponent, ≤ 12 decimals, no trailing zeros) of a money value. */
export function decimalString(v: number | string | bigint): string {
  if (typeof v === "bigint") return trimZeros(formatAmount(v, MONEY_SCALE));
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
    const s = scaledOf(v);
    if (s) return (v < 0 ? "-" : "") + insertPoint(String(s.m), s.k);
    return normaliseDecimal(v.toFixed(MONEY_SCALE + 2 > 20 ? 20 : MONEY_SCALE + 2));
  }
  return normaliseDecimal(v);
}

/** Parses a decimal string (exponent allowed) into canonical form rounded to 12 decimals. */
export function normaliseDecimal(s: string): string {
  const t = s.trim();
  if (!DECIMAL_RE.test(t)) throw new RangeError(`not a decimal number: "${s}"`);
  let neg = false;
  let body = t;
  if (body[0] === "-" || body[0] === "+") {
    neg = body[0] === "-";
    body = body.slice(1);
  }
  let exp = 0;
  const e = body.search(/[eE]/);
  if (e >= 0) {
    exp = Number(body.slice(e + 1));
    body = body.slice(0, e);
  }
  const dot = body.indexOf(".");
  let intPart = dot < 0 ? body : body.slice(0, dot);
  let frac = dot < 0 ? "" : body.slice(dot + 1);
  if (exp > 0) {
    const move = frac.slice(0, exp).padEnd(exp, "0");
    intPart += move;
    frac = frac.slice(exp);
  } else if (exp < 0) {
    const n = -exp;
    const pad = intPart.padStart(n + 1, "0");
    frac = pad.slice(pad.length - n) + frac;
    intPart = pad.slice(0, pad.length - n);
  }
  // Round half away from zero at 12 decimals.
  let digits = (intPart || "0") + frac.slice(0, MONEY_SCALE).padEnd(MONEY_SCALE, "0");
  if (frac.length > MONEY_SCALE && frac.charCodeAt(MONEY_SCALE) >= 53) digits = (BigInt(digits) + 1n).toString().padStart(digits.length, "0");
  const ip = digits.slice(0, digits.length - MONEY_SCALE).replace(/^0+(?=\d)/, "");
  const out = trimZeros(`${ip || "0"}.${digits.slice(digits.length - MONEY_SCALE)}`);
  return neg && out !== "0" ? "-" + out : out;
}

/** True when `s` is a decimal literal this module accepts. */
export function isDecimalString(s: string): boolean {
  return DECIMAL_RE.test(s.trim());
}

function insertPoint(digits: string, k: number): string {
  if (k === 0) return digits;
  const d = digits.padStart(k + 1, "0");
  return trimZeros(`${d.slice(0, d.length - k)}.${d.slice(d.length - k)}`);
}

function trimZeros(s: string): string {
  if (!s.includes(".")) return s;
  const t = s.replace(/0+$/, "");
  return t.endsWith(".") ? t.slice(0, -1) : t;
}
