/**
 * Field-level scanning for the CSV parser: column role codes, the plain-decimal byte parser used
 * on the hot path, and the generic per-row scanner used for any row the fast path declines
 * (unusual layout, exponent/space/quoted numbers, bad or missing fields).
 *
 * Results go into module-level scratch arrays (NUM, ROW, POS) so that nothing is allocated per
 * row. Both scanners stop at ',', '\n' or '\r'; callers guarantee every line ends with '\n'.
 */
import { bytesText, parseNumberText, POW10 } from "./number-text.ts";
import { epochToMs, parseIsoBytes, parseTimeText } from "./time-text.ts";

export const R_SKIP = 0;
export const R_TIME = 1;
export const R_OPEN = 2;
export const R_HIGH = 3;
export const R_LOW = 4;
export const R_CLOSE = 5;
export const R_VOLUME = 6;
export const R_SYMBOL = 7;
export const R_INTERVAL = 8;

/** plainNumber result: value, decimals. */
export const NUM = new Float64Array(2);

/**
 * Parses `-?digits(.digits)?` at p that ends in a delimiter; returns the delimiter's index, or −1
 * when the field is anything else (left to the strict slow path). Exact: m / 10^d with
 * m < 2^53 and d ≤ 22 is the correctly rounded value, as Number(text) would give.
 */
export function plainNumber(buf: Uint8Array, p: number): number {
  let c = buf[p]!;
  let neg = false;
  if (c === 45) {
    neg = true;
    c = buf[++p]!;
  }
  let m = 0;
  let nd = 0;
  let dot = -1;
  for (;;) {
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      nd++;
    } else if (c === 46 && dot < 0) dot = nd;
    else break;
    c = buf[++p]!;
  }
  const dd = dot < 0 ? 0 : nd - dot;
  if ((c !== 44 && c !== 10 && c !== 13) || nd === 0 || m > 9007199254740991 || dd > 22) return -1;
  const x = m / POW10[dd]!;
  NUM[0] = neg ? -x : x;
  NUM[1] = dd;
  return p;
}

/** Epoch digits fast path, else RFC3339 bytes, else the text slow path; NaN when invalid. */
export function parseTimeField(buf: Uint8Array, s: number, e: number): number {
  let m = 0;
  let i = s;
  for (; i < e; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
  }
  if (i === e && e > s) return epochToMs(m);
  const t = parseIsoBytes(buf, s, e);
  return t === t ? t : parseTimeText(bytesText(buf, s, e));
}

/** scanRow results: ts, open, high, low, close, volume, price decimals, size decimals. */
export const ROW = new Float64Array(8);
/** scanRow positions: symS, symE, ivlS, ivlE, errRole, errS, errE, index of the last field read. */
export const POS = new Int32Array(8);

/** Generic scanner: parses the non-empty line at p into ROW/POS; returns the next line's start. */
export function scanRow(buf: Uint8Array, p: number, roles: Int8Array, lastCol: number): number {
  ROW.fill(NaN, 0, 6);
  ROW[6] = 0;
  ROW[7] = 0;
  POS.fill(0);
  let col = 0;
  let c = buf[p]!;
  for (;;) {
    const role = roles[col]!;
    const fs = p;
    if (role >= R_OPEN && role <= R_VOLUME) {
      let q = plainNumber(buf, p);
      let x: number;
      let dd: number;
      if (q >= 0) {
        x = NUM[0]!;
        dd = NUM[1]!;
      } else {
        q = p;
        while (c !== 44 && c !== 10 && c !== 13) c = buf[++q]!;
        const r = parseNumberText(bytesText(buf, fs, q));
        x = r.value;
        dd = r.decimals;
      }
      p = q;
      c = buf[p]!;
      ROW[role - 1] = x;
      if (x !== x && POS[4] === 0) {
        POS[4] = role;
        POS[5] = fs;
        POS[6] = p;
      }
      if (role === R_VOLUME) ROW[7] = dd;
      else if (dd > ROW[6]!) ROW[6] = dd;
    } else {
      while (c !== 44 && c !== 10 && c !== 13) c = buf[++p]!;
      if (role === R_TIME) {
        const ts = parseTimeField(buf, fs, p);
        ROW[0] = ts;
        if (ts !== ts && POS[4] === 0) {
          POS[4] = R_TIME;
          POS[5] = fs;
          POS[6] = p;
        }
      } else if (role === R_SYMBOL) {
        POS[0] = fs;
        POS[1] = p;
      } else if (role === R_INTERVAL) {
        POS[2] = fs;
        POS[3] = p;
      }
    }
    if (c === 44 && col < lastCol) {
      c = buf[++p]!;
      col++;
      continue;
    }
    break;
  }
  POS[7] = col;
  return (c === 10 ? p : buf.indexOf(10, p)) + 1;
}
