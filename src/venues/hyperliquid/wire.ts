/**
 * Float-to-wire and tick/lot rules for Hyperliquid prices and sizes (protocols.md §A.3).
 *
 * Wire strings are canonical decimals: no exponent, no trailing zeros, no trailing dot, "-0" → "0".
 * Perp prices: at most 5 significant figures AND at most (6 − szDecimals) decimals (spot: 8 − szDecimals);
 * integer prices are always valid. Sizes: at most szDecimals decimals.
 *
 * All rounding is done on scaled bigints (12 decimals) built from the number's shortest decimal
 * form, so 0.1 + 0.2 style binary noise never reaches the wire.
 */
const SCALE_DP = 12;
const SCALE = 10n ** BigInt(SCALE_DP);

export type WireRound = "nearest" | "up" | "down";

/** Canonical decimal string of a finite number (the venue's float_to_wire; ≤ 8 decimals). */
export function floatToWire(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const rounded = Number(x.toFixed(8));
  if (Math.abs(rounded - x) >= 1e-12) throw new RangeError(`${x} has more than 8 decimals; round it first`);
  return unitsToString(toUnits(rounded));
}

/** True when `s` is a canonical wire decimal ("100", "0.1"; not "100.0", "01", ".5", "1e5"). */
export function isCanonicalDecimal(s: string): boolean {
  return /^(0|[1-9]\d*)(\.\d*[1-9])?$/.test(s);
}

/** Canonical form of any plain decimal string ("100.0" → "100", "0.10" → "0.1"); throws on junk. */
export function canonicalDecimal(s: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new RangeError(`not a plain decimal: "${s}"`);
  return unitsToString(decimalToUnits(s));
}

/** Max decimals a price may have for an asset: 6 − szDecimals (perp) or 8 − szDecimals (spot). */
export function maxPriceDecimals(szDecimals: number, spot = false): number {
  return Math.max(0, (spot ? 8 : 6) - szDecimals);
}

/**
 * Rounds a price to the venue's grid (5 significant figures unless integer, ≤ maxPriceDecimals)
 * and returns its wire string. Throws on non-positive input.
 */
export function formatPrice(px: number, szDecimals: number, mode: WireRound = "nearest", spot = false): string {
  if (!Number.isFinite(px) || px <= 0) throw new RangeError(`price must be a positive finite number, got ${px}`);
  const units = toUnits(px);
  const intDigits = (units / SCALE).toString().length;
  let dp: number;
  if (units >= SCALE) {
    dp = Math.max(0, 5 - intDigits);
  } else {
    // 0.00123: leading zeros after the dot count toward the decimals, not the significant figures.
    const frac = units.toString().padStart(SCALE_DP, "0");
    const lead = frac.length - frac.replace(/^0+/, "").length;
    dp = lead + 5;
  }
  dp = Math.min(dp, maxPriceDecimals(szDecimals, spot));
  let out = roundUnits(units, dp, mode);
  if (out === 0n) out = 10n ** BigInt(SCALE_DP - dp); // never round a positive price to zero
  return unitsToString(out);
}

/** Floors a size to szDecimals and returns its wire string ("0" when it rounds to nothing). */
export function formatSize(sz: number, szDecimals: number): string {
  if (!Number.isFinite(sz) || sz < 0) throw new RangeError(`size must be a non-negative finite number, got ${sz}`);
  return unitsToString(roundUnits(toUnits(sz), szDecimals, "down"));
}

/** Checks a wire price string against the tick rules; returns an error message or null. */
export function checkPriceWire(p: string, szDecimals: number, spot = false): string | null {
  if (!/^\d+(\.\d+)?$/.test(p)) return `price "${p}" is not a plain decimal`;
  const units = decimalToUnits(p);
  if (units <= 0n) return "Order price must be positive.";
  const dot = p.indexOf(".");
  const frac = dot < 0 ? "" : p.slice(dot + 1).replace(/0+$/, "");
  if (frac.length === 0) return null; // integer prices are always valid
  if (frac.length > maxPriceDecimals(szDecimals, spot)) return "Price must be divisible by tick size.";
  const digits = (p.slice(0, dot) + frac).replace(/^0+/, "");
  if (digits.length > 5) return "Price must be divisible by tick size.";
  return null;
}

/** Checks a wire size string against szDecimals; returns an error message or null. */
export function checkSizeWire(s: string, szDecimals: number): string | null {
  if (!/^\d+(\.\d+)?$/.test(s)) return `size "${s}" is not a plain decimal`;
  if (decimalToUnits(s) <= 0n) return "Order has zero size.";
  const dot = s.indexOf(".");
  const frac = dot < 0 ? "" : s.slice(dot + 1).replace(/0+$/, "");
  return frac.length > szDecimals ? "Order has invalid size." : null;
}

function toUnits(x: number): bigint {
  // toFixed(12) of a double is its exact binary value rounded to 12 dp; re-round from the shortest
  // representation instead so 0.1 → 100000000000 exactly.
  const s = Math.abs(x) < 1e21 ? shortestPlain(x) : x.toFixed(0);
  return decimalToUnits(s);
}

function shortestPlain(x: number): string {
  const s = String(x);
  if (!/e/i.test(s)) return s;
  return x.toFixed(SCALE_DP + 2);
}

function decimalToUnits(s: string): bigint {
  const neg = s.startsWith("-");
  const body = neg ? s.slice(1) : s;
  const [i = "0", f = ""] = body.split(".");
  let frac = f;
  let bump = 0n;
  if (frac.length > SCALE_DP) {
    bump = frac.charCodeAt(SCALE_DP) - 48 >= 5 ? 1n : 0n;
    frac = frac.slice(0, SCALE_DP);
  }
  const v = BigInt((i || "0") + frac.padEnd(SCALE_DP, "0")) + bump;
  return neg ? -v : v;
}

function roundUnits(units: bigint, dp: number, mode: WireRound): bigint {
  const step = 10n ** BigInt(SCALE_DP - dp);
  const q = units / step;
  const r = units % step;
  if (r === 0n) return units;
  if (mode === "down") return q * step;
  if (mode === "up") return (q + 1n) * step;
  return (r * 2n >= step ? q + 1n : q) * step;
}

function unitsToString(u: bigint): string {
  const neg = u < 0n;
  const a = neg ? -u : u;
  const int = (a / SCALE).toString();
  const frac = (a % SCALE).toString().padStart(SCALE_DP, "0").replace(/0+$/, "");
  const s = frac ? `${int}.${frac}` : int;
  return neg && s !== "0" ? `-${s}` : s;
}
