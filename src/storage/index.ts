/**
 * Public entry of the storage tiers (exports listed by name). Hot: Arrow record batches in
 * memory. Warm: PostgreSQL/TimescaleDB or embedded DuckDB behind WarmStore, fed by the Ingestor
 * (batched COPY, spool when the database is away). Cold: Parquet via DuckDB. Tiering: the replay
 * loader and the scheduled warm → cold job. The composition root starts with openStorageRuntime.
 */
export { CATALOG, TABLE_NAMES, tableDef, isTableName } from "./catalog.ts";
export type { TableDef, TableName, ColumnDef, ColumnType } from "./catalog.ts";
export type { ColumnBatch, ColumnData, ValidBatch, RangeFilter, CandleQuery, WarmMode, WarmStore, MigrateReport, SeriesInfo, MaintenanceReport, MaintenanceOptions } from "./ports.ts";
export { validateBatch, DEFAULT_MIN_TS } from "./validate-batch.ts";
export type { TimeBounds, ValidationResult } from "./validate-batch.ts";
export { candleBatchFromSeries } from "./series-batch.ts";
export { decimalString, normaliseDecimal } from "./decimal.ts";
export { HotStore, HOT_KINDS, hotKeyString } from "./hot/hot-store.ts";
export type { HotKey, HotKind, HotBounds } from "./hot/hot-store.ts";
export { HotStream } from "./hot/hot-stream.ts";
export { PgWarmStore } from "./warm/pg-warm-store.ts";
export { DuckDBWarmStore } from "./warm/duckdb-warm-store.ts";
export { Ingestor } from "./warm/ingestor.ts";
export type { IngestorOptions, IngestStats } from "./warm/ingestor.ts";
export { renderPsqlScript } from "./warm/render-psql.ts";
export { readCsvBatch } from "./warm/csv-batch.ts";
export { ColdStore } from "./cold/cold-store.ts";
export type { ExportOptions, ExportReport, QueryResult } from "./cold/cold-store.ts";
export { getDuckDB, openDuckDB } from "./cold/duckdb-native.ts";
export type { DuckDBHandle, DuckDBModule } from "./cold/duckdb-native.ts";
export { loadBarsFromTier, resolveSymbol } from "./tiering/load-bars-from-tier.ts";
export type { TierName, TierSources, TierBars } from "./tiering/load-bars-from-tier.ts";
export { TieringJob } from "./tiering/tiering-job.ts";
export { CandleSink } from "./tiering/candle-sink.ts";
export type { SeriesLabel, IngestTarget } from "./tiering/candle-sink.ts";
export type { TieringOptions, TieringReport } from "./tiering/tiering-job.ts";
export { openStorageRuntime, warmStoreFor, coldRoot } from "./tiering/storage-runtime.ts";
export type { StorageRuntime, StorageSettings } from "./tiering/storage-runtime.ts";
