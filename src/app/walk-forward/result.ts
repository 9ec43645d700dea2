/**
 * Shape of a walk-forward result (what `--json` prints, minus the large arrays, and what the
 * text and HTML reports render). Times are epoch ms; metrics follow src/engine/metrics.ts.
 */
import type { BacktestMetrics } from "../../engine/index.ts";
import type { DeflatedSharpeResult, GridPoint, Objective, OverfitRisk, ParamStability, PboResult, TradeStatistics } from "../../stats/index.ts";
import type { SegmentMetrics } from "./protocol.ts";

export interface FoldReport {
  /** 1-based. */
  readonly index: number;
  readonly train: { readonly start: number; readonly end: number; readonly bars: number };
  readonly test: { readonly start: number; readonly end: number; readonly bars: number };
  readonly params: GridPoint;
  readonly isObjective: number;
  readonly oosObjective: number;
  readonly is: SegmentMetrics;
  readonly oos: SegmentMetrics;
}

export interface WalkForwardResult {
  readonly strategy: string;
  readonly symbol: string;
  readonly intervalMs: number;
  readonly source: string;
  readonly span: { readonly start: number; readonly end: number; readonly bars: number };
  readonly objective: Objective;
  readonly windows: { readonly trainMs: number; readonly testMs: number; readonly stepMs: number; readonly anchored: boolean };
  readonly grid: {
    readonly axes: readonly { readonly name: string; readonly values: readonly number[] }[];
    readonly points: number;
    readonly valid: number;
    /** Combinations rejected by the strategy's cross-field check, with up to 3 examples. */
    readonly skipped: { readonly count: number; readonly examples: readonly string[] };
  };
  /** Fixed (non-grid) parameters given with --param; the rest keep the strategy defaults. */
  readonly fixed: Readonly<Record<string, unknown>>;
  readonly settings: Readonly<Record<string, number>>;
  /** Backtests run (train + full-span + test). */
  readonly backtests: number;
  readonly folds: readonly FoldReport[];
  readonly oos: {
    readonly metrics: BacktestMetrics;
    readonly equity: Float64Array;
    readonly tsEvent: Float64Array;
    readonly dailyReturns: Float64Array;
  };
  readonly is: { readonly meanObjective: number; readonly wins: number; readonly losses: number; readonly winRate: number };
  readonly degradation: { readonly isWinRate: number; readonly oosWinRate: number; readonly ratio: number; readonly risk: OverfitRisk; readonly efficiency: number };
  readonly stability: { readonly params: readonly ParamStability[]; readonly score: number };
  readonly dsr: DeflatedSharpeResult | null;
  readonly pbo: PboResult | null;
  readonly statistics: TradeStatistics;
  readonly verdict: { readonly passed: boolean; readonly checks: readonly { readonly name: string; readonly ok: boolean; readonly value: number }[] };
}
