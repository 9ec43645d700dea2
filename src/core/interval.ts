/**
 * Candle intervals as venues name them, and their length in ms. "1M" is a calendar month and has
 * no fixed length; it is given 30 days here only for sizing and annualisation, never for alignment.
 */
export const INTERVALS = {
  "1m": 60_000,
  "3m": 180_000,
  "5m": 300_000,
  "15m": 900_000,
  "30m": 1_800_000,
  "1h": 3_600_000,
  "2h": 7_200_000,
  "4h": 14_400_000,
  "8h": 28_800_000,
  "12h": 43_200_000,
  "1d": 86_400_000,
  "3d": 259_200_000,
  "1w": 604_800_000,
  "1M": 2_592_000_000,
} as const;

export type Interval = keyof typeof INTERVALS;

/** Returns the interval length in ms or throws a RangeError naming the valid choices. */
export function parseInterval(s: string): { interval: Interval; ms: number } {
  if (Object.hasOwn(INTERVALS, s)) {
    const interval = s as Interval;
    return { interval, ms: INTERVALS[interval] };
  }
  throw new RangeError(`unknown interval "${s}" (valid: ${Object.keys(INTERVALS).join(" ")})`);
}
