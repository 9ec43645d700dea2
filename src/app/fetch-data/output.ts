/**
 * Output files for fetch-data: format from the extension (.csv, .csv.gz, .parquet, .arrow), the
 * seed's CSV layout `timestamp,symbol,open,high,low,close,volume` (RFC3339 UTC times), and an
 * atomic write: the data goes to a temp file in the same folder which is then renamed over the
 * target, so an interrupted run never leaves a torn file and never damages the previous one.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { UsageError } from "../../core/index.ts";
import type { BarSeries } from "../../engine/bar-series.ts";
import { writeBarsArrow, writeBarsCsv, writeBarsParquet } from "../../data/index.ts";
import type { Row } from "./sources.ts";

export type OutputFormat = "csv" | "csv.gz" | "parquet" | "arrow";

export function outputFormat(path: string): OutputFormat {
  const p = path.toLowerCase();
  if (p.endsWith(".csv.gz")) return "csv.gz";
  if (p.endsWith(".csv")) return "csv";
  if (p.endsWith(".parquet")) return "parquet";
  if (p.endsWith(".arrow") || p.endsWith(".feather")) return "arrow";
  throw new UsageError(`--output: unsupported file type "${basename(path)}" (use .csv, .csv.gz, .parquet or .arrow)`, { flag: "output" });
}

export function toSeries(rows: readonly Row[], symbol: string, venue: string, intervalMs: number, source: string): BarSeries {
  const n = rows.length;
  const s = { tsEvent: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  rows.forEach((r, i) => {
    s.tsEvent[i] = r.t;
    s.open[i] = r.open;
    s.high[i] = r.high;
    s.low[i] = r.low;
    s.close[i] = r.close;
    s.volume[i] = r.volume;
  });
  return { symbol, venue, intervalMs, length: n, source, ...s };
}

/** Writes `series` to `path` via temp + rename. The temp file is removed on any failure. */
export async function writeAtomically(series: BarSeries, path: string, format: OutputFormat): Promise<void> {
  await mkdir(dirname(path) || ".", { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}${format === "parquet" ? ".parquet" : ""}`);
  try {
    if (format === "csv" || format === "csv.gz") await writeBarsCsv(series, tmp, { layout: "seed", gzip: format === "csv.gz" });
    else if (format === "parquet") await writeBarsParquet(series, tmp);
    else await writeBarsArrow(series, tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
