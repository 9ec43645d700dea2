/**
 * Writers for bar series: CSV (optionally gzip), Arrow IPC file and Parquet. Used to export data,
 * and by tests and benchmarks to produce round-trip copies. Numbers are written in JavaScript's
 * shortest round-trip form, so reading a written file back yields bit-identical values.
 *
 * Layouts written: CSV `open_time_ms,open,high,low,close,volume` (or the seed layout
 * `timestamp,symbol,…` with RFC3339 times when `layout: "seed"`); Arrow and Parquet columns
 * `timestamp` (ms timestamp), `symbol`, `open`, `high`, `low`, `close`, `volume` (float64).
 */
import { Field, Float64, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, TimestampMillisecond, Utf8, vectorFromArray } from "apache-arrow";
import { writeFile } from "node:fs/promises";
import type { BarSeries } from "../engine/bar-series.ts";
import { openDuckDb, sqlString } from "./duckdb-loader.ts";
import { isoTime } from "./time-text.ts";

export async function writeBarsCsv(s: BarSeries, path: string, opts: { gzip?: boolean; layout?: "plain" | "seed" } = {}): Promise<void> {
  const seed = opts.layout === "seed";
  const parts: string[] = [seed ? "timestamp,symbol,open,high,low,close,volume\n" : "open_time_ms,open,high,low,close,volume\n"];
  for (let i = 0; i < s.length; i++) {
    const t = seed ? `${isoTime(s.tsEvent[i]!)},${s.symbol}` : String(s.tsEvent[i]);
    parts.push(`${t},${s.open[i]},${s.high[i]},${s.low[i]},${s.close[i]},${s.volume[i]}\n`);
  }
  const text = new TextEncoder().encode(parts.join(""));
  await writeFile(path, opts.gzip ? Bun.gzipSync(text) : text);
}

function arrowTable(s: BarSeries): Table {
  const ts = new BigInt64Array(s.length);
  for (let i = 0; i < s.length; i++) ts[i] = BigInt(s.tsEvent[i]!);
  const fields = [
    new Field("timestamp", new TimestampMillisecond(), false),
    new Field("symbol", new Utf8(), false),
    ...["open", "high", "low", "close", "volume"].map((n) => new Field(n, new Float64(), false)),
  ];
  const symbols = vectorFromArray(Array.from({ length: s.length }, () => s.symbol), new Utf8());
  const children = [
    makeData({ type: new TimestampMillisecond(), length: s.length, data: ts }),
    symbols.data[0]!,
    ...[s.open, s.high, s.low, s.close, s.volume].map((a) => makeData({ type: new Float64(), length: s.length, data: a })),
  ];
  const struct = makeData({ type: new Struct(fields), length: s.length, children });
  return new Table(new RecordBatch(new Schema(fields), struct));
}

export async function writeBarsArrow(s: BarSeries, path: string): Promise<void> {
  await writeFile(path, tableToIPC(arrowTable(s), "file"));
}

/** Parquet via DuckDB: rows are appended in chunks of 2048 and copied out with COPY … TO. */
export async function writeBarsParquet(s: BarSeries, path: string): Promise<void> {
  const db = await openDuckDb();
  try {
    const { DuckDBDataChunk, BIGINT, DOUBLE } = await import("@duckdb/node-api");
    await db.conn.run("CREATE TABLE bars (ms BIGINT, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)");
    const app = await db.conn.createAppender("bars");
    const CH = 2048;
    const cols = [s.open, s.high, s.low, s.close, s.volume];
    for (let a = 0; a < s.length; a += CH) {
      const b = Math.min(s.length, a + CH);
      const chunk = DuckDBDataChunk.create([BIGINT, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE], b - a);
      const ms: bigint[] = [];
      for (let i = a; i < b; i++) ms.push(BigInt(s.tsEvent[i]!));
      chunk.setColumnValues(0, ms);
      cols.forEach((c, k) => chunk.setColumnValues(k + 1, Array.from(c.subarray(a, b))));
      app.appendDataChunk(chunk);
    }
    app.closeSync();
    await db.conn.run(
      `COPY (SELECT epoch_ms(ms) AS timestamp, ${sqlString(s.symbol)} AS symbol, open, high, low, close, volume FROM bars ORDER BY ms) TO ${sqlString(path)} (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
}
