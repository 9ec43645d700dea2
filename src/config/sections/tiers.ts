/**
 * Storage tiers (`[tiers]`): hot-tier bounds, warm-tier ingest batching, retention, cold layout
 * and the tiering schedule. Database connection settings stay in `[database]`, folders in
 * `[storage]`. Invariant (checked): a table's warm retention is longer than its tiering age, so
 * rows are exported to cold before retention can drop them.
 */
import { z } from "zod";

const TABLES = [
  "candles", "trades", "orderbook_snapshots", "funding_rates", "liquidations", "liquidation_aggregates", "polymarket_odds",
  "paper_trades", "signal_snapshots", "cross_market_opportunities", "window_settlements", "backtest_results", "fills",
] as const;

const perTable = (desc: string) => z.partialRecord(z.enum(TABLES), z.number().positive()).describe(desc);

export const tiersSchema = z
  .object({
    hot: z
      .object({
        max_rows: z.number().int().positive().default(100_000).describe("Rows kept per stream in the in-memory Arrow tier"),
        max_age_ms: z.number().int().positive().default(86_400_000).describe("Age (by the newest row) past which hot rows are evicted"),
        batch_rows: z.number().int().min(16).default(1024).describe("Rows per sealed Arrow record batch"),
      })
      .prefault({}),
    ingest: z
      .object({
        batch_rows: z.number().int().positive().default(5000).describe("Rows per warm-tier write (COPY)"),
        max_latency_ms: z.number().int().positive().default(1000).describe("Longest a row waits in memory before it is written"),
        high_water_rows: z.number().int().positive().default(200_000).describe("Buffered rows above which producers are told to slow down"),
        retry_ms: z.number().int().positive().default(2000).describe("How often the spool replay probes an unreachable database"),
        max_future_ms: z.number().int().min(0).default(86_400_000).describe("Rows stamped further in the future than this are rejected"),
      })
      .prefault({}),
    warm: z
      .object({
        pg_schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default("public").describe("PostgreSQL schema holding the tables"),
        mode: z.enum(["auto", "timescaledb", "partitioned"]).default("auto").describe("db migrate mode (auto = timescaledb when available)"),
        embedded_file: z.string().default("").describe("Embedded DuckDB file when no database.url is set (default <data_dir>/warm.duckdb)"),
      })
      .prefault({}),
    cold: z
      .object({
        dir: z.string().default("").describe("Root of the Parquet tree (default <data_dir>/cold)"),
        chunk_days: z.number().int().positive().default(31).describe("Days per warm read during export"),
      })
      .prefault({}),
    retention_days: perTable("Days kept in the warm tier per table (absent = forever)").default({
      trades: 7, orderbook_snapshots: 90, funding_rates: 180, liquidations: 180, liquidation_aggregates: 90, polymarket_odds: 180,
      paper_trades: 180, signal_snapshots: 90, cross_market_opportunities: 180, window_settlements: 365,
    }),
    tiering: z
      .object({
        enabled: z.boolean().default(true).describe("Run the warm → cold tiering job in the daemon"),
        interval_minutes: z.number().positive().default(60).describe("Minutes between tiering runs"),
        tier_after_days: perTable("Move rows older than this many days (whole UTC days) to cold").default({ candles: 30, trades: 2, orderbook_snapshots: 7, funding_rates: 30 }),
        delete_after_export: z.boolean().default(true).describe("Delete verified exported rows from the warm tier"),
      })
      .prefault({}),
  })
  .prefault({})
  .superRefine((t, ctx) => {
    for (const [table, after] of Object.entries(t.tiering.tier_after_days)) {
      const keep = t.retention_days[table as (typeof TABLES)[number]];
      if (keep !== undefined && after !== undefined && keep <= after) {
        ctx.addIssue({ code: "custom", path: ["retention_days", table], message: `must be longer than tiering.tier_after_days.${table} (${after}) or rows are dropped before they reach cold` });
      }
    }
  });

export type TiersConfig = z.infer<typeof tiersSchema>;
