/**
 * Messages and job shapes shared by the walk-forward orchestrator and its Bun Workers.
 * Everything here is structured-clone friendly (plain objects, numbers, Float64Arrays). The series
 * arrays are views of one SharedArrayBuffer, so every worker reads the same memory (no copy).
 *
 * Job kinds:
 *   train — one grid point on one fold's train window → metrics for the objective;
 *   test  — the fold's chosen point on its test window, run from `from` (= test start − warm-up)
 *           so indicators are warm, measured from `measureFrom` → equity segment and trades;
 *   full  — one grid point over the whole walk-forward span → daily returns (for PBO and the
 *           trial Sharpe variance of the Deflated Sharpe Ratio).
 */
import type { Instrument } from "../../core/index.ts";
import type { PackedJobs, PackedResults } from "./work-queue.ts";

export interface SeriesPayload {
  readonly symbol: string;
  readonly venue: string;
  readonly intervalMs: number;
  readonly source: string;
  readonly tsEvent: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Engine settings as plain numbers (see src/engine/settings.ts). */
export type SettingsPayload = Readonly<Record<string, number>>;

export interface WalkForwardSetup {
  readonly series: SeriesPayload;
  readonly instrument: Instrument;
  readonly strategy: string;
  readonly settings: SettingsPayload;
}

export type JobKind = "train" | "test" | "full";

export interface Job {
  readonly id: number;
  readonly kind: JobKind;
  readonly fold: number;
  readonly point: number;
  readonly params: Readonly<Record<string, unknown>>;
  readonly from: number;
  readonly to: number;
  /** test jobs: first bar of the measured window (≥ from). */
  readonly measureFrom: number;
}

export interface SegmentMetrics {
  readonly sharpe: number;
  readonly sortino: number;
  readonly totalReturn: number;
  readonly cagr: number;
  readonly maxDrawdown: number;
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: number;
  readonly finalEquity: number;
}

export interface OosTrade {
  readonly direction: "long" | "short";
  readonly entryTime: number;
  readonly exitTime: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly quantity: number;
  readonly pnl: number;
  readonly pnlPct: number;
  readonly fees: number;
}

export interface JobResult {
  readonly id: number;
  readonly metrics: SegmentMetrics;
  /** test: measured equity, rescaled to start from the capital. */
  readonly equity?: Float64Array;
  /** test: trades entered inside the measured window. */
  readonly trades?: readonly OosTrade[];
  /** full: returns per UTC day. */
  readonly daily?: Float64Array;
}

export type ToWorker =
  | { readonly type: "init"; readonly setup: WalkForwardSetup }
  /** Claim chunks of `jobs` from the shared counter `ctl` (see work-queue.ts) until none are left. */
  | { readonly type: "run"; readonly run: number; readonly jobs: PackedJobs; readonly ctl: Int32Array; readonly threads: number };

export type PackedResultsMsg = { readonly type: "results"; readonly run: number; readonly results: PackedResults };

export type FromWorker =
  | PackedResultsMsg
  | { readonly type: "error"; readonly message: string; readonly code?: string; readonly jobId?: number };
