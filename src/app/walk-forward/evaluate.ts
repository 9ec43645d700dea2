/**
 * Runs walk-forward jobs: the same code in the main thread (--workers 1) and in every Bun
 * Worker, so results cannot depend on where a job ran. Each job builds a fresh strategy from
 * the registry and runs the deterministic engine on a zero-copy slice of the series.
 */
import { computeMetrics, runBacktest, sliceSeries, type BacktestMetrics, type BarSeries, type EngineSettings } from "../../engine/index.ts";
// Direct file import (not stats/index.ts): the worker must not load the @stdlib numerics it never
// uses — they dominate worker start-up time when running from source.
import { bucketReturns } from "../../stats/walk-forward/assess.ts";
import type { Job, JobResult, OosTrade, SegmentMetrics, WalkForwardSetup } from "./protocol.ts";
import { strategyDefinition } from "./strategy-def.ts";

function pickMetrics(m: BacktestMetrics): SegmentMetrics {
  return {
    sharpe: m.sharpe,
    sortino: m.sortino,
    totalReturn: m.totalReturn,
    cagr: m.cagr,
    maxDrawdown: m.maxDrawdown,
    trades: m.trades,
    wins: m.wins,
    losses: m.losses,
    winRate: m.winRate,
    finalEquity: m.finalEquity,
  };
}

export type Evaluator = (job: Job) => JobResult;

/**
 * Bus ring capacity per backtest. The engine's default (4096 bars × 6 lanes = 192 KiB) is sized
 * for streaming million-bar files; walk-forward runs thousands of short backtests, where that
 * allocation per run is pure GC pressure. Results do not depend on it (the ring only batches).
 */
const RING = 256;

export function createEvaluator(setup: WalkForwardSetup): Evaluator {
  const def = strategyDefinition(setup.strategy);
  const series: BarSeries = { ...setup.series, length: setup.series.tsEvent.length };
  const settings = setup.settings as unknown as Partial<EngineSettings>;
  const capital = Number(setup.settings.capital ?? 10_000);
  // Parsed parameters per distinct parameter set: every fold reuses them (zod parsing on every job
  // took ~10% of a single-thread walk-forward run).
  const parsed = new Map<string, Record<string, unknown>>();
  return (job: Job): JobResult => {
    const key = JSON.stringify(job.params);
    let params = parsed.get(key);
    if (params === undefined) parsed.set(key, (params = def.params.parse(job.params)));
    const window = sliceSeries(series, job.from, job.to);
    const r = runBacktest(window, setup.instrument, def.create(params), settings, { collectFills: false, ringCapacity: RING });
    if (job.kind === "train") return { id: job.id, metrics: pickMetrics(r.metrics) };
    if (job.kind === "full") {
      return { id: job.id, metrics: pickMetrics(r.metrics), daily: bucketReturns(window.tsEvent, r.equity, capital) };
    }
    // test: measure from measureFrom, rescaled so the segment starts from the capital.
    const k = job.measureFrom - job.from;
    const before = k > 0 ? r.equity[k - 1]! : capital;
    const scale = before > 0 ? capital / before : 1;
    const equity = r.equity.slice(k).map((e) => e * scale);
    const kept = r.trades.filter((t) => t.entryBar >= k);
    const trades: OosTrade[] = kept.map((t) => ({
      direction: t.direction,
      entryTime: t.entryTime,
      exitTime: t.exitTime,
      entryPrice: t.entryPrice,
      exitPrice: t.exitPrice,
      quantity: t.quantity,
      pnl: t.pnl,
      pnlPct: t.pnlPct,
      fees: t.fees,
    }));
    const measured = sliceSeries(window, k, window.length);
    const m = computeMetrics({
      equity,
      tsEvent: measured.tsEvent,
      intervalMs: series.intervalMs,
      capital,
      trades: kept,
      feesPaid: kept.reduce((s, t) => s + t.fees, 0),
      barsInPosition: 0,
      firstClose: measured.close[0]!,
      lastClose: measured.close[measured.length - 1]!,
    });
    return { id: job.id, metrics: pickMetrics(m), equity, trades };
  };
}
