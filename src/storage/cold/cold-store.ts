/**
 * Cold tier: Parquet files via DuckDB, laid out by layout.ts, written from the warm tier.
 *
 * Export of a closed time range (per chunk of days): warm → CSV interchange file → DuckDB temp
 * table (typed from the catalog, decimals exact) → one Parquet file per (venue, symbol, UTC day):
 *   1. rows already in that day's file are merged (the warm row wins on the same key);
 *   2. written to `<file>.tmp-<pid>`, re-read to check its row count, then renamed over the
 *      final name (atomic on POSIX): readers see the old file or the new one, never a partial;
 *   3. only when every file of the chunk verified, and the warm range still holds exactly the
 *      rows exported, the range is deleted from the warm tier (if asked).
 * Queries run DuckDB SQL over views named after the kinds (empty typed views for kinds with no
 * files yet).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseInterval, StorageError } from "../../core/index.ts";
import type { BarSeries } from "../../engine/bar-series.ts";
import { CATALOG, TABLE_NAMES, type ColumnDef, type TableDef, type TableName } from "../catalog.ts";
import { normaliseDecimal } from "../decimal.ts";
import type { CandleQuery, ExportedRange, RangeFilter, SeriesInfo, WarmStore } from "../ports.ts";
import { readDoubleColumns } from "../warm/duckdb-warm-store.ts";
import { Mutex } from "../warm/mutex.ts";
import { keyList, layoutExpr, lit, whereClause } from "../warm/sql-filter.ts";
import { openDuckDB, type DuckDBHandle } from "./duckdb-native.ts";
import { coldFile, listColdFiles } from "./layout.ts";

const DAY = 86_400_000;
const groupKey = (v: string, s: string, d: string): string => `${v}/${s}/${d}`;

export interface ExportOptions {
  readonly table: TableName;
  readonly fromMs: number;
  readonly toMs: number;
  readonly venue?: string;
  readonly symbol?: string;
  readonly interval?: string;
  /** Delete the exported rows from the warm tier after verification. */
  readonly deleteFromWarm?: boolean;
  /** Days per warm read (bounds the temporary CSV); default 31. */
  readonly chunkDays?: number;
  /** Folder for the temporary CSV; default the cold root. */
  readonly tmpDir?: string;
}

export interface ExportReport {
  readonly rows: number;
  readonly files: number;
  readonly deleted: number;
  /** Chunks whose warm rows changed during export (left in warm, export again later). */
  readonly skippedDeletes: number;
}

/** A query answer with every cell rendered exactly as text (decimals without float rounding). */
export interface QueryResult {
  readonly columns: readonly string[];
  /** DuckDB type of each column, e.g. "DECIMAL(38,12)". */
  readonly types: readonly string[];
  /** Whether a column is numeric (JSON output leaves its cells unquoted). */
  readonly numeric: readonly boolean[];
  readonly rows: readonly (string | null)[][];
}

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/** Exact text of a DuckDB value: decimals normalised ("8142.35"), timestamps as DuckDB prints them. */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
  const name = (v as { constructor?: { name?: string } }).constructor?.name;
  if (name === "DuckDBDecimalValue") return normaliseDecimal(String(v));
  return String(v);
}

export const DUCK_TYPE: Record<ColumnDef["type"], string> = { ts: "TIMESTAMPTZ", text: "VARCHAR", numeric: "DECIMAL(38,12)", int: "INTEGER", bigint: "BIGINT", json: "JSON", bool: "BOOLEAN" };

export class ColdStore {
  private handle: DuckDBHandle | null = null;
  private readonly lock = new Mutex();

  constructor(readonly root: string) {}

  private async conn(): Promise<DuckDBHandle["conn"]> {
    this.handle ??= await openDuckDB(":memory:");
    return this.handle.conn;
  }

  /** Moves a closed range of one table from the warm tier into Parquet files. */
  exportFromWarm(warm: WarmStore, o: ExportOptions): Promise<ExportReport> {
    if (!(o.fromMs < o.toMs)) throw new StorageError(`export: empty time range [${o.fromMs}, ${o.toMs})`, { code: "USAGE", action: "fix-input" });
    return this.lock.run(async () => {
      const def = CATALOG[o.table];
      const chunkMs = (o.chunkDays ?? 31) * DAY;
      // Clamp to where the warm tier actually has rows, so sparse ranges cost no empty reads.
      const series = (await warm.listSeries(o.table)).filter((x) => (o.venue === undefined || x.venue === o.venue) && (o.symbol === undefined || x.symbol === o.symbol) && (o.interval === undefined || x.interval === o.interval));
      if (!series.length) return { rows: 0, files: 0, deleted: 0, skippedDeletes: 0 };
      const fromMs = Math.max(o.fromMs, Math.min(...series.map((x) => x.fromMs)));
      const toMs = Math.min(o.toMs, Math.max(...series.map((x) => x.toMs)) + 1);
      const tmpDir = o.tmpDir ?? this.root;
      mkdirSync(tmpDir, { recursive: true });
      let rows = 0;
      let files = 0;
      let deleted = 0;
      let skippedDeletes = 0;
      for (let a = fromMs; a < toMs; a = Math.min(toMs, Math.floor(a / DAY) * DAY + chunkMs)) {
        const b = Math.min(toMs, Math.floor(a / DAY) * DAY + chunkMs);
        const filter: RangeFilter = { fromMs: a, toMs: b, ...(o.venue !== undefined ? { venue: o.venue } : {}), ...(o.symbol !== undefined ? { symbol: o.symbol } : {}), ...(o.interval !== undefined ? { interval: o.interval } : {}) };
        const tmp = join(tmpDir, `.export-${o.table}-${process.pid}-${a}`);
        let exported: ExportedRange;
        try {
          const x = await warm.exportForCold(o.table, filter, tmp);
          exported = x;
          if (x.rows > 0) files += await this.writeChunk(def, tmp, x.format, x.rows);
          rows += x.rows;
        } finally {
          rmSync(tmp, { force: true });
        }
        if (o.deleteFromWarm && exported.rows > 0) {
          // Atomic and content-checked: a row added or changed in the range since the export keeps
          // the whole range in warm for the next run (which re-exports it), so nothing is lost.
          const d = await warm.deleteExported(o.table, filter, exported);
          if (d === null) skippedDeletes++;
          else deleted += d;
        }
      }
      return { rows, files, deleted, skippedDeletes };
    });
  }

  /**
   * Loads the CSV chunk into DuckDB and writes one verified Parquet file per series-day: one
   * partitioned COPY into a private temp folder (fast: one statement for every day), a single
   * read-back that counts each file's rows and reads its series/day from the data itself, then
   * a rename per file into the layout. A day that already has a file is merged instead.
   */
  private async writeChunk(def: TableDef, file: string, format: "parquet" | "csv-units", expected: number): Promise<number> {
    const c = await this.conn();
    await c.run(`CREATE OR REPLACE TEMP TABLE algo_chunk AS ${interchangeSelect(def, file, format)}`);
    const loaded = Number((await c.runAndReadAll("SELECT count(*)::DOUBLE FROM algo_chunk")).getRows()[0]![0]);
    if (loaded !== expected) throw new StorageError(`export ${def.name}: warm returned ${expected} rows but ${loaded} were read back from the interchange file`, { code: "EXPORT_MISMATCH", action: "retry" });
    const v = layoutExpr(def.layout.venue);
    const sy = layoutExpr(def.layout.symbol);
    const want = new Map<string, number>();
    for (const g of (await c.runAndReadAll(`SELECT ${v} AS v, ${sy} AS s, strftime(ts, '%Y-%m-%d') AS d, count(*)::DOUBLE AS n FROM algo_chunk GROUP BY ALL`)).getRowObjectsJS()) {
      want.set(groupKey(String(g.v), String(g.s), String(g.d)), Number(g.n));
    }
    const tmpDir = join(this.root, `.tmp-export-${process.pid}-${Date.now().toString(36)}`);
    try {
      await c.run(
        `COPY (SELECT *, ${v} AS algo_v, ${sy} AS algo_s, strftime(ts, '%Y-%m-%d') AS algo_d FROM algo_chunk ORDER BY ${keyList(def)}) TO ${lit(tmpDir)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (algo_v, algo_s, algo_d))`,
      );
      const written = (
        await c.runAndReadAll(
          `SELECT filename AS f, any_value(${v}) AS v, any_value(${sy}) AS s, strftime(min(ts), '%Y-%m-%d') AS d, count(*)::DOUBLE AS n FROM read_parquet(${lit(join(tmpDir, "**", "*.parquet"))}, filename = true, hive_partitioning = false) GROUP BY filename`,
        )
      ).getRowObjectsJS();
      const seen = new Set<string>();
      for (const w of written) {
        const key = groupKey(String(w.v), String(w.s), String(w.d));
        if (want.get(key) !== Number(w.n) || seen.has(key)) throw new StorageError(`export ${def.name}: ${String(w.f)} holds ${Number(w.n)} rows for ${key}, expected ${want.get(key) ?? 0}`, { code: "EXPORT_MISMATCH", action: "retry" });
        seen.add(key);
      }
      if (seen.size !== want.size) throw new StorageError(`export ${def.name}: ${want.size} series-days expected, ${seen.size} files written`, { code: "EXPORT_MISMATCH", action: "retry" });
      for (const w of written) {
        const target = coldFile(this.root, def.name, String(w.v), String(w.s), String(w.d));
        mkdirSync(dirname(target), { recursive: true });
        if (existsSync(target)) await this.mergeInto(def, target, String(w.f));
        else renameSync(String(w.f), target);
      }
      return written.length;
    } finally {
      rmSync(tmpDir, { recursive: true, force: true });
      await c.run("DROP TABLE IF EXISTS algo_chunk");
    }
  }

  /** Rewrites `target` as its rows plus the new file's rows (new wins on a key), verified, atomically. */
  private async mergeInto(def: TableDef, target: string, fresh: string): Promise<void> {
    const c = await this.conn();
    const cols = def.columns.map((col) => `"${col.name}"`).join(", ");
    await c.run(
      `CREATE OR REPLACE TEMP TABLE algo_day AS SELECT ${cols} FROM (SELECT ${cols}, 0 AS algo_pri FROM read_parquet(${lit(target)}) UNION ALL SELECT ${cols}, 1 FROM read_parquet(${lit(fresh)})) QUALIFY row_number() OVER (PARTITION BY ${keyList(def)} ORDER BY algo_pri DESC) = 1`,
    );
    const want = Number((await c.runAndReadAll("SELECT count(*)::DOUBLE FROM algo_day")).getRows()[0]![0]);
    const tmp = `${target}.tmp-${process.pid}`;
    try {
      await c.run(`COPY (SELECT * FROM algo_day ORDER BY ${keyList(def)}) TO ${lit(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
      const got = Number((await c.runAndReadAll(`SELECT count(*)::DOUBLE FROM read_parquet(${lit(tmp)})`)).getRows()[0]![0]);
      if (got !== want) throw new StorageError(`export ${def.name}: ${tmp} holds ${got} rows, expected ${want}`, { code: "EXPORT_MISMATCH", action: "retry" });
      renameSync(tmp, target);
    } finally {
      rmSync(tmp, { force: true });
      await c.run("DROP TABLE IF EXISTS algo_day");
    }
  }

  /** Runs SQL over the cold files; every kind is a view (empty when it has no files). */
  query(sql: string): Promise<QueryResult> {
    return this.lock.run(async () => {
      const c = await this.conn();
      for (const t of TABLE_NAMES) {
        const any = listColdFiles(this.root, t).length > 0;
        const def = CATALOG[t];
        const view = any
          ? `SELECT * FROM read_parquet(${lit(join(this.root, t, "*", "*", "*.parquet"))}, union_by_name = true)`
          : `SELECT ${def.columns.map((col) => `CAST(NULL AS ${DUCK_TYPE[col.type]}) AS "${col.name}"`).join(", ")} WHERE false`;
        await c.run(`CREATE OR REPLACE TEMP VIEW ${t} AS ${view}`);
      }
      let reader;
      try {
        reader = await c.runAndReadAll(sql);
      } catch (e) {
        throw new StorageError(`query failed: ${e instanceof Error ? e.message : String(e)}`, { code: "QUERY_INVALID", action: "fix-input", cause: e });
      }
      const types = reader.columnTypes().map((t) => t.toString());
      return { columns: reader.columnNames(), types, numeric: types.map((t) => NUMERIC_TYPE.test(t)), rows: reader.getRows().map((r) => r.map(cellText)) };
    });
  }

  /** Candles of one series from the cold files as a BarSeries (exact doubles). */
  loadCandles(q: CandleQuery): Promise<BarSeries> {
    const { ms } = parseInterval(q.interval);
    return this.lock.run(async () => {
      let files = listColdFiles(this.root, "candles", { venue: q.venue, symbol: q.symbol, fromMs: q.fromMs, toMs: q.toMs });
      const venues = [...new Set(files.map((f) => f.venue))];
      if (venues.length > 1) throw new StorageError(`cold candles for ${q.symbol} exist on several venues (${venues.join(", ")}); pass --venue`, { code: "AMBIGUOUS_SERIES", action: "fix-input" });
      const venue = q.venue ?? venues[0] ?? "";
      files = files.filter((f) => f.venue === venue);
      const empty = new Float64Array(0);
      if (!files.length) return { symbol: q.symbol, venue, intervalMs: ms, length: 0, tsEvent: empty, open: empty, high: empty, low: empty, close: empty, volume: empty, source: `cold:${this.root}` };
      const c = await this.conn();
      const where = whereClause(CATALOG.candles, { fromMs: q.fromMs, toMs: q.toMs, interval: q.interval });
      const res = await c.stream(
        `SELECT CAST(epoch_us(ts) AS DOUBLE) / 1000, CAST(open AS DOUBLE), CAST(high AS DOUBLE), CAST(low AS DOUBLE), CAST(close AS DOUBLE), CAST(volume AS DOUBLE) FROM read_parquet([${files.map((f) => lit(f.path)).join(", ")}]) ${where} ORDER BY ts`,
      );
      const [tsEvent, open, high, low, close, volume] = (await readDoubleColumns(res, 6)) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      return { symbol: q.symbol, venue, intervalMs: ms, length: tsEvent.length, tsEvent, open, high, low, close, volume, source: `cold:${this.root}` };
    });
  }

  /** Series present in the cold files of a table, with row counts and time bounds. */
  listSeries(table: TableName): Promise<SeriesInfo[]> {
    return this.lock.run(async () => {
      const files = listColdFiles(this.root, table);
      if (!files.length) return [];
      const def = CATALOG[table];
      const hasInterval = def.columns.some((col) => col.name === "interval");
      const c = await this.conn();
      const rows = (
        await c.runAndReadAll(
          `SELECT ${layoutExpr(def.layout.venue)} AS venue, ${layoutExpr(def.layout.symbol)} AS symbol${hasInterval ? ", interval" : ""}, count(*)::DOUBLE AS n, epoch_ms(min(ts))::DOUBLE AS lo, epoch_ms(max(ts))::DOUBLE AS hi FROM read_parquet([${files.map((f) => lit(f.path)).join(", ")}]) GROUP BY ALL ORDER BY ALL`,
        )
      ).getRowObjectsJS();
      return rows.map((r) => ({ venue: String(r.venue), symbol: String(r.symbol), ...(hasInterval ? { interval: String(r.interval) } : {}), rows: Number(r.n), fromMs: Number(r.lo), toMs: Number(r.hi) }));
    });
  }

  async close(): Promise<void> {
    await this.lock.run(async () => {
      this.handle?.close();
      this.handle = null;
    });
  }
}

/**
 * SELECT turning an interchange file into the table's exact types. csv-units: timestamps are
 * epoch µs and money is integer 1e-12 units read as HUGEINT, then scaled by an exact DECIMAL
 * multiply — 30× faster than DuckDB's text → DECIMAL(38,12) cast and bit-for-bit the same.
 */
export function interchangeSelect(def: TableDef, file: string, format: "parquet" | "csv-units"): string {
  if (format === "parquet") return `SELECT ${def.columns.map((col) => `"${col.name}"`).join(", ")} FROM read_parquet(${lit(file)})`;
  const raw: Record<ColumnDef["type"], string> = { ts: "BIGINT", text: "VARCHAR", numeric: "HUGEINT", int: "INTEGER", bigint: "BIGINT", json: "VARCHAR", bool: "BOOLEAN" };
  const types = `{${def.columns.map((col) => `${lit(col.name)}: ${lit(raw[col.type])}`).join(", ")}}`;
  const sel = def.columns.map((col) => {
    const q = `"${col.name}"`;
    if (col.type === "ts") return `CAST(make_timestamp(${q}) AS TIMESTAMPTZ) AS ${q}`;
    if (col.type === "numeric") return `CAST(${q} AS DECIMAL(38,0)) * CAST(0.000000000001 AS DECIMAL(38,12)) AS ${q}`;
    if (col.type === "json") return `CAST(${q} AS JSON) AS ${q}`;
    return q;
  });
  return `SELECT ${sel.join(", ")} FROM read_csv(${lit(file)}, header = true, columns = ${types}, auto_detect = false, quote = '"', escape = '"')`;
}
