/**
 * Versioned migrations and their rendering per target:
 *  - "timescaledb": hypertables, compression + retention policies, continuous aggregates;
 *  - "partitioned": plain PostgreSQL, native RANGE partitioning on ts, partition-maintenance
 *    functions (algo_ensure_partitions / algo_drop_partitions_before) and roll-up views;
 *  - "embedded": DuckDB file, same tables and roll-up views, retention by DELETE.
 * `tx` runs inside one transaction with the schema_migrations row; `outsideTx` holds statements
 * TimescaleDB refuses inside a transaction (continuous aggregates). Checksums cover both, so an
 * edited released migration is detected.
 */
import type { WarmMode } from "../../ports.ts";
import { PERIODS, ROLLUPS, TABLES_SQL, TIMESCALE_POLICIES } from "./001-initial.ts";

export interface RenderedMigration {
  readonly tx: string;
  readonly outsideTx: string;
  readonly checksum: string;
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  render(target: WarmMode): RenderedMigration;
}

const PG_TYPES = { TS: "timestamptz", TEXT: "text", NUM: "numeric(38,12)", INT: "integer", BIGINT: "bigint", JSON: "jsonb" };
const DUCK_TYPES = { TS: "TIMESTAMPTZ", TEXT: "VARCHAR", NUM: "DECIMAL(38,12)", INT: "INTEGER", BIGINT: "BIGINT", JSON: "JSON" };
const CHUNK_DAYS = { day: "1 day", week: "7 days", month: "30 days" } as const;

export const SCHEMA_MIGRATIONS_DDL = {
  pg: "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, mode text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());",
  duckdb: "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, mode VARCHAR NOT NULL, checksum VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());",
};

function tables(target: WarmMode): string {
  const types: Record<string, string> = target === "embedded" ? DUCK_TYPES : PG_TYPES;
  let sql = TABLES_SQL.replace(/\{(TS|TEXT|NUM|INT|BIGINT|JSON)\}/g, (_, k: string) => types[k]!);
  sql = sql.replace(/\{PART\}/g, target === "partitioned" ? "PARTITION BY RANGE (ts)" : "").replace(/\) ;/g, ");");
  // DuckDB: no secondary indexes (zone maps serve range scans; ART indexes would slow upserts).
  if (target === "embedded") sql = sql.replace(/^CREATE INDEX .*$\n/gm, "");
  return sql.trim() + "\n";
}

const PARTITION_FUNCTIONS = `
CREATE TABLE IF NOT EXISTS storage_partitioning (table_name text PRIMARY KEY, period text NOT NULL CHECK (period IN ('day', 'week', 'month')));
INSERT INTO storage_partitioning (table_name, period) VALUES
${Object.entries(PERIODS).map(([t, p]) => `  ('${t}', '${p}')`).join(",\n")}
ON CONFLICT (table_name) DO UPDATE SET period = EXCLUDED.period;

-- Creates the partitions covering [p_from, p_to] (UTC periods, named <table>_pYYYYMMDD).
CREATE OR REPLACE FUNCTION algo_ensure_partitions(p_table text, p_from timestamptz, p_to timestamptz) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  v_period text; v_schema text; v_start timestamp; v_end timestamp; v_name text; v_created integer := 0;
BEGIN
  SELECT period INTO v_period FROM storage_partitioning WHERE table_name = p_table;
  IF v_period IS NULL THEN RAISE EXCEPTION 'table % has no partitioning policy', p_table; END IF;
  SELECT n.nspname INTO v_schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(p_table);
  PERFORM pg_advisory_xact_lock(hashtext('algo_partitions:' || v_schema || '.' || p_table));
  v_start := date_trunc(v_period, p_from AT TIME ZONE 'UTC');
  WHILE v_start <= (p_to AT TIME ZONE 'UTC') LOOP
    v_end := v_start + ('1 ' || v_period)::interval;
    v_name := p_table || '_p' || to_char(v_start, 'YYYYMMDD');
    IF to_regclass(format('%I.%I', v_schema, v_name)) IS NULL THEN
      EXECUTE format('CREATE TABLE %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)', v_schema, v_name, v_schema, p_table,
        (v_start AT TIME ZONE 'UTC')::text, (v_end AT TIME ZONE 'UTC')::text);
      v_created := v_created + 1;
    END IF;
    v_start := v_end;
  END LOOP;
  RETURN v_created;
END
$fn$;

-- Drops every partition whose upper bound is at or before p_cutoff (retention).
CREATE OR REPLACE FUNCTION algo_drop_partitions_before(p_table text, p_cutoff timestamptz) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  r record; v_upper timestamptz; v_dropped integer := 0;
BEGIN
  FOR r IN
    SELECT n.nspname, c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE i.inhparent = to_regclass(p_table)
  LOOP
    v_upper := substring(r.bound FROM 'TO \\(''([^'']+)''\\)')::timestamptz;
    IF v_upper IS NOT NULL AND v_upper <= p_cutoff THEN
      EXECUTE format('DROP TABLE %I.%I', r.nspname, r.relname);
      v_dropped := v_dropped + 1;
    END IF;
  END LOOP;
  RETURN v_dropped;
END
$fn$;
`;

function rollupViews(target: "partitioned" | "embedded"): string {
  return ROLLUPS.map((r) =>
    target === "partitioned"
      ? `CREATE OR REPLACE VIEW ${r.name} AS
SELECT date_bin(INTERVAL '${r.bucket}', ts, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS ts, venue, symbol,
  (array_agg(open ORDER BY ts))[1] AS open, max(high) AS high, min(low) AS low, (array_agg(close ORDER BY ts DESC))[1] AS close,
  sum(volume) AS volume, count(*) AS bars
FROM candles WHERE interval = '1m' GROUP BY 1, venue, symbol;`
      : `CREATE OR REPLACE VIEW ${r.name} AS
SELECT time_bucket(INTERVAL '${r.bucket}', ts) AS ts, venue, symbol,
  arg_min(open, ts) AS open, max(high) AS high, min(low) AS low, arg_max(close, ts) AS close,
  sum(volume) AS volume, count(*) AS bars
FROM candles WHERE interval = '1m' GROUP BY 1, venue, symbol;`,
  ).join("\n");
}

function timescale(): { tx: string; outsideTx: string } {
  const tx = [
    "CREATE EXTENSION IF NOT EXISTS timescaledb;",
    tables("timescaledb"),
    ...Object.entries(PERIODS).map(([t, p]) => `SELECT create_hypertable('${t}', 'ts', chunk_time_interval => INTERVAL '${CHUNK_DAYS[p]}', if_not_exists => TRUE);`),
    ...Object.entries(TIMESCALE_POLICIES).flatMap(([t, p]) => [
      `ALTER TABLE ${t} SET (timescaledb.compress, timescaledb.compress_segmentby = '${p.segmentBy}', timescaledb.compress_orderby = 'ts DESC');`,
      `SELECT add_compression_policy('${t}', INTERVAL '${p.compressAfterDays} days', if_not_exists => TRUE);`,
      ...(p.retentionDays ? [`SELECT add_retention_policy('${t}', INTERVAL '${p.retentionDays} days', if_not_exists => TRUE);`] : []),
    ]),
  ].join("\n");
  const outsideTx = ROLLUPS.map(
    (r) => `CREATE MATERIALIZED VIEW IF NOT EXISTS ${r.name} WITH (timescaledb.continuous) AS
SELECT time_bucket(INTERVAL '${r.bucket}', ts) AS ts, venue, symbol,
  first(open, ts) AS open, max(high) AS high, min(low) AS low, last(close, ts) AS close, sum(volume) AS volume, count(*) AS bars
FROM candles WHERE interval = '1m' GROUP BY 1, venue, symbol WITH NO DATA;
SELECT add_continuous_aggregate_policy('${r.name}', start_offset => INTERVAL '${r.startOffset}', end_offset => INTERVAL '${r.endOffset}', schedule_interval => INTERVAL '${r.schedule}', if_not_exists => TRUE);`,
  ).join("\n");
  return { tx, outsideTx: outsideTx + "\n" };
}

function checksum(s: string): string {
  return new Bun.CryptoHasher("sha256").update(s).digest("hex").slice(0, 16);
}

function rendered(tx: string, outsideTx = ""): RenderedMigration {
  return { tx, outsideTx, checksum: checksum(tx + "\n--outside--\n" + outsideTx) };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "initial tables",
    render(target) {
      if (target === "timescaledb") {
        const t = timescale();
        return rendered(t.tx, t.outsideTx);
      }
      if (target === "partitioned") return rendered(tables("partitioned") + PARTITION_FUNCTIONS + rollupViews("partitioned") + "\n");
      return rendered(tables("embedded") + rollupViews("embedded") + "\n");
    },
  },
];
