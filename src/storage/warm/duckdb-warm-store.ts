/**
 * Embedded warm tier: one DuckDB database file (default <data_dir>/warm.duckdb) behind the same
 * WarmStore interface as PostgreSQL, so the daemon runs with zero services.
 *
 * Writes go through a temporary staging table filled with the DuckDB appender (numbers as
 * DOUBLE for time, money as exact decimal TEXT cast to DECIMAL(38,12) by DuckDB, batch constants
 * as SQL literals), then one INSERT … SELECT: plain first, and on a duplicate key the same rows
 * merged with ON CONFLICT DO UPDATE (last occurrence of a key wins) — an idempotent upsert.
 *
 * Threading: one connection; every operation runs under a mutex because a DuckDB connection
 * carries one transaction at a time and operations span several awaits.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { parseInterval, StorageError } from "../../core/index.ts";
import type { BarSeries } from "../../engine/bar-series.ts";
import { CATALOG, TABLE_NAMES, type ColumnDef, type TableName } from "../catalog.ts";
import { getDuckDB, openDuckDB, type DuckDBHandle } from "../cold/duckdb-native.ts";
import type { CandleQuery, ExportedRange, MaintenanceOptions, MaintenanceReport, MigrateReport, RangeFilter, SeriesInfo, ValidBatch, WarmMode, WarmStore } from "../ports.ts";
import { cell, isConstant } from "../ports.ts";

export { moneyUnits, readDoubleColumns } from "./duckdb-staging.ts";
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL } from "./migrations/index.ts";
import { csvProjection, keyList, layoutExpr, lit, upsertFromStage, whereClause } from "./sql-filter.ts";
import { Mutex } from "./mutex.ts";
import { fromStage, readDoubleColumns, stageType, stageValue } from "./duckdb-staging.ts";

const DAY = 86_400_000;
const CHUNK = 2048;

/** Order-independent content fingerprint of the rows of alias `t`: Σ hash(row), as text. */
const DUCK_FINGERPRINT = "coalesce(sum(hash(t)), 0)::VARCHAR";

export class DuckDBWarmStore implements WarmStore {
  readonly backend = "duckdb" as const;
  readonly description: string;
  private handle: DuckDBHandle | null = null;
  private readonly lock = new Mutex();
  private migrated = false;

  constructor(readonly path: string) {
    this.description = `duckdb ${path}`;
  }

  private async db(): Promise<DuckDBHandle> {
    if (this.handle) return this.handle;
    if (this.path !== ":memory:") mkdirSync(dirname(this.path), { recursive: true });
    try {
      this.handle = await openDuckDB(this.path);
    } catch (e) {
      throw new StorageError(`cannot open embedded warm database ${this.path}: ${e instanceof Error ? e.message : String(e)}`, { code: "STORAGE_OPEN", action: "stop", cause: e });
    }
    return this.handle;
  }

  private async run(sql: string): Promise<void> {
    await (await this.db()).conn.run(sql);
  }

  private async rows(sql: string): Promise<Record<string, unknown>[]> {
    const r = await (await this.db()).conn.runAndReadAll(sql);
    return r.getRowObjectsJS() as Record<string, unknown>[];
  }

  migrate(): Promise<MigrateReport> {
    return this.lock.run(async () => {
      await this.run(SCHEMA_MIGRATIONS_DDL.duckdb);
      const applied = await this.rows("SELECT version, checksum FROM schema_migrations ORDER BY version");
      const done: string[] = [];
      const already: string[] = [];
      for (const m of MIGRATIONS) {
        const r = m.render("embedded");
        const label = `${String(m.version).padStart(3, "0")} ${m.name}`;
        const prev = applied.find((a) => Number(a.version) === m.version);
        if (prev) {
          if (prev.checksum !== r.checksum) throw new StorageError(`migration ${label} changed after it was applied to ${this.path}`, { code: "MIGRATION_CHANGED", action: "stop" });
          already.push(label);
          continue;
        }
        await this.run("BEGIN TRANSACTION");
        try {
          await this.run(r.tx);
          await this.run(`INSERT INTO schema_migrations (version, name, mode, checksum) VALUES (${m.version}, ${lit(m.name)}, 'embedded', ${lit(r.checksum)})`);
          await this.run("COMMIT");
        } catch (e) {
          await this.run("ROLLBACK").catch(() => {});
          throw new StorageError(`migration ${label} failed on ${this.path}: ${e instanceof Error ? e.message : String(e)}`, { code: "MIGRATION_FAILED", action: "stop", cause: e });
        }
        done.push(label);
      }
      this.migrated = true;
      return { mode: "embedded" as WarmMode, applied: done, alreadyApplied: already };
    });
  }

  async mode(): Promise<WarmMode> {
    if (this.migrated) return "embedded";
    const t = await this.lock.run(() => this.rows("SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'schema_migrations'"));
    if (!Number(t[0]?.n)) throw new StorageError(`embedded warm database ${this.path} is not migrated; run 'algo-trade db migrate'`, { code: "SCHEMA_MISSING", action: "fix-input" });
    this.migrated = true;
    return "embedded";
  }

  async write(valid: ValidBatch): Promise<number> {
    const n = valid.rows.length;
    if (n === 0) return 0;
    await this.mode();
    const def = CATALOG[valid.batch.table];
    return this.lock.run(async () => {
      const staged = def.columns.filter((c) => valid.batch.columns[c.name] !== undefined && !isConstant(valid.batch.columns[c.name]!));
      await this.run(`CREATE OR REPLACE TEMP TABLE algo_stage (${staged.map((c) => `"${c.name}" ${stageType(c)}`).concat("algo_seq BIGINT").join(", ")})`);
      await this.append(staged, valid);
      const select = def.columns.map((c) => `${fromStage(c, valid)} AS "${c.name}"`).join(", ");
      const source = `(SELECT ${select}, algo_seq FROM algo_stage)`;
      await this.run("BEGIN TRANSACTION");
      try {
        await this.run(`INSERT INTO ${def.name} SELECT ${def.columns.map((c) => `"${c.name}"`).join(", ")} FROM ${source}`);
        await this.run("COMMIT");
      } catch (e) {
        await this.run("ROLLBACK").catch(() => {});
        if (!/duplicate key|constraint/i.test(e instanceof Error ? e.message : "")) throw wrap(`write ${def.name}`, e);
        await this.run(upsertFromStage(def, source, "algo_seq"));
      }
      await this.run("DROP TABLE IF EXISTS algo_stage");
      return n;
    });
  }

  private async append(staged: readonly ColumnDef[], valid: ValidBatch): Promise<void> {
    const duck = await getDuckDB();
    const { conn } = await this.db();
    const appender = await conn.createAppender("algo_stage", "main", "temp");
    const types: import("@duckdb/node-api").DuckDBType[] = staged.map((c) => {
      const t = stageType(c);
      return t === "DOUBLE" ? duck.DOUBLE : t === "BOOLEAN" ? duck.BOOLEAN : t === "VARCHAR" ? duck.VARCHAR : duck.DECIMAL(38, 12);
    });
    types.push(duck.BIGINT);
    const data = staged.map((c) => valid.batch.columns[c.name]!);
    const n = valid.rows.length;
    for (let start = 0; start < n; start += CHUNK) {
      const m = Math.min(CHUNK, n - start);
      const chunk = duck.DuckDBDataChunk.create(types, m);
      for (let c = 0; c < staged.length; c++) {
        const col = staged[c]!;
        const vec = chunk.getColumnVector(c) as { setItem(i: number, v: unknown): void; flush(): void };
        const src = data[c]!;
        for (let r = 0; r < m; r++) vec.setItem(r, stageValue(col, cell(src, valid.rows[start + r]!)));
        vec.flush();
      }
      const seq = chunk.getColumnVector(staged.length) as { setItem(i: number, v: bigint): void; flush(): void };
      for (let r = 0; r < m; r++) seq.setItem(r, BigInt(start + r));
      seq.flush();
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
  }

  async queryCandles(q: CandleQuery): Promise<BarSeries> {
    const { ms } = parseInterval(q.interval);
    await this.mode();
    return this.lock.run(async () => {
      let venue = q.venue;
      if (venue === undefined) {
        const vs = await this.rows(`SELECT DISTINCT venue FROM candles WHERE symbol = ${lit(q.symbol)} AND interval = ${lit(q.interval)}`);
        if (vs.length > 1) throw new StorageError(`candles for ${q.symbol} ${q.interval} exist on several venues (${vs.map((v) => v.venue).join(", ")}); pass --venue`, { code: "AMBIGUOUS_SERIES", action: "fix-input" });
        venue = vs[0]?.venue as string | undefined;
      }
      const where = whereClause(CATALOG.candles, { fromMs: q.fromMs, toMs: q.toMs, venue, symbol: q.symbol, interval: q.interval });
      const res = await (await this.db()).conn.stream(
        `SELECT CAST(epoch_us(ts) AS DOUBLE) / 1000, CAST(open AS DOUBLE), CAST(high AS DOUBLE), CAST(low AS DOUBLE), CAST(close AS DOUBLE), CAST(volume AS DOUBLE) FROM candles ${where} ORDER BY ts`,
      );
      const cols = await readDoubleColumns(res, 6);
      const [tsEvent, open, high, low, close, volume] = cols as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      return { symbol: q.symbol, venue: venue ?? "", intervalMs: ms, length: tsEvent.length, tsEvent, open, high, low, close, volume, source: `warm:${this.description}` };
    });
  }

  async count(table: TableName, filter: Partial<RangeFilter> = {}): Promise<number> {
    await this.mode();
    const r = await this.lock.run(() => this.rows(`SELECT count(*)::DOUBLE AS n FROM ${table} ${whereClause(CATALOG[table], filter)}`));
    return Number(r[0]!.n);
  }

  async listSeries(table: TableName): Promise<SeriesInfo[]> {
    await this.mode();
    const def = CATALOG[table];
    const hasInterval = def.columns.some((c) => c.name === "interval");
    const rows = await this.lock.run(() =>
      this.rows(
        `SELECT ${layoutExpr(def.layout.venue)} AS venue, ${layoutExpr(def.layout.symbol)} AS symbol${hasInterval ? ", interval" : ""}, count(*)::DOUBLE AS n, epoch_ms(min(ts))::DOUBLE AS lo, epoch_ms(max(ts))::DOUBLE AS hi FROM ${table} GROUP BY ALL ORDER BY ALL`,
      ),
    );
    return rows.map((r) => ({ venue: String(r.venue), symbol: String(r.symbol), ...(hasInterval ? { interval: String(r.interval) } : {}), rows: Number(r.n), fromMs: Number(r.lo), toMs: Number(r.hi) }));
  }

  async exportCsv(table: TableName, filter: RangeFilter, path: string): Promise<number> {
    return (await this.snapshotCopy(table, filter, path, `COPY (SELECT ${csvProjection(CATALOG[table], "duckdb")} FROM ${table} {WHERE} ORDER BY ${keyList(CATALOG[table])}) TO ${lit(path)} (FORMAT csv, HEADER true)`)).rows;
  }

  async exportForCold(table: TableName, filter: RangeFilter, path: string): Promise<ExportedRange & { format: "parquet" }> {
    const r = await this.snapshotCopy(table, filter, path, `COPY (SELECT * FROM ${table} {WHERE} ORDER BY ${keyList(CATALOG[table])}) TO ${lit(path)} (FORMAT parquet)`);
    return { ...r, format: "parquet" };
  }

  /**
   * Checks and deletes under one hold of the store's lock, inside one transaction: every write of
   * this process goes through the same lock, so nothing can land between the check and the delete.
   */
  async deleteExported(table: TableName, filter: RangeFilter, exported: ExportedRange): Promise<number | null> {
    await this.mode();
    const where = whereClause(CATALOG[table], filter);
    return this.lock.run(async () => {
      await this.run("BEGIN TRANSACTION");
      try {
        const r = (await this.rows(`SELECT count(*)::DOUBLE AS n, ${DUCK_FINGERPRINT} AS fp FROM ${table} t ${where}`))[0]!;
        if (Number(r.n) !== exported.rows || String(r.fp) !== exported.fingerprint) {
          await this.run("ROLLBACK");
          return null;
        }
        await this.run(`DELETE FROM ${table} ${where}`);
        await this.run("COMMIT");
        return exported.rows;
      } catch (e) {
        await this.run("ROLLBACK").catch(() => {});
        throw wrap(`delete exported rows from ${table}`, e);
      }
    });
  }

  /** Count, content fingerprint and COPY of one range inside one transaction (consistent snapshot). */
  private async snapshotCopy(table: TableName, filter: RangeFilter, path: string, copy: string): Promise<ExportedRange> {
    await this.mode();
    const where = whereClause(CATALOG[table], filter);
    return this.lock.run(async () => {
      await this.run("BEGIN TRANSACTION");
      try {
        const r = await this.rows(`SELECT count(*)::DOUBLE AS n, ${DUCK_FINGERPRINT} AS fp FROM ${table} t ${where}`);
        await this.run(copy.replace("{WHERE}", where));
        await this.run("COMMIT");
        return { rows: Number(r[0]!.n), fingerprint: String(r[0]!.fp) };
      } catch (e) {
        await this.run("ROLLBACK").catch(() => {});
        throw wrap(`export ${table}`, e);
      }
    });
  }

  async deleteRange(table: TableName, filter: RangeFilter): Promise<number> {
    await this.mode();
    return this.lock.run(async () => {
      const r = await this.rows(`DELETE FROM ${table} ${whereClause(CATALOG[table], filter)} RETURNING 1`);
      return r.length;
    });
  }

  async maintain(opts: MaintenanceOptions): Promise<MaintenanceReport> {
    await this.mode();
    let dropped = 0;
    for (const t of TABLE_NAMES) {
      const days = opts.retentionDays[t];
      if (days === undefined) continue;
      dropped += await this.deleteRange(t, { fromMs: -Infinity, toMs: opts.nowMs - days * DAY });
    }
    return { mode: "embedded", created: 0, dropped };
  }

  async close(): Promise<void> {
    await this.lock.run(async () => {
      this.handle?.close();
      this.handle = null;
    });
  }
}

function wrap(what: string, e: unknown): StorageError {
  return e instanceof StorageError ? e : new StorageError(`${what}: ${e instanceof Error ? e.message : String(e)}`, { code: "DUCKDB_ERROR", action: "stop", cause: e });
}
