/**
 * Storage wiring for the composition root (daemon, commands): picks the warm backend
 * (PostgreSQL when a database URL is configured, else the embedded DuckDB file under the data
 * dir), and builds the cold store, the hot tier, the ingest pipeline and the tiering job from
 * the `[database]`, `[storage]` and `[tiers]` config sections (passed as plain objects, so this
 * module does not depend on the config package).
 *
 * Lifecycle: `const rt = await openStorageRuntime(cfg, { clock, log }); rt.start(); … await rt.stop();`
 * Feeding: `rt.candles.onBar(bar, { venue, symbol, interval })` for bars (hot + warm), `rt.sink(batch)`
 * for any other table, `rt.hot.stream(key)` for other hot streams.
 * start() runs the ingest timer and (if enabled) the tiering schedule; stop() flushes buffered
 * rows (to the database or the spool), waits for a tiering run in progress and closes the stores.
 */
import { join, resolve } from "node:path";
import type { Clock } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import type { TableName } from "../catalog.ts";
import { ColdStore } from "../cold/cold-store.ts";
import { HotStore } from "../hot/hot-store.ts";
import type { ColumnBatch, WarmStore } from "../ports.ts";
import { DuckDBWarmStore } from "../warm/duckdb-warm-store.ts";
import { Ingestor } from "../warm/ingestor.ts";
import { PgWarmStore } from "../warm/pg-warm-store.ts";
import { CandleSink } from "./candle-sink.ts";
import { TieringJob } from "./tiering-job.ts";

export interface StorageSettings {
  readonly database: { readonly url?: string | undefined; readonly max_connections: number };
  readonly storage: { readonly data_dir: string };
  readonly tiers: {
    readonly hot: { readonly max_rows: number; readonly max_age_ms: number; readonly batch_rows: number };
    readonly ingest: { readonly batch_rows: number; readonly max_latency_ms: number; readonly high_water_rows: number; readonly retry_ms: number; readonly max_future_ms: number };
    readonly warm: { readonly pg_schema: string; readonly mode: "auto" | "timescaledb" | "partitioned"; readonly embedded_file: string };
    readonly cold: { readonly dir: string; readonly chunk_days: number };
    readonly retention_days: Partial<Record<TableName, number>>;
    readonly tiering: { readonly enabled: boolean; readonly interval_minutes: number; readonly tier_after_days: Partial<Record<TableName, number>>; readonly delete_after_export: boolean };
  };
}

/** The warm store the settings select (not connected until first use). */
export function warmStoreFor(s: StorageSettings): WarmStore {
  if (s.database.url) return new PgWarmStore({ url: s.database.url, schema: s.tiers.warm.pg_schema, maxConnections: s.database.max_connections });
  return new DuckDBWarmStore(resolve(s.tiers.warm.embedded_file || join(s.storage.data_dir, "warm.duckdb")));
}

export function coldRoot(s: StorageSettings): string {
  return resolve(s.tiers.cold.dir || join(s.storage.data_dir, "cold"));
}

export interface StorageRuntime {
  readonly warm: WarmStore;
  readonly cold: ColdStore;
  readonly hot: HotStore;
  readonly ingestor: Ingestor;
  readonly tiering: TieringJob;
  /** Bars → hot tier at once + warm tier in column batches (onBar returns false = slow down). */
  readonly candles: CandleSink;
  /** Sends a batch to the warm tier through the ingest pipeline; false = slow down. */
  sink(batch: ColumnBatch): boolean;
  start(): void;
  stop(): Promise<void>;
}

export async function openStorageRuntime(s: StorageSettings, deps: { clock: Clock; log: Logger; migrate?: boolean }): Promise<StorageRuntime> {
  const log = deps.log.child({ component: "storage" });
  const warm = warmStoreFor(s);
  // Zero-service default: the embedded file migrates itself; PostgreSQL needs `db migrate` unless asked.
  if (deps.migrate ?? warm.backend === "duckdb") {
    const r = await warm.migrate({ mode: s.tiers.warm.mode });
    log.info("Warm tier ready", { store: warm.description, mode: r.mode, applied: r.applied.length });
  } else {
    log.info("Warm tier ready", { store: warm.description, mode: await warm.mode() });
  }
  const cold = new ColdStore(coldRoot(s));
  const hot = new HotStore({ maxRows: s.tiers.hot.max_rows, maxAgeMs: s.tiers.hot.max_age_ms, batchRows: s.tiers.hot.batch_rows });
  const i = s.tiers.ingest;
  const ingestor = new Ingestor({
    store: warm,
    spoolFile: resolve(join(s.storage.data_dir, "spool", "warm.spool")),
    clock: deps.clock,
    log,
    batchRows: i.batch_rows,
    maxLatencyMs: i.max_latency_ms,
    highWaterRows: i.high_water_rows,
    retryMs: i.retry_ms,
    maxFutureMs: i.max_future_ms,
  });
  const t = s.tiers.tiering;
  const tiering = new TieringJob({
    warm,
    cold,
    clock: deps.clock,
    log,
    intervalMs: t.interval_minutes * 60_000,
    tierAfterDays: t.tier_after_days,
    retentionDays: s.tiers.retention_days,
    deleteAfterExport: t.delete_after_export,
    chunkDays: s.tiers.cold.chunk_days,
  });
  const candles = new CandleSink(hot, ingestor);
  return {
    warm,
    cold,
    hot,
    ingestor,
    tiering,
    candles,
    sink: (b) => ingestor.push(b),
    start() {
      ingestor.start();
      if (t.enabled) tiering.start();
    },
    async stop() {
      candles.flush();
      await tiering.stop();
      await ingestor.stop();
      await cold.close();
      await warm.close();
    },
  };
}
