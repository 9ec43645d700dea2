/**
 * loadBars: one bar series from a CSV (plain or gzip), Parquet or Arrow IPC file, as columnar
 * Float64Arrays (BarSeries). The file kind is sniffed from its bytes; CSV layouts are
 * auto-detected from the header (see columns.ts).
 *
 * Contract (relied on by the backtest command):
 *  - rows are validated (bar-sink.ts); bad input throws DataError "file:line: column 'x': …", or
 *    is skipped and counted under onBadRow "skip";
 *  - `from`/`to` filter on open time (epoch ms, inclusive from, exclusive to);
 *  - multi-series files need symbol/interval filters when ambiguous (UsageError lists the series);
 *  - symbol = filter, else symbol column, else file name; interval = interval column, else the
 *    given `interval` (checked against the data), else the most common step in the data;
 *  - priceDecimals/sizeDecimals = most decimals seen in OHLC / volume (tick and lot grid).
 */
import { DataError, parseInterval, UsageError } from "../core/index.ts";
import type { BarSeries } from "../engine/bar-series.ts";
import type { BarSink, OnBadRow } from "./bar-sink.ts";
import { columnMemoryReady } from "./column-memory.ts";
import { CsvBarParser } from "./csv-bar-parser.ts";
import { fileChunks, sniffFile } from "./file-source.ts";
import { intervalName, mostCommonStep, symbolFromFileName, venueFromFileName } from "./infer-meta.ts";
import { maxDecimals } from "./number-text.ts";
import type { SeriesKeys } from "./series-keys.ts";
import { isoTime } from "./time-text.ts";

export interface LoadBarsOptions {
  symbol?: string;
  interval?: string;
  from?: number;
  to?: number;
  onBadRow?: "error" | "skip";
}

export interface LoadBarsResult {
  series: BarSeries;
  skipped: number;
  priceDecimals: number;
  sizeDecimals: number;
}

/** What a format reader hands back before the shared post-processing. */
export interface ReaderOutput {
  readonly sink: BarSink;
  readonly keys: SeriesKeys;
  /** Decimals seen in the text (CSV); undefined → inferred from the values. */
  readonly priceDecimals?: number;
  readonly sizeDecimals?: number;
}

export async function loadBars(path: string, opts: LoadBarsOptions = {}): Promise<LoadBarsResult> {
  const onBadRow: OnBadRow = opts.onBadRow ?? "error";
  if (opts.from !== undefined && opts.to !== undefined && !(opts.from < opts.to)) {
    throw new UsageError(`time range is empty: from ${isoTime(opts.from)} is not before to ${isoTime(opts.to)}`, { from: opts.from, to: opts.to });
  }
  const [{ kind, contentSize }] = await Promise.all([sniffFile(path), columnMemoryReady]);
  const ropts = { symbol: opts.symbol, interval: opts.interval, from: opts.from, to: opts.to, onBadRow };
  let out: ReaderOutput;
  // Arrow and Parquet readers are imported on demand: CSV users never load apache-arrow/DuckDB.
  if (kind === "parquet") out = await (await import("./parquet-bars.ts")).loadParquetBars(path, ropts);
  else if (kind === "arrow-file" || kind === "arrow-stream") out = await (await import("./arrow-bars.ts")).loadArrowBars(path, ropts);
  else {
    const parser = new CsvBarParser(path, { ...ropts, expectedBytes: contentSize });
    for await (const chunk of fileChunks(path, kind === "gzip")) parser.push(chunk);
    parser.finish();
    out = { sink: parser.sink!, keys: parser.keys!, priceDecimals: parser.priceDecimals, sizeDecimals: parser.sizeDecimals };
  }
  return finishSeries(path, out, opts);
}

function finishSeries(path: string, out: ReaderOutput, opts: LoadBarsOptions): LoadBarsResult {
  const { sink, keys } = out;
  keys.check();
  if (sink.length === 0) {
    if (sink.inWindow === 0 && sink.firstSeen <= sink.lastSeen && (opts.from !== undefined || opts.to !== undefined)) {
      const win = `[${opts.from !== undefined ? isoTime(opts.from) : "start"}, ${opts.to !== undefined ? isoTime(opts.to) : "end"})`;
      throw new UsageError(`${path}: no bars in ${win}; the data covers ${isoTime(sink.firstSeen)} → ${isoTime(sink.lastSeen)}`, { file: path });
    }
    if (sink.skipped > 0) throw new DataError(`all ${sink.skipped} rows were bad and skipped; no bars left`, { file: path, code: "DATA_EMPTY" });
    throw new DataError("no bar rows", { file: path, code: "DATA_EMPTY" });
  }
  const cols = sink.columns();
  const active = keys.active;
  const step = mostCommonStep(cols.tsEvent);
  let intervalMs = step;
  if (active && active.interval !== "") {
    try {
      intervalMs = parseInterval(active.interval).ms;
    } catch {
      intervalMs = step;
    }
  } else if (opts.interval !== undefined) {
    let given: number;
    try {
      given = parseInterval(opts.interval).ms;
    } catch (e) {
      throw new UsageError((e as Error).message, { interval: opts.interval });
    }
    if (step !== 0 && step !== given) {
      throw new UsageError(`${path}: interval ${opts.interval} given but the bars are ${intervalName(step)} apart (most common step)`, { file: path, interval: opts.interval });
    }
    intervalMs = given;
  }
  const symbol = opts.symbol ?? (active && active.symbol !== "" ? active.symbol : symbolFromFileName(path));
  const series: BarSeries = {
    symbol,
    venue: venueFromFileName(path),
    intervalMs,
    length: sink.length,
    ...cols,
    source: path,
  };
  return {
    series,
    skipped: sink.skipped,
    priceDecimals: out.priceDecimals ?? Math.max(maxDecimals(cols.open), maxDecimals(cols.high), maxDecimals(cols.low), maxDecimals(cols.close)),
    sizeDecimals: out.sizeDecimals ?? maxDecimals(cols.volume),
  };
}
