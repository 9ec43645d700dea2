/**
 * Pure assessment pieces of a walk-forward run:
 * - objective values and deterministic best-point selection (NaN counts as −∞; ties go to the
 *   lowest grid index, i.e. the earliest point in `--grid` order);
 * - degradation ratio (IS win rate − OOS win rate) / IS win rate with the reference system's
 *   overfitting-risk buckets: low ≤ 0.05 < medium ≤ 0.10 < high ≤ 0.20 < severe;
 * - walk-forward efficiency = OOS objective / IS objective (both annualised the same way);
 * - parameter stability across folds: per parameter, 1 − mean |Δ grid index| / (axis length − 1)
 *   between consecutive folds (1 = always the same value, 0 = jumping between the extremes).
 */
import type { GridAxis, GridPoint } from "./grid.ts";

export type Objective = "sharpe" | "sortino" | "return" | "calmar";
export const OBJECTIVES: readonly Objective[] = ["sharpe", "sortino", "return", "calmar"];

export interface ObjectiveMetrics {
  readonly sharpe: number;
  readonly sortino: number;
  readonly totalReturn: number;
  readonly cagr: number;
  readonly maxDrawdown: number;
}

export function objectiveValue(m: ObjectiveMetrics, objective: Objective): number {
  switch (objective) {
    case "sharpe":
      return m.sharpe;
    case "sortino":
      return m.sortino;
    case "return":
      return m.totalReturn;
    case "calmar":
      if (m.maxDrawdown > 0) return m.cagr / m.maxDrawdown;
      return m.cagr > 0 ? Number.POSITIVE_INFINITY : m.cagr;
  }
}

/** Index of the best value; NaN is −∞; ties → lowest index. −1 for an empty list. */
export function selectBest(values: ArrayLike<number>): number {
  let best = -1;
  let bestV = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = Number.isNaN(values[i]!) ? Number.NEGATIVE_INFINITY : values[i]!;
    if (best < 0 || v > bestV) {
      best = i;
      bestV = v;
    }
  }
  return best;
}

export type OverfitRisk = "low" | "medium" | "high" | "severe";

export function degradationRatio(isWinRate: number, oosWinRate: number): number {
  if (!(isWinRate > 0)) return Number.NaN;
  return (isWinRate - oosWinRate) / isWinRate;
}

export function overfitRisk(ratio: number): OverfitRisk {
  if (Number.isNaN(ratio)) return "severe";
  if (ratio <= 0.05) return "low";
  if (ratio <= 0.1) return "medium";
  if (ratio <= 0.2) return "high";
  return "severe";
}

export function walkForwardEfficiency(isObjective: number, oosObjective: number): number {
  if (!Number.isFinite(isObjective) || !Number.isFinite(oosObjective) || isObjective <= 0) return Number.NaN;
  return oosObjective / isObjective;
}

export interface ParamStability {
  readonly name: string;
  readonly chosen: readonly number[];
  readonly distinct: number;
  readonly changes: number;
  readonly mean: number;
  readonly stdev: number;
  readonly score: number;
}

export function parameterStability(axes: readonly GridAxis[], chosen: readonly GridPoint[]): { params: ParamStability[]; score: number } {
  const params = axes.map((a): ParamStability => {
    const vals = chosen.map((p) => p[a.name]!);
    const idx = vals.map((v) => a.values.indexOf(v));
    let changes = 0;
    let jump = 0;
    for (let i = 1; i < idx.length; i++) {
      if (idx[i] !== idx[i - 1]) changes++;
      jump += Math.abs(idx[i]! - idx[i - 1]!);
    }
    const n = vals.length;
    const mean = n ? vals.reduce((s, v) => s + v, 0) / n : Number.NaN;
    const stdev = n > 1 ? Math.sqrt(vals.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
    const span = a.values.length - 1;
    const score = span > 0 && n > 1 ? 1 - jump / (n - 1) / span : 1;
    return { name: a.name, chosen: vals, distinct: new Set(vals).size, changes, mean, stdev, score };
  });
  const score = params.length ? params.reduce((s, p) => s + p.score, 0) / params.length : 1;
  return { params, score };
}

/**
 * Chains out-of-sample equity segments (each starting from the same capital) into one curve:
 * every segment is rescaled to start where the previous one ended.
 */
export function stitchEquity(segments: readonly ArrayLike<number>[], capital: number): Float64Array {
  const total = segments.reduce((n, s) => n + s.length, 0);
  const out = new Float64Array(total);
  let base = capital;
  let k = 0;
  for (const s of segments) {
    const scale = base / capital;
    for (let i = 0; i < s.length; i++) out[k++] = s[i]! * scale;
    if (s.length) base = s[s.length - 1]! * scale;
  }
  return out;
}

/**
 * Compounds per-bar equity into returns per calendar bucket (UTC day by default): the return of
 * a bucket is its last equity / previous bucket's last equity − 1; the first bucket is measured
 * from `start` (the equity before the first bar).
 */
export function bucketReturns(ts: ArrayLike<number>, equity: ArrayLike<number>, start: number, bucketMs = 86_400_000): Float64Array {
  const out: number[] = [];
  let prev = start;
  for (let i = 0; i < equity.length; i++) {
    const last = i === equity.length - 1 || Math.floor(ts[i + 1]! / bucketMs) !== Math.floor(ts[i]! / bucketMs);
    if (last) {
      out.push(prev > 0 ? equity[i]! / prev - 1 : 0);
      prev = equity[i]!;
    }
  }
  return Float64Array.from(out);
}
