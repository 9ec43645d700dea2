/**
 * Second half of a walk-forward run (see run-walk-forward.ts): runs phase 1 (train windows and
 * full-span runs) on the pool, picks each fold's best point, runs phase 2 (test windows), then
 * stitches the out-of-sample curve and computes every assessment. Pure aggregation by job
 * position: no result depends on which worker ran which job.
 */
import { computeMetrics, type EngineSettings } from "../../engine/index.ts";
import {
  bucketReturns,
  deflatedSharpe,
  degradationRatio,
  objectiveValue,
  overfitRisk,
  parameterStability,
  probabilityOfBacktestOverfitting,
  selectBest,
  sharpe,
  stitchEquity,
  tradeStatistics,
  walkForwardEfficiency,
  type Fold,
} from "../../stats/index.ts";
import type { JobPool } from "./pool.ts";
import type { Job, OosTrade } from "./protocol.ts";
import type { FoldReport, WalkForwardResult } from "./result.ts";
import type { ValidPoint, WalkForwardOptions } from "./run-walk-forward.ts";

export interface Plan {
  readonly valid: ValidPoint[];
  readonly skipped: { count: number; examples: string[] };
  readonly base: Record<string, unknown>;
  readonly folds: Fold[];
  readonly settings: EngineSettings;
  readonly phase1: Job[];
  readonly total: number;
  readonly firstId: number;
}

export async function aggregate(o: WalkForwardOptions, pool: JobPool, plan: Plan): Promise<WalkForwardResult> {
  const { valid, skipped, base, folds, settings, phase1, total } = plan;
  const series = o.series;
  const capital = settings.capital;
  const spanFrom = folds[0]!.trainFrom;
  const spanTo = folds[folds.length - 1]!.testTo;
  let id = plan.firstId;
  const r1 = await pool.run(phase1, (d) => o.onProgress?.(d, total));
  const full = r1.slice(0, valid.length);
  const train = r1.slice(valid.length);
  const chosen = folds.map((f) => {
    const rs = train.slice(f.index * valid.length, (f.index + 1) * valid.length);
    const k = selectBest(rs.map((r) => objectiveValue(r.metrics, o.objective)));
    return { point: valid[k]!, train: rs[k]! };
  });
  const phase2: Job[] = folds.map((f, i) => {
    const v = chosen[i]!.point;
    return { id: id++, kind: "test", fold: f.index, point: v.index, params: v.full, from: Math.max(0, f.testFrom - v.warmup), to: f.testTo, measureFrom: f.testFrom };
  });
  const r2 = await pool.run(phase2, (d) => o.onProgress?.(phase1.length + d, total));

  const foldReports: FoldReport[] = folds.map((f, i) => {
    const c = chosen[i]!;
    const t = r2[i]!;
    return {
      index: f.index + 1,
      train: { start: f.trainStart, end: f.trainEnd, bars: f.trainTo - f.trainFrom },
      test: { start: f.testStart, end: f.testEnd, bars: f.testTo - f.testFrom },
      params: c.point.params,
      isObjective: objectiveValue(c.train.metrics, o.objective),
      oosObjective: objectiveValue(t.metrics, o.objective),
      is: c.train.metrics,
      oos: t.metrics,
    };
  });
  // Stitched out-of-sample curve and trades.
  const oosEquity = stitchEquity(r2.map((r) => r.equity!), capital);
  const oosTs = new Float64Array(oosEquity.length);
  let k = 0;
  for (const f of folds) for (let j = f.testFrom; j < f.testTo; j++) oosTs[k++] = series.tsEvent[j]!;
  const oosTrades: OosTrade[] = r2.flatMap((r) => r.trades ?? []);
  const first = folds[0]!;
  const last = folds[folds.length - 1]!;
  const oosMetrics = computeMetrics({
    equity: oosEquity,
    tsEvent: oosTs,
    intervalMs: series.intervalMs,
    capital,
    trades: oosTrades.map((t) => ({ ...t, instrumentId: o.instrument.id, entryBar: 0, exitBar: 0 })),
    feesPaid: oosTrades.reduce((s, t) => s + t.fees, 0),
    barsInPosition: 0,
    firstClose: series.close[first.testFrom]!,
    lastClose: series.close[last.testTo - 1]!,
  });
  // In-sample aggregate over the chosen points.
  const isWins = chosen.reduce((s, c) => s + c.train.metrics.wins, 0);
  const isLosses = chosen.reduce((s, c) => s + c.train.metrics.losses, 0);
  const isWinRate = isWins + isLosses > 0 ? isWins / (isWins + isLosses) : Number.NaN;
  const oosWinRate = oosMetrics.wins + oosMetrics.losses > 0 ? oosMetrics.wins / (oosMetrics.wins + oosMetrics.losses) : Number.NaN;
  const ratio = degradationRatio(isWinRate, oosWinRate);
  // Annualised objectives for efficiency ("return" compares CAGR, since windows differ in length).
  const effObjective = (m: typeof oosMetrics | (typeof chosen)[number]["train"]["metrics"]): number =>
    o.objective === "return" ? m.cagr : objectiveValue(m, o.objective);
  const meanIs = mean(chosen.map((c) => effObjective(c.train.metrics)));
  const efficiency = walkForwardEfficiency(meanIs, effObjective(oosMetrics));
  // DSR: stitched OOS daily returns vs the daily Sharpe ratios of every configuration tried.
  const oosDaily = bucketReturns(oosTs, oosEquity, capital);
  const trialSharpes = full.map((r) => sharpe(r.daily!));
  const dsr = oosDaily.length >= 3 ? deflatedSharpe(oosDaily, trialSharpes) : null;
  const days = full[0]!.daily!.length;
  let splits = o.pboSplits ?? 16;
  while (splits > 2 && days < splits * 4) splits -= 2;
  const pbo = valid.length >= 2 && days >= 2 * splits ? probabilityOfBacktestOverfitting(full.map((r) => r.daily!), { splits }) : null;
  const stats = tradeStatistics(oosTrades, { initialCapital: capital, resamples: o.bootstrapResamples ?? 2_000 });
  const stability = parameterStability(o.axes, chosen.map((c) => c.point.params));
  const risk = overfitRisk(ratio);
  const checks = [
    { name: "OOS return > 0", ok: oosMetrics.totalReturn > 0, value: oosMetrics.totalReturn },
    { name: "overfitting risk low or medium", ok: risk === "low" || risk === "medium", value: ratio },
    { name: "DSR ≥ 0.95", ok: (dsr?.dsr ?? 0) >= 0.95, value: dsr?.dsr ?? Number.NaN },
    { name: "PBO < 0.5", ok: pbo !== null && pbo.pbo < 0.5, value: pbo?.pbo ?? Number.NaN },
  ];
  return {
    strategy: o.strategy,
    symbol: series.symbol,
    intervalMs: series.intervalMs,
    source: series.source,
    span: { start: series.tsEvent[spanFrom]!, end: series.tsEvent[spanTo - 1]! + series.intervalMs, bars: spanTo - spanFrom },
    objective: o.objective,
    windows: { trainMs: o.windows.trainMs, testMs: o.windows.testMs, stepMs: o.windows.stepMs ?? o.windows.testMs, anchored: o.windows.anchored ?? false },
    grid: { axes: o.axes.map((a) => ({ name: a.name, values: [...a.values] })), points: valid.length + skipped.count, valid: valid.length, skipped },
    fixed: base,
    settings: { ...settings },
    backtests: phase1.length + phase2.length,
    folds: foldReports,
    oos: { metrics: oosMetrics, equity: oosEquity, tsEvent: oosTs, dailyReturns: oosDaily },
    is: { meanObjective: meanIs, wins: isWins, losses: isLosses, winRate: isWinRate },
    degradation: { isWinRate, oosWinRate, ratio, risk, efficiency },
    stability,
    dsr,
    pbo,
    statistics: stats,
    verdict: { passed: checks.every((c) => c.ok), checks },
  };
}

function mean(x: number[]): number {
  const f = x.filter((v) => Number.isFinite(v));
  return f.length ? f.reduce((s, v) => s + v, 0) / f.length : Number.NaN;
}


