/**
 * Arrow IPC (file or stream format, e.g. `.arrow`, `.feather` v2) → bars via apache-arrow.
 *
 * Columns are found with the same names as CSV headers (columns.ts). Supported types: any
 * integer/float for prices and volume; for the time column integer/float epochs (scaled by
 * magnitude), Timestamp (any unit), Date, or RFC3339 strings. Numbers stored as strings are
 * parsed strictly. Error positions are 1-based row numbers ("file:row: column 'x': …").
 */
import { DataType, tableFromIPC, TimeUnit, type Table, type Vector } from "apache-arrow";
import { readFile } from "node:fs/promises";
import { DataError } from "../core/index.ts";
import { BarSink, type OnBadRow } from "./bar-sink.ts";
import { mapColumns } from "./columns.ts";
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

/** Converts one column of one batch into float64 values (NaN where null or unparsable). */
function toNumbers(vec: Vector, file: string, name: string, isTime: boolean): Float64Array {
  const t = vec.type;
  const n = vec.length;
  if (!isTime && DataType.isFloat(t) && vec.nullCount === 0) {
    const raw = vec.toArray();
    if (raw instanceof Float64Array) return raw; // zero-copy
  }
  const out = new Float64Array(n);
  if (DataType.isTimestamp(t) || (isTime && DataType.isInt(t) && t.bitWidth === 64)) {
    const raw = vec.toArray() as BigInt64Array | Float64Array;
    const div = DataType.isTimestamp(t) ? [1 / 1000, 1, 1000, 1e6][t.unit === TimeUnit.SECOND ? 0 : t.unit === TimeUnit.MILLISECOND ? 1 : t.unit === TimeUnit.MICROSECOND ? 2 : 3]! : 0;
    for (let i = 0; i < n; i++) {
      const x = Number(raw[i]!);
      out[i] = div === 0 ? epochToMs(x) : x / div;
    }
  } else if (DataType.isInt(t) || DataType.isFloat(t)) {
    const raw = vec.toArray() as ArrayLike<number | bigint>;
    for (let i = 0; i < n; i++) out[i] = isTime ? epochToMs(Number(raw[i]!)) : Number(raw[i]!);
  } else if (DataType.isDate(t)) {
    for (let i = 0; i < n; i++) out[i] = Number(vec.get(i) as unknown);
  } else if (DataType.isUtf8(t) || DataType.isLargeUtf8(t) || (DataType.isDictionary(t) && DataType.isUtf8(t.dictionary))) {
    for (let i = 0; i < n; i++) {
      const s = vec.get(i) as string | null;
      out[i] = s === null ? NaN : isTime ? parseTimeText(s) : parseNumberText(s).value;
    }
  } else {
    throw new DataError(`column '${name}' has unsupported Arrow type ${String(t)} (use float64/int64, timestamp or string)`, { file, column: name, code: "DATA_TYPE" });
  }
  if (vec.nullCount > 0) for (let i = 0; i < n; i++) if (!vec.isValid(i)) out[i] = NaN;
  return out;
}

/**
 * Runs of equal values in a string column: starts[k] is the first row of run k and values[k]
 * its text. Compares dictionary indices or raw UTF-8 bytes, so only one string per run is decoded.
 */
function keyRuns(vec: Vector): { starts: number[]; values: string[] } {
  const n = vec.length;
  const starts: number[] = [];
  const values: string[] = [];
  const push = (i: number): void => {
    starts.push(i);
    const x = vec.get(i) as unknown;
    values.push(x === null || x === undefined ? "" : String(x));
  };
  const data = vec.data.length === 1 ? vec.data[0]! : null;
  const t = vec.type;
  if (data && DataType.isDictionary(t) && vec.nullCount === 0) {
    const idx = data.values as ArrayLike<number>;
    for (let i = 0; i < n; i++) if (i === 0 || idx[i] !== idx[i - 1]) push(i);
  } else if (data && DataType.isUtf8(t) && vec.nullCount === 0) {
    const off = data.valueOffsets as Int32Array;
    const bytes = data.values as Uint8Array;
    for (let i = 0; i < n; i++) {
      if (i > 0) {
        const a0 = off[i - 1]!;
        const len = off[i]! - a0;
        const b0 = off[i]!;
        let same = off[i + 1]! - b0 === len;
        for (let k = 0; same && k < len; k++) same = bytes[a0 + k] === bytes[b0 + k];
        if (same) continue;
      }
      push(i);
    }
  } else {
    let last: unknown = Symbol();
    for (let i = 0; i < n; i++) {
      const x = vec.get(i) as unknown;
      if (x !== last) push(i);
      last = x;
    }
  }
  return { starts, values };
}

export async function loadArrowBars(path: string, opts: ReadOpts): Promise<ReaderOutput> {
  let table: Table;
  try {
    table = tableFromIPC(await readFile(path));
  } catch (e) {
    throw new DataError(`not a valid Arrow IPC file (${e instanceof Error ? e.message : String(e)})`, { file: path, code: "DATA_CORRUPT" });
  }
  const names = table.schema.fields.map((f) => f.name);
  const cols = mapColumns(names, path);
  const n = cols.names;
  const sink = new BarSink(path, { time: n[cols.time]!, open: n[cols.open]!, high: n[cols.high]!, low: n[cols.low]!, close: n[cols.close]!, volume: n[cols.volume]! }, opts.onBadRow, opts.from, opts.to, Math.max(16, table.numRows));
  const keys = new SeriesKeys(path, opts.symbol, opts.interval, cols.symbol >= 0, cols.interval >= 0);
  let row = 0;
  for (const batch of table.batches) {
    const get = (i: number, isTime = false): Float64Array => toNumbers(batch.getChildAt(i)!, path, n[i]!, isTime);
    const ts = get(cols.time, true);
    const o = get(cols.open);
    const h = get(cols.high);
    const l = get(cols.low);
    const c = get(cols.close);
    const v = get(cols.volume);
    const sym = cols.symbol >= 0 ? keyRuns(batch.getChildAt(cols.symbol)!) : null;
    const ivl = cols.interval >= 0 ? keyRuns(batch.getChildAt(cols.interval)!) : null;
    // Rows are loaded in runs of one (symbol, interval): one key lookup and one bulk add per run.
    let a = 0;
    let si = 0;
    let ii = 0;
    while (a < batch.numRows) {
      while (sym && si + 1 < sym.starts.length && sym.starts[si + 1]! <= a) si++;
      while (ivl && ii + 1 < ivl.starts.length && ivl.starts[ii + 1]! <= a) ii++;
      const b = Math.min(batch.numRows, sym?.starts[si + 1] ?? Infinity, ivl?.starts[ii + 1] ?? Infinity);
      const key = sym || ivl ? keys.key(sym?.values[si] ?? "", ivl?.values[ii] ?? "") : null;
      if (key) key.rows += b - a;
      if (!key || key.active) {
        const sub = (x: Float64Array): Float64Array => (a === 0 && b === batch.numRows ? x : x.subarray(a, b));
        sink.addColumns(sub(ts), sub(o), sub(h), sub(l), sub(c), sub(v), b - a, row + a);
      }
      a = b;
    }
    row += batch.numRows;
  }
  return { sink, keys };
}
