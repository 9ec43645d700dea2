/**
 * Candle bucket arithmetic for every Hyperliquid interval. Fixed-length intervals are aligned to
 * the Unix epoch, except "1w" which is Monday-aligned ([3P] per protocols.md; the venue is the
 * authority, we only use this for counting and for the fake) and "1M" which is calendar months
 * in UTC. Close time of a candle is the next open − 1 ms, as the venue's `T` field.
 */
import { INTERVALS, parseInterval, type Interval } from "../../core/index.ts";

const DAY = 86_400_000;
const MONDAY_OFFSET = 4 * DAY; // 1970-01-05 was the first Monday

export function isInterval(s: string): s is Interval {
  return Object.hasOwn(INTERVALS, s);
}

export function openOf(t: number, interval: Interval): number {
  if (interval === "1M") {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const ms = INTERVALS[interval];
  if (interval === "1w") return Math.floor((t - MONDAY_OFFSET) / ms) * ms + MONDAY_OFFSET;
  return Math.floor(t / ms) * ms;
}

export function nextOpen(open: number, interval: Interval): number {
  if (interval === "1M") {
    const d = new Date(open);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return open + INTERVALS[interval];
}

export function closeOf(open: number, interval: Interval): number {
  return nextOpen(open, interval) - 1;
}

/** Number of candle opens t with start ≤ t < end. */
export function countOpens(start: number, end: number, interval: Interval): number {
  if (end <= start) return 0;
  let first = openOf(start, interval);
  if (first < start) first = nextOpen(first, interval);
  if (interval !== "1M") {
    const ms = INTERVALS[interval];
    return first >= end ? 0 : Math.floor((end - 1 - first) / ms) + 1;
  }
  let n = 0;
  for (let t = first; t < end; t = nextOpen(t, interval)) n++;
  return n;
}

export { parseInterval };
