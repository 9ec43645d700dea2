/**
 * What a report needs besides the engine's BacktestResult: where the data came from and how the
 * strategy was configured. Built by the backtest command; walk-forward and bots can build one too.
 */
import type { BacktestResult } from "../../engine/index.ts";

export interface RunInfo {
  /** Data file path as given. */
  readonly dataFile: string;
  /** Interval name ("1h") or a length in ms when it has no name. */
  readonly interval: string;
  readonly skippedRows: number;
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly tickSize: string;
  readonly lotSize: string;
  /** Requested time window (epoch ms), if any. */
  readonly from?: number;
  readonly to?: number;
}

export interface ReportInput {
  readonly result: BacktestResult;
  readonly info: RunInfo;
}

/** "fast=10, slow=30" */
export function paramsText(p: Readonly<Record<string, unknown>>): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
}
