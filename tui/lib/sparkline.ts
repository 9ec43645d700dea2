/**
 * Text chart of a series: `height` rows of eighth-block characters, `width` columns, one column
 * per bucket of points (the bucket's last value, so the right edge is always the latest mark).
 *
 *   values 1..8, width 8, height 1  →  ["▁▂▃▄▅▆▇█"]
 *   height 2 doubles the resolution:  ["    ▂▄▆█", "▁▃▅▇████"]
 *
 * Invariants: every row is exactly `width` characters (padded on the left when there are fewer
 * points than columns); a flat series draws a flat line in the middle, never NaN.
 */

const BLOCKS = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/** Reduces `values` to at most `width` points (last value of each bucket). */
export function downsample(values: readonly number[], width: number): number[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (width <= 0) return [];
  if (finite.length <= width) return finite;
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const end = Math.floor(((i + 1) * finite.length) / width) - 1;
    out.push(finite[end]!);
  }
  return out;
}

export function sparklineRows(values: readonly number[], width: number, height = 1): string[] {
  const w = Math.max(0, Math.floor(width));
  const h = Math.max(1, Math.floor(height));
  const pts = downsample(values, w);
  const rows: string[][] = Array.from({ length: h }, () => []);
  if (pts.length === 0) return rows.map(() => " ".repeat(w));
  let lo = Math.min(...pts);
  let hi = Math.max(...pts);
  const flat = hi - lo <= Math.abs(hi) * 1e-12;
  if (flat) {
    lo -= 1;
    hi += 1;
  }
  const levels = h * 8;
  for (const v of pts) {
    // 1..levels eighths: the minimum stays visible on the baseline, the maximum fills the top.
    const filled = 1 + Math.round(((v - lo) / (hi - lo)) * (levels - 1));
    for (let r = 0; r < h; r++) {
      const rowFromBottom = h - 1 - r;
      const inRow = Math.max(0, Math.min(8, filled - rowFromBottom * 8));
      rows[r]!.push(BLOCKS[inRow]!);
    }
  }
  const padLeft = w - pts.length;
  return rows.map((cols) => " ".repeat(padLeft) + cols.join(""));
}
