/**
 * Warm tier on PostgreSQL (plain, natively partitioned) or TimescaleDB, via postgres.js.
 *
 * Writes: binary COPY straight into the table ("insert-first"); if the batch collides with rows
 * already stored (unique violation, i.e. a re-delivery), it is re-sent through a temporary
 * staging table and merged with INSERT … ON CONFLICT DO UPDATE (last occurrence of a key wins).
 * Either way the outcome is an idempotent upsert. In partitioned mode the partitions covering a
 * batch are created first (algo_ensure_partitions), cached per process.
 *
 * Reads: candles come back through binary COPY into Float64Arrays (exact: numeric → float8 is
 * correctly rounded by the server, the same double a CSV parser yields).
 */
import postgres from "postgres";
import { parseInterval, StorageError } from "../../core/index.ts";
import type { BarSeries } from "../../engine/bar-series.ts";
import { CATALOG, TABLE_NAMES, type TableDef, type TableName } from "../catalog.ts";
import type { CandleQuery, ExportedRange, MaintenanceOptions, MaintenanceReport, MigrateReport, RangeFilter, SeriesInfo, ValidBatch, WarmMode, WarmStore } from "../ports.ts";
import { cell } from "../ports.ts";
import { PERIODS } from "./migrations/001-initial.ts";
import { copyIn, copyOutFloat64, copyOutToFile } from "./pg-copy-io.ts";
import { pgError } from "./pg-errors.ts";
import { migratePg, recordedMode, type RequestedMode } from "./pg-migrate.ts";
import { csvProjection, layoutExpr, lit, tsLit, unitsProjection, upsertFromStage, whereClause } from "./sql-filter.ts";

export interface PgWarmStoreOptions {
  readonly url: string;
  /** Schema holding the tables (created by migrate); default "public". */
  readonly schema?: string;
  readonly maxConnections?: number;
  readonly connectTimeoutSec?: number;
}

const DAY = 86_400_000;
const PERIOD_MS = { day: DAY, week: 7 * DAY, month: 31 * DAY } as const;

/** Order-independent content fingerprint of the rows of `alias`: Σ hash(row as text), as text. */
const PG_FINGERPRINT = (alias: string): string => `coalesce(sum(hashtextextended(${alias}::text, 0)), 0)::text`;

export class PgWarmStore implements WarmStore {
  readonly backend = "postgres" as const;
  readonly description: string;
  readonly schema: string;
  readonly sql: postgres.Sql;
  private cachedMode: WarmMode | null = null;
  private readonly clientOptions: postgres.Options<Record<string, postgres.PostgresType>>;
  private readonly url: string;
  private readonly ensured = new Map<TableName, [number, number][]>();

  constructor(opts: PgWarmStoreOptions) {
    this.schema = opts.schema ?? "public";
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(this.schema)) throw new StorageError(`invalid schema name "${this.schema}"`, { code: "CONFIG_INVALID", action: "fix-input" });
    this.description = `${redactUrl(opts.url)} schema=${this.schema}`;
    this.url = opts.url;
    this.clientOptions = {
      connect_timeout: opts.connectTimeoutSec ?? 10,
      onnotice: () => {},
      connection: { search_path: this.schema, application_name: "algo-trade" },
    };
    this.sql = postgres(opts.url, { ...this.clientOptions, max: opts.maxConnections ?? 4 });
  }

  /** Runs `fn` on a fresh single connection that is destroyed afterwards (for COPY OUT, see pg-copy-io). */
  private async dedicated<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
    const sql = postgres(this.url, { ...this.clientOptions, max: 1 });
    try {
      return await fn(sql);
    } finally {
      await sql.end({ timeout: 0 });
    }
  }

  async migrate(opts: { mode?: RequestedMode } = {}): Promise<MigrateReport> {
    try {
      await this.sql.unsafe(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
    } catch (e) {
      throw pgError("db migrate", e);
    }
    const report = await migratePg(this.sql, opts.mode ?? "auto");
    this.cachedMode = report.mode;
    return report;
  }

  async mode(): Promise<WarmMode> {
    if (this.cachedMode) return this.cachedMode;
    let m: WarmMode | null;
    try {
      m = await recordedMode(this.sql);
    } catch (e) {
      throw pgError("warm tier", e);
    }
    if (!m) throw new StorageError(`warm tier ${this.description} is not migrated; run 'algo-trade db migrate'`, { code: "SCHEMA_MISSING", action: "fix-input" });
    this.cachedMode = m;
    return m;
  }

  async write(valid: ValidBatch, opts: { upsertOnly?: boolean } = {}): Promise<number> {
    const n = valid.rows.length;
    if (n === 0) return 0;
    const def = CATALOG[valid.batch.table];
    const mode = await this.mode();
    const [lo, hi] = tsBounds(valid);
    if (mode === "partitioned") await this.ensurePartitions(def.name, lo, hi);
    try {
      await this.writeOnce(def, valid, opts.upsertOnly === true);
    } catch (e) {
      // A partition dropped by another process since we cached it: recreate and retry once.
      if (mode === "partitioned" && sqlstate(e) === "23514") {
        this.ensured.delete(def.name);
        await this.ensurePartitions(def.name, lo, hi);
        await this.writeOnce(def, valid, opts.upsertOnly === true);
      } else throw pgError(`write ${def.name}`, e);
    }
    return n;
  }

  private async writeOnce(def: TableDef, valid: ValidBatch, upsertOnly: boolean): Promise<void> {
    if (!upsertOnly) {
      try {
        await copyIn(this.sql, def.name, def, valid);
        return;
      } catch (e) {
        if (sqlstate(e) !== "23505") throw e;
      }
    }
    await this.sql.begin(async (tx) => {
      await tx.unsafe(`CREATE TEMP TABLE algo_stage (LIKE ${def.name}) ON COMMIT DROP; ALTER TABLE algo_stage ADD COLUMN algo_seq bigserial`);
      await copyIn(tx, "algo_stage", def, valid);
      await tx.unsafe(upsertFromStage(def, "algo_stage", "algo_seq"));
    });
  }

  private async ensurePartitions(table: TableName, lo: number, hi: number): Promise<void> {
    const ranges = this.ensured.get(table) ?? [];
    if (ranges.some(([a, b]) => a <= lo && hi <= b)) return;
    try {
      await this.sql`SELECT algo_ensure_partitions(${table}, ${new Date(lo)}, ${new Date(hi)})`;
    } catch (e) {
      throw pgError(`create partitions of ${table}`, e);
    }
    ranges.push([lo, hi]);
    this.ensured.set(table, ranges);
  }

  async queryCandles(q: CandleQuery): Promise<BarSeries> {
    const def = CATALOG.candles;
    const { ms } = parseInterval(q.interval);
    const venue = q.venue ?? (await this.soleVenue(q.symbol, q.interval));
    const where = whereClause(def, { fromMs: q.fromMs, toMs: q.toMs, venue, symbol: q.symbol, interval: q.interval });
    const select = `SELECT (extract(epoch FROM ts) * 1000)::float8, open::float8, high::float8, low::float8, close::float8, volume::float8 FROM candles ${where} ORDER BY ts`;
    let cols: Float64Array[];
    try {
      cols = await this.dedicated((sql) => copyOutFloat64(sql, select, 6));
    } catch (e) {
      throw pgError("query candles", e);
    }
    const [tsEvent, open, high, low, close, volume] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    return { symbol: q.symbol, venue: venue ?? "", intervalMs: ms, length: tsEvent.length, tsEvent, open, high, low, close, volume, source: `warm:${this.description}` };
  }

  /** The venue holding candles for symbol/interval; errors when several do. */
  private async soleVenue(symbol: string, interval: string): Promise<string | undefined> {
    const rows = await this.sql`SELECT DISTINCT venue FROM candles WHERE symbol = ${symbol} AND interval = ${interval}`.catch((e) => {
      throw pgError("query candles", e);
    });
    if (rows.length > 1) {
      throw new StorageError(`candles for ${symbol} ${interval} exist on several venues (${rows.map((r) => r.venue).join(", ")}); pass --venue`, { code: "AMBIGUOUS_SERIES", action: "fix-input" });
    }
    return rows[0]?.venue as string | undefined;
  }

  async count(table: TableName, filter: Partial<RangeFilter> = {}): Promise<number> {
    try {
      const [row] = await this.sql.unsafe(`SELECT count(*)::float8 AS n FROM ${table} ${whereClause(CATALOG[table], filter)}`);
      return Number(row!.n);
    } catch (e) {
      throw pgError(`count ${table}`, e);
    }
  }

  async listSeries(table: TableName): Promise<SeriesInfo[]> {
    const def = CATALOG[table];
    const hasInterval = def.columns.some((c) => c.name === "interval");
    const sel = `${layoutExpr(def.layout.venue)} AS venue, ${layoutExpr(def.layout.symbol)} AS symbol${hasInterval ? ", interval" : ""}`;
    try {
      const rows = await this.sql.unsafe(
        `SELECT ${sel}, count(*)::float8 AS n, (extract(epoch FROM min(ts)) * 1000)::float8 AS lo, (extract(epoch FROM max(ts)) * 1000)::float8 AS hi FROM ${table} GROUP BY 1, 2${hasInterval ? ", 3" : ""} ORDER BY 1, 2${hasInterval ? ", 3" : ""}`,
      );
      return rows.map((r) => ({ venue: r.venue, symbol: r.symbol, ...(hasInterval ? { interval: r.interval } : {}), rows: Number(r.n), fromMs: Number(r.lo), toMs: Number(r.hi) }));
    } catch (e) {
      throw pgError(`list ${table}`, e);
    }
  }

  async exportCsv(table: TableName, filter: RangeFilter, path: string): Promise<number> {
    return (await this.snapshotCopy(table, filter, path, csvProjection(CATALOG[table], "pg"))).rows;
  }

  /** Count, content fingerprint and COPY of one range in one read-only snapshot, to a CSV file with a header. */
  private async snapshotCopy(table: TableName, filter: RangeFilter, path: string, projection: string): Promise<ExportedRange> {
    const def = CATALOG[table];
    const where = whereClause(def, filter);
    try {
      const [pre] = await this.sql.unsafe(`SELECT EXISTS (SELECT 1 FROM ${table} ${where}) AS any`);
      if (!pre!.any) {
        await Bun.write(path, `${def.columns.map((c) => c.name).join(",")}\n`);
        return { rows: 0, fingerprint: "0" };
      }
      // One snapshot for the count and the rows (read-only; the connection is discarded after).
      return await this.dedicated(async (sql) => {
        await sql.unsafe("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const [row] = await sql.unsafe(`SELECT count(*)::float8 AS n, ${PG_FINGERPRINT("t")} AS fp FROM ${table} t ${where}`);
        await copyOutToFile(sql, `SELECT ${projection} FROM ${table} ${where} ORDER BY ${def.key.map((k) => `"${k}"`).join(", ")}`, "FORMAT csv, HEADER true", path);
        return { rows: Number(row!.n), fingerprint: String(row!.fp) };
      });
    } catch (e) {
      throw pgError(`export ${table}`, e);
    }
  }

  async exportForCold(table: TableName, filter: RangeFilter, path: string): Promise<ExportedRange & { format: "csv-units" }> {
    return { ...(await this.snapshotCopy(table, filter, path, unitsProjection(CATALOG[table]))), format: "csv-units" };
  }

  /**
   * One transaction: DELETE … RETURNING, fingerprinted like the export; committed only when the
   * deleted rows are exactly the exported ones. A row written concurrently and committed after the
   * DELETE's snapshot is not deleted; one committed before it changes the fingerprint: rollback.
   */
  async deleteExported(table: TableName, filter: RangeFilter, exported: ExportedRange): Promise<number | null> {
    const changed = new Error("range changed since the export");
    try {
      return await this.sql.begin(async (tx) => {
        const [r] = await tx.unsafe(`WITH d AS (DELETE FROM ${table} ${whereClause(CATALOG[table], filter)} RETURNING *) SELECT count(*)::float8 AS n, ${PG_FINGERPRINT("d")} AS fp FROM d`);
        if (Number(r!.n) !== exported.rows || String(r!.fp) !== exported.fingerprint) throw changed; // rolls back
        return Number(r!.n);
      });
    } catch (e) {
      if (e === changed) return null;
      throw pgError(`delete exported rows from ${table}`, e);
    }
  }

  async deleteRange(table: TableName, filter: RangeFilter): Promise<number> {
    try {
      const res = await this.sql.unsafe(`DELETE FROM ${table} ${whereClause(CATALOG[table], filter)}`);
      return res.count;
    } catch (e) {
      throw pgError(`delete from ${table}`, e);
    }
  }

  async maintain(opts: MaintenanceOptions): Promise<MaintenanceReport> {
    const mode = await this.mode();
    let created = 0;
    let dropped = 0;
    try {
      for (const t of TABLE_NAMES) {
        const days = opts.retentionDays[t];
        const cutoff = days !== undefined ? new Date(opts.nowMs - days * DAY) : null;
        if (mode === "partitioned") {
          const ahead = (opts.aheadPeriods ?? 2) * PERIOD_MS[PERIODS[t] ?? "month"];
          const [r] = await this.sql`SELECT algo_ensure_partitions(${t}, ${new Date(opts.nowMs)}, ${new Date(opts.nowMs + ahead)}) AS n`;
          created += Number(r!.n);
          if (cutoff) {
            const [d] = await this.sql`SELECT algo_drop_partitions_before(${t}, ${cutoff}) AS n`;
            dropped += Number(d!.n);
          }
        } else if (mode === "timescaledb" && cutoff) {
          const rows = await this.sql`SELECT drop_chunks(${t}::regclass, older_than => ${cutoff}::timestamptz)`;
          dropped += rows.length;
        }
      }
    } catch (e) {
      throw pgError("warm maintenance", e);
    }
    if (mode === "partitioned") this.ensured.clear();
    return { mode, created, dropped };
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}

function sqlstate(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === "string" ? c : undefined;
}

function tsBounds(valid: ValidBatch): [number, number] {
  const col = valid.batch.columns.ts!;
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < valid.rows.length; r++) {
    const t = cell(col, valid.rows[r]!) as number;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return [lo, hi];
}

/** postgres://user:secret@host/db → postgres://user@host/db (never log secrets). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    return u.toString().replace(/\?.*$/, "");
  } catch {
    return "postgres://(unparseable url)";
  }
}

export { lit, tsLit };
