/**
 * Parquet → bars through DuckDB (loaded lazily, see duckdb-loader.ts).
 *
 * Steps: DESCRIBE the file, map column names like a CSV header, list the (symbol, interval)
 * series when those columns exist, then stream only the active series' rows in file order with
 * their `file_row_number` (error positions are 1-based row numbers). Prices/volume may be any
 * numeric type or numeric strings; time may be TIMESTAMP/DATE, an integer/float epoch (scaled by
 * magnitude) or RFC3339 strings.
 */
import { DataError } from "../core/index.ts";
import { BarSink, type OnBadRow } from "./bar-sink.ts";
import { mapColumns } from "./columns.ts";
import { openDuckDb, sqlIdent, sqlString, type DuckDbHandle } from "./duckdb-loader.ts";
import type { ReaderOutput } from "./load-bars.ts";
import { parseNumberText } from "./number-text.ts";
import { SeriesKeys } from "./series-keys.ts";
import { epochToMs, parseTimeText } from "./time-text.ts";

interface ReadOpts {
  readonly symbol?: string;
  readonly interval?: string;
  readonly from?: number;
  readonly to?: number;
  readonly onBadRow: OnBadRow;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const TEXT = /^VARCHAR/;
const TEMPORAL = /^(TIMESTAMP.*|DATE)$/;

/** Select expression and how to turn the fetched value into a number. */
function columnExpr(name: string, type: string, isTime: boolean, file: string): { sql: string; mode: "num" | "epoch" | "ms" | "text" } {
  const id = sqlIdent(name);
  if (isTime && TEMPORAL.test(type)) return { sql: `epoch_ms(${id})::DOUBLE`, mode: "ms" };
  if (NUMERIC.test(type)) return { sql: `${id}::DOUBLE`, mode: isTime ? "epoch" : "num" };
  if (TEXT.test(type)) return { sql: id, mode: "text" };
  throw new DataError(`column '${name}' has unsupported Parquet type ${type}`, { file, column: name, code: "DATA_TYPE" });
}

async function describe(db: DuckDbHandle, path: string): Promise<{ name: string; type: string }[]> {
  try {
    const r = await db.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(path)})`);
    return r.getRowObjectsJS().map((o) => ({ name: String(o.column_name), type: String(o.column_type) }));
  } catch (e) {
    throw new DataError(`not a valid Parquet file (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`, { file: path, code: "DATA_CORRUPT" });
  }
}

export async function loadParquetBars(path: string, opts: ReadOpts): Promise<ReaderOutput> {
  const db = await openDuckDb();
  try {
    const schema = await describe(db, path);
    const cols = mapColumns(schema.map((c) => c.name), path);
    const n = cols.names;
    const src = `read_parquet(${sqlString(path)}, file_row_number = true)`;
    const keys = new SeriesKeys(path, opts.symbol, opts.interval, cols.symbol >= 0, cols.interval >= 0);
    const where: string[] = [];
    if (cols.symbol >= 0 || cols.interval >= 0) {
      const sym = cols.symbol >= 0 ? `${sqlIdent(n[cols.symbol]!)}::VARCHAR` : "''";
      const ivl = cols.interval >= 0 ? `${sqlIdent(n[cols.interval]!)}::VARCHAR` : "''";
      const r = await db.conn.runAndReadAll(`SELECT ${sym} AS s, ${ivl} AS i, count(*) AS n FROM ${src} GROUP BY ALL ORDER BY min(file_row_number)`);
      for (const row of r.getRowObjectsJS()) keys.key(String(row.s ?? ""), String(row.i ?? "")).rows = Number(row.n);
      const active = keys.active;
      if (!active) return { sink: emptySink(path, n, cols, opts), keys };
      if (cols.symbol >= 0) where.push(`${sym} = ${sqlString(active.symbol)}`);
      if (cols.interval >= 0) where.push(`${ivl} = ${sqlString(active.interval)}`);
    }
    const exprs = [cols.time, cols.open, cols.high, cols.low, cols.close, cols.volume].map((i, k) => columnExpr(n[i]!, schema[i]!.type, k === 0, path));
    const names = [cols.time, cols.open, cols.high, cols.low, cols.close, cols.volume].map((i) => n[i]!);
    // Numeric columns arrive as DOUBLE with NULL → NaN plus a null bitmask, so whole chunks can be
    // read as typed arrays; text columns are parsed row by row.
    const select = exprs.map((e) => (e.mode === "text" ? e.sql : `coalesce(${e.sql}, 'NaN'::DOUBLE)`));
    const nullMask = exprs.map((e, k) => `(${e.sql} IS NULL)::INTEGER * ${1 << k}`).join(" + ");
    const sql = `SELECT file_row_number::DOUBLE, (${nullMask})::DOUBLE, ${select.join(", ")} FROM ${src}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`;
    const sink = emptySink(path, n, cols, opts);
    // Size the columns once: growing by doubling would fault in twice the memory.
    const counted = await db.conn.runAndReadAll(`SELECT count(*) AS n FROM ${src}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}`);
    sink.reserve(Number(counted.getRowObjectsJS()[0]?.n ?? 0));
    const result = await db.conn.stream(sql);
    const anyText = exprs.some((e) => e.mode === "text");
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const count = chunk.rowCount;
      const col = (i: number): Float64Array => columnValues(chunk.getColumnVector(i), count);
      const rows = col(0);
      const nulls = col(1);
      const v = anyText ? exprs.map((e, k) => (e.mode === "text" ? textColumn(chunk.getColumnVector(k + 2), count, k === 0) : col(k + 2))) : [2, 3, 4, 5, 6, 7].map(col);
      for (let k = 0; k < 6; k++) if (exprs[k]!.mode === "epoch") v[k] = v[k]!.map(epochToMs);
      let clean = true;
      for (let r = 0; r < count && clean; r++) if (nulls[r] !== 0) clean = false;
      if (clean) {
        sink.addColumns(v[0]!, v[1]!, v[2]!, v[3]!, v[4]!, v[5]!, count, 0, rows.map((x) => x + 1));
        continue;
      }
      for (let r = 0; r < count; r++) {
        const line = rows[r]! + 1;
        const mask = nulls[r]!;
        if (mask !== 0) {
          sink.fail(line, names[Math.log2(mask & -mask)]!, "null value");
          continue;
        }
        sink.add(line, v[0]![r]!, v[1]![r]!, v[2]![r]!, v[3]![r]!, v[4]![r]!, v[5]![r]!);
      }
    }
    return { sink, keys };
  } finally {
    db.close();
  }
}

/** A DOUBLE vector's values as a Float64Array (the vector's own buffer when exposed, else copied). */
function columnValues(vec: { getItem(i: number): unknown }, count: number): Float64Array {
  const items = (vec as { items?: unknown }).items;
  if (items instanceof Float64Array && items.length >= count) return items.subarray(0, count);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = Number(vec.getItem(i) ?? NaN);
  return out;
}

/** A VARCHAR vector parsed as times or numbers (NaN where unparsable; nulls are in the mask). */
function textColumn(vec: { getItem(i: number): unknown }, count: number, isTime: boolean): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const s = vec.getItem(i);
    out[i] = s === null ? NaN : isTime ? parseTimeText(String(s)) : parseNumberText(String(s)).value;
  }
  return out;
}

function emptySink(path: string, n: readonly string[], cols: ReturnType<typeof mapColumns>, opts: ReadOpts): BarSink {
  return new BarSink(path, { time: n[cols.time]!, open: n[cols.open]!, high: n[cols.high]!, low: n[cols.low]!, close: n[cols.close]!, volume: n[cols.volume]! }, opts.onBadRow, opts.from, opts.to, 1024);
}
