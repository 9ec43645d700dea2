/**
 * Storage ports: the shapes every tier speaks. Data moves between tiers as COLUMN batches
 * (one array per column, constants for per-batch values such as venue/symbol), never as one
 * object per row, so a hot-tier Arrow batch or an engine BarSeries becomes a warm write or a
 * cold export without row materialisation.
 *
 * Time is epoch milliseconds (number) everywhere in JS; tiers store it as timestamptz /
 * TIMESTAMPTZ. Money columns accept a JS number (its shortest decimal is stored), a decimal
 * string, or a bigint Amount (1e-12 units).
 */
import type { BarSeries } from "../engine/bar-series.ts";
import type { TableName } from "./catalog.ts";

/** One column: an array (typed or plain) or a value shared by every row of the batch. */
export type ColumnData = ArrayLike<unknown> | { readonly constant: unknown };

/** What the cold exporter wrote for one range: rows and a store-specific content fingerprint. */
export interface ExportedRange {
  readonly rows: number;
  readonly fingerprint: string;
}

export interface ColumnBatch {
  readonly table: TableName;
  readonly length: number;
  readonly columns: Readonly<Record<string, ColumnData>>;
  /** Where the rows came from (file path, stream name), for error messages. */
  readonly source?: string;
  /** Source line of row 0 (e.g. 2 for a CSV with a header), for error messages. */
  readonly firstLine?: number;
}

/** A batch after boundary validation: `rows` lists the accepted row indexes in order. */
export interface ValidBatch {
  readonly batch: ColumnBatch;
  readonly rows: Uint32Array;
}

/** Time range [fromMs, toMs) plus optional series filters (interval applies to candles). */
export interface RangeFilter {
  readonly fromMs: number;
  readonly toMs: number;
  readonly venue?: string;
  readonly symbol?: string;
  readonly interval?: string;
}

export interface CandleQuery {
  readonly symbol: string;
  readonly venue?: string;
  readonly interval: string;
  readonly fromMs?: number;
  readonly toMs?: number;
}

export type WarmMode = "timescaledb" | "partitioned" | "embedded";

export interface MigrateReport {
  readonly mode: WarmMode;
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
}

export interface SeriesInfo {
  readonly venue: string;
  readonly symbol: string;
  readonly interval?: string;
  readonly rows: number;
  readonly fromMs: number;
  readonly toMs: number;
}

export interface MaintenanceReport {
  readonly mode: WarmMode;
  /** Partitions created ahead (partitioned mode). */
  readonly created: number;
  /** Partitions/chunks dropped or rows deleted by retention. */
  readonly dropped: number;
}

export interface MaintenanceOptions {
  readonly nowMs: number;
  /** Days to keep per table; tables not listed keep everything. */
  readonly retentionDays: Partial<Record<TableName, number>>;
  /** Partitions to create ahead of now (partitioned mode). */
  readonly aheadPeriods?: number;
}

/** The warm tier: PostgreSQL/TimescaleDB or the embedded DuckDB file, same behaviour. */
export interface WarmStore {
  readonly backend: "postgres" | "duckdb";
  /** Human description without secrets, e.g. "postgres 127.0.0.1:5432/test schema=x". */
  readonly description: string;
  /** Applies pending migrations (idempotent); says which mode is in use. */
  migrate(opts?: { mode?: "auto" | "timescaledb" | "partitioned" }): Promise<MigrateReport>;
  /** Mode recorded by the last migration; throws StorageError(code SCHEMA_MISSING) when not migrated. */
  mode(): Promise<WarmMode>;
  /**
   * Idempotent upsert of the accepted rows (same key = replaced, last occurrence in the batch
   * wins); returns rows written. `upsertOnly` skips the insert-first fast path (replays).
   */
  write(valid: ValidBatch, opts?: { upsertOnly?: boolean }): Promise<number>;
  queryCandles(q: CandleQuery): Promise<BarSeries>;
  count(table: TableName, filter?: RangeFilter): Promise<number>;
  /** Series present in a table with row counts and time bounds. */
  listSeries(table: TableName): Promise<SeriesInfo[]>;
  /**
   * Writes rows in [from, to) as CSV with a header (catalog column order; ts as epoch ms;
   * decimals exact) to `path`; returns the row count. Used by the cold exporter.
   */
  exportCsv(table: TableName, filter: RangeFilter, path: string): Promise<number>;
  /**
   * Writes rows in [from, to) for the cold exporter in the store's fastest EXACT interchange:
   * "parquet" (DuckDB: native types) or "csv-units" (PostgreSQL: header + rows, timestamps as
   * epoch microseconds, money as integer 1e-12 units, JSON as text). Returns the row count and a
   * fingerprint of the rows' content, both read in the same snapshot as the rows written.
   */
  exportForCold(table: TableName, filter: RangeFilter, path: string): Promise<ExportedRange & { format: "parquet" | "csv-units" }>;
  /**
   * Deletes [from, to) only if it still holds exactly the exported rows (same count, same content
   * fingerprint), atomically with respect to concurrent writes; returns the rows deleted, or null
   * (nothing deleted) when a row was added, changed or removed since the export.
   */
  deleteExported(table: TableName, filter: RangeFilter, exported: ExportedRange): Promise<number | null>;
  deleteRange(table: TableName, filter: RangeFilter): Promise<number>;
  maintain(opts: MaintenanceOptions): Promise<MaintenanceReport>;
  close(): Promise<void>;
}

/** Reads a cell of a column at row i. */
export function cell(col: ColumnData, i: number): unknown {
  return isConstant(col) ? col.constant : col[i];
}

export function isConstant(col: ColumnData): col is { readonly constant: unknown } {
  return typeof col === "object" && col !== null && "constant" in col && !("length" in col);
}
