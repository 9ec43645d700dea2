/**
 * Gaps in a bar series: steps between consecutive open times longer than the interval. The
 * engine needs no special handling for gaps (the next row is the next bar); this is for reports
 * and data checks. Steps that are not a whole number of intervals count as gaps too.
 */
export interface GapSummary {
  /** Number of steps longer than the interval. */
  readonly gaps: number;
  /** Bars that would fill the gaps (sum of step/interval − 1, rounded down). */
  readonly missingBars: number;
  /** Longest gap: open time of the bar before it and the number of missing bars (−1 if none). */
  readonly largestFrom: number;
  readonly largestMissing: number;
}

export function gapSummary(ts: Float64Array, intervalMs: number): GapSummary {
  let gaps = 0;
  let missing = 0;
  let largestFrom = -1;
  let largestMissing = -1;
  if (intervalMs > 0) {
    for (let i = 1; i < ts.length; i++) {
      const d = ts[i]! - ts[i - 1]!;
      if (d <= intervalMs) continue;
      const m = Math.max(1, Math.floor(d / intervalMs) - 1);
      gaps++;
      missing += m;
      if (m > largestMissing) {
        largestMissing = m;
        largestFrom = ts[i - 1]!;
      }
    }
  }
  return { gaps, missingBars: missing, largestFrom, largestMissing };
}
