/**
 * Walk-forward optimisation with a real parameter search.
 *
 * 1. Validate the grid against the strategy's parameter schema (unknown names and type errors
 *    are usage errors naming --grid; combinations rejected by the strategy's cross-field check,
 *    e.g. fast ≥ slow, are skipped and counted) and the windows (--train must exceed warm-up).
 * 2. Phase 1 (parallel): every valid grid point on every fold's train window, plus every point
 *    over the whole span (daily returns for PBO/CSCV and the DSR trial variance).
 * 3. Per fold pick the best point by the objective (ties → earliest grid point), then phase 2:
 *    run it on the following test window with its warm-up bars in front.
 * 4. Stitch the out-of-sample equity and assess: OOS metrics, IS→OOS degradation with the
 *    reference risk buckets, walk-forward efficiency, parameter stability, Deflated Sharpe Ratio
 *    for the number of configurations tried, PBO by CSCV, and OOS trade statistics.
 * All aggregation is by job id, so the result is identical for any worker count.
 */
import { UsageError, type Instrument } from "../../core/index.ts";
import { resolveSettings, type BarSeries, type EngineSettings } from "../../engine/index.ts";
import { formatPoint, generateFolds, gridPoints, type FoldSpec, type GridAxis, type GridPoint, type Objective } from "../../stats/index.ts";
import { aggregate } from "./aggregate.ts";
import { JobPool } from "./pool.ts";
import type { Job, SeriesPayload } from "./protocol.ts";
import type { WalkForwardResult } from "./result.ts";
import { strategyDefinition } from "./strategy-def.ts";

export interface WalkForwardOptions {
  readonly series: BarSeries;
  readonly instrument: Instrument;
  readonly strategy: string;
  readonly axes: readonly GridAxis[];
  readonly windows: FoldSpec;
  readonly objective: Objective;
  /** Fixed (non-grid) strategy parameters as key=value pairs, like backtest --param. */
  readonly fixed?: readonly string[];
  readonly settings?: Partial<EngineSettings>;
  readonly workers?: number;
  /** A pool started early (e.g. before loading the data); runWalkForward initialises and closes it. */
  readonly pool?: JobPool;
  /** CSCV blocks (even); default 16, reduced when the span has too few days. */
  readonly pboSplits?: number;
  /** Bootstrap resamples for the OOS trade statistics (default 2,000, as backtest reports). */
  readonly bootstrapResamples?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ValidPoint {
  readonly index: number;
  /** The grid values of this point (what reports show). */
  readonly params: GridPoint;
  /** Fixed parameters + grid values (what the strategy gets). */
  readonly full: Readonly<Record<string, unknown>>;
  readonly warmup: number;
}

function validatePoints(
  strategy: string,
  axes: readonly GridAxis[],
  fixed: readonly string[],
): { valid: ValidPoint[]; skipped: { count: number; examples: string[] }; base: Record<string, unknown> } {
  const def = strategyDefinition(strategy);
  const known = Object.keys(def.params.shape);
  const fixedKeys = new Set(fixed.map((kv) => kv.slice(0, Math.max(0, kv.indexOf("="))).trim()));
  for (const a of axes) {
    if (fixedKeys.has(a.name)) throw new UsageError(`--param ${a.name} conflicts with --grid ${a.name}: give it once`, { flag: "param" });
  }
  const base = fixedParams(def.name, known, fixed);
  for (const a of axes) {
    if (!known.includes(a.name)) {
      throw new UsageError(`--grid: unknown parameter "${a.name}" for strategy ${def.name} (parameters: ${known.join(", ")})`, { flag: "grid" });
    }
  }
  const valid: ValidPoint[] = [];
  const skipped = { count: 0, examples: [] as string[] };
  gridPoints(axes).forEach((p, index) => {
    const full = { ...base, ...p };
    const parsed = def.params.safeParse(full);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = issue.path.join(".");
      const flag = Object.hasOwn(base, key) ? "param" : "grid";
      throw new UsageError(`--${flag}: ${formatPoint(p)} is not a valid ${def.name} parameter set: ${key}: ${issue.message}`, { flag });
    }
    const why = def.validate?.(parsed.data) ?? null;
    if (why) {
      skipped.count++;
      if (skipped.examples.length < 3) skipped.examples.push(`${formatPoint(p)}: ${why}`);
      return;
    }
    valid.push({ index, params: p, full, warmup: def.warmup(parsed.data) });
  });
  if (valid.length === 0) {
    throw new UsageError(`--grid: no valid parameter combination (${skipped.examples.join("; ")})`, { flag: "grid" });
  }
  return { valid, skipped, base };
}

/**
 * --param k=v pairs → values (number, true/false, else text). Type and range checks happen per
 * grid point with the strategy's schema, after the grid values are merged in (so a fixed value
 * is judged together with the grid, e.g. fast=50 is fine when every slow in the grid is > 50).
 */
function fixedParams(name: string, known: readonly string[], pairs: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of pairs) {
    const eq = kv.indexOf("=");
    if (eq <= 0) throw new UsageError(`--param expects key=value, got "${kv}"`, { flag: "param" });
    const key = kv.slice(0, eq).trim();
    const raw = kv.slice(eq + 1).trim();
    if (!known.includes(key)) throw new UsageError(`--param: unknown parameter "${key}" for strategy ${name} (parameters: ${known.join(", ")})`, { flag: "param" });
    const n = Number(raw);
    out[key] = raw === "true" ? true : raw === "false" ? false : raw !== "" && Number.isFinite(n) ? n : raw;
  }
  return out;
}

/**
 * The first `to` bars in one SharedArrayBuffer (six Float64Array views): posted to every worker
 * without a copy, and read by the main thread's jobs too.
 */
function payload(s: BarSeries, to: number): SeriesPayload {
  const shared = new SharedArrayBuffer(6 * to * Float64Array.BYTES_PER_ELEMENT);
  const column = (k: number, src: Float64Array): Float64Array => {
    const a = new Float64Array(shared, k * to * Float64Array.BYTES_PER_ELEMENT, to);
    a.set(src.subarray(0, to));
    return a;
  };
  return {
    symbol: s.symbol,
    venue: s.venue,
    intervalMs: s.intervalMs,
    source: s.source,
    tsEvent: column(0, s.tsEvent),
    open: column(1, s.open),
    high: column(2, s.high),
    low: column(3, s.low),
    close: column(4, s.close),
    volume: column(5, s.volume),
  };
}

export async function runWalkForward(o: WalkForwardOptions): Promise<WalkForwardResult> {
  const { valid, skipped, base } = validatePoints(o.strategy, o.axes, o.fixed ?? []);
  const series = o.series;
  const folds = generateFolds(series.tsEvent, series.intervalMs, o.windows);
  const maxWarm = Math.max(...valid.map((v) => v.warmup));
  for (const f of folds) {
    const bars = f.trainTo - f.trainFrom;
    if (bars <= maxWarm) {
      const who = valid.find((v) => v.warmup === maxWarm)!;
      throw new UsageError(
        `--train window of fold ${f.index + 1} has ${bars} bars, but ${o.strategy} with ${formatPoint(who.params)} needs ${maxWarm} bars of warm-up; use a longer --train or a smaller grid`,
        { flag: "train" },
      );
    }
  }
  const settings = resolveSettings(o.settings ?? {});
  const spanFrom = folds[0]!.trainFrom;
  const spanTo = folds[folds.length - 1]!.testTo;
  const setup = { series: payload(series, spanTo), instrument: o.instrument, strategy: o.strategy, settings: { ...settings } };
  const workers = Math.max(1, o.workers ?? 1);
  let id = 0;
  const phase1: Job[] = [];
  for (const v of valid) phase1.push({ id: id++, kind: "full", fold: -1, point: v.index, params: v.full, from: spanFrom, to: spanTo, measureFrom: spanFrom });
  for (const f of folds) {
    for (const v of valid) phase1.push({ id: id++, kind: "train", fold: f.index, point: v.index, params: v.full, from: f.trainFrom, to: f.trainTo, measureFrom: f.trainFrom });
  }
  const total = phase1.length + folds.length;
  const pool = (o.pool ?? new JobPool(workers)).init(setup);
  try {
    return await aggregate(o, pool, { valid, skipped, base, folds, settings, phase1, total, firstId: id });
  } finally {
    pool.close();
  }
}
