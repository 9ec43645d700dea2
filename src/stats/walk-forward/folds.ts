/**
 * Walk-forward fold generation over a bar series' open times.
 *
 * Fold k (k = 0, 1, …): train window [trainStart, trainEnd), test window [trainEnd, trainEnd + test)
 *   rolling:  trainStart = t0 + k·step,  trainEnd = trainStart + train
 *   anchored: trainStart = t0,           trainEnd = t0 + train + k·step
 * t0 = first bar's open time. Only complete test windows are kept: a fold ends at or before the
 * data end (last open time + one interval). Windows map to bar index ranges [from, to) by
 * open time, so gaps in the data shrink a window's bar count but never shift it.
 * Errors are UsageErrors naming --train/--test/--step.
 */
import { UsageError } from "../../core/index.ts";

export interface FoldSpec {
  readonly trainMs: number;
  readonly testMs: number;
  /** Default: testMs (non-overlapping test windows). */
  readonly stepMs?: number;
  readonly anchored?: boolean;
}

export interface Fold {
  readonly index: number;
  readonly trainStart: number;
  readonly trainEnd: number;
  readonly testStart: number;
  readonly testEnd: number;
  readonly trainFrom: number;
  readonly trainTo: number;
  readonly testFrom: number;
  readonly testTo: number;
}

const DAY = 86_400_000;

function lowerBound(ts: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function days(ms: number): string {
  return `${Number((ms / DAY).toFixed(2))}d`;
}

export function generateFolds(ts: ArrayLike<number>, intervalMs: number, spec: FoldSpec): Fold[] {
  const step = spec.stepMs ?? spec.testMs;
  for (const [flag, v] of [["train", spec.trainMs], ["test", spec.testMs], ["step", step]] as const) {
    if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`--${flag} must be a positive duration`, { flag });
  }
  if (ts.length === 0) throw new UsageError("no bars in the selected data", { flag: "data" });
  const t0 = ts[0]!;
  const end = ts[ts.length - 1]! + intervalMs;
  const span = end - t0;
  if (spec.trainMs + spec.testMs > span) {
    throw new UsageError(
      `--train ${days(spec.trainMs)} + --test ${days(spec.testMs)} = ${days(spec.trainMs + spec.testMs)} does not fit in the data (${days(span)} from ${new Date(t0).toISOString()} to ${new Date(end).toISOString()})`,
      { flag: "train" },
    );
  }
  const folds: Fold[] = [];
  for (let k = 0; ; k++) {
    const trainStart = spec.anchored ? t0 : t0 + k * step;
    const trainEnd = t0 + spec.trainMs + k * step;
    const testEnd = trainEnd + spec.testMs;
    if (testEnd > end) break;
    const f: Fold = {
      index: k,
      trainStart,
      trainEnd,
      testStart: trainEnd,
      testEnd,
      trainFrom: lowerBound(ts, trainStart),
      trainTo: lowerBound(ts, trainEnd),
      testFrom: lowerBound(ts, trainEnd),
      testTo: lowerBound(ts, testEnd),
    };
    if (f.testTo > f.testFrom && f.trainTo > f.trainFrom) folds.push({ ...f, index: folds.length });
    if (k > 1_000_000) break;
  }
  if (folds.length === 0) throw new UsageError("no fold has bars in both its train and test window (data gaps?)", { flag: "train" });
  return folds;
}

/** Parses "90d", "12h", "30m", "2w", "45s", "1500ms" to milliseconds; UsageError naming the flag. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text.trim());
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY, w: 7 * DAY } as const;
  if (!m) throw new UsageError(`--${flag} must be a duration like 90d, 12h, 2w or 30m, got "${text}"`, { flag });
  const v = Number(m[1]) * unit[m[2] as keyof typeof unit];
  if (!(v > 0)) throw new UsageError(`--${flag} must be > 0, got "${text}"`, { flag });
  return v;
}
