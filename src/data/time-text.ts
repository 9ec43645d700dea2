/**
 * Timestamp parsing for bar files: RFC3339 / ISO-8601 text and numeric epochs.
 *
 * Accepted text: `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM[:SS[.fff…]]`,
 * optionally followed by `Z`, `+HH:MM`, `-HH:MM` or `+HHMM`. Without an offset the time is UTC
 * (the Binance `*_utc` columns). Numeric epochs are scaled by magnitude: < 1e11 seconds,
 * < 1e14 milliseconds, < 1e17 microseconds, otherwise nanoseconds. Results are epoch ms.
 * Invalid input returns NaN; callers turn that into a DataError naming file, line and column.
 */

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Epoch value of unknown unit → epoch ms (see module comment). */
export function epochToMs(v: number): number {
  const a = Math.abs(v);
  if (a < 1e11) return v * 1000;
  if (a < 1e14) return v;
  if (a < 1e17) return v / 1000;
  return v / 1e6;
}

function digit(buf: Uint8Array, i: number): number {
  const c = buf[i]! - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}

function two(buf: Uint8Array, i: number): number {
  return digit(buf, i) * 10 + digit(buf, i + 1);
}

/** Parses ISO/RFC3339 text in bytes [s, e); NaN when invalid. */
export function parseIsoBytes(buf: Uint8Array, s: number, e: number): number {
  if (e - s < 10 || buf[s + 4] !== 45 || buf[s + 7] !== 45) return NaN;
  const y = digit(buf, s) * 1000 + digit(buf, s + 1) * 100 + two(buf, s + 2);
  const mo = two(buf, s + 5);
  const d = two(buf, s + 8);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return NaN;
  const dim = mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1]!;
  if (d > dim) return NaN;
  let p = s + 10;
  let hh = 0;
  let mm = 0;
  let ss = 0;
  let ms = 0;
  if (p < e) {
    const sep = buf[p];
    if (sep !== 84 && sep !== 116 && sep !== 32) return NaN; // T, t, space
    if (e - p < 6 || buf[p + 3] !== 58) return NaN;
    hh = two(buf, p + 1);
    mm = two(buf, p + 4);
    p += 6;
    if (p < e && buf[p] === 58) {
      if (e - p < 3) return NaN;
      ss = two(buf, p + 1);
      p += 3;
      if (p < e && (buf[p] === 46 || buf[p] === 44)) {
        p++;
        let scale = 100;
        const fs = p;
        while (p < e && digit(buf, p) >= 0) {
          ms += digit(buf, p) * scale;
          scale /= 10;
          p++;
        }
        if (p === fs) return NaN;
      }
    }
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) return NaN;
  }
  let offsetMin = 0;
  if (p < e) {
    const z = buf[p];
    if (z === 90 || z === 122) p++;
    else if (z === 43 || z === 45) {
      const oh = two(buf, p + 1);
      let om: number;
      if (buf[p + 3] === 58) {
        om = two(buf, p + 4);
        p += 6;
      } else {
        om = two(buf, p + 3);
        p += 5;
      }
      if (oh < 0 || oh > 23 || om < 0 || om > 59 || p > e) return NaN;
      offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
    } else return NaN;
  }
  if (p !== e) return NaN;
  return Date.UTC(y, mo - 1, d, hh, mm, ss) + ms - offsetMin * 60_000;
}

const ENC = new TextEncoder();

/** String form of parseIsoBytes, or a numeric epoch string; NaN when invalid. */
export function parseTimeText(text: string): number {
  const t = text.trim().replace(/^"(.*)"$/, "$1").trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return epochToMs(Number(t));
  const b = ENC.encode(t);
  return parseIsoBytes(b, 0, b.length);
}

/** RFC3339 UTC rendering used in messages. */
export function isoTime(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
