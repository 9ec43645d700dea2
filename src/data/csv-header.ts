/**
 * CSV header handling: finds the header line (skipping leading blank lines), rejects binary
 * input, recognises headerless Binance kline files, and turns the column map into the per-column
 * role plan the row scanners use.
 */
import { DataError } from "../core/index.ts";
import { binanceRawColumns, looksLikeBinanceRaw, mapColumns, type ColumnMap } from "./columns.ts";
import { R_CLOSE, R_HIGH, R_INTERVAL, R_LOW, R_OPEN, R_SYMBOL, R_TIME, R_VOLUME } from "./csv-row-scan.ts";
import { bytesText } from "./number-text.ts";

/**
 * Reads the header from whole lines in [start, end). `line` is the number of lines consumed
 * before; returns the updated count, the columns (undefined if only blank lines were seen) and
 * where data rows start (the header line itself for a headerless file).
 */
export function readCsvHeader(buf: Uint8Array, start: number, end: number, file: string, line: number): { columns?: ColumnMap; dataStart: number; line: number } {
  let p = start;
  while (p < end && (buf[p] === 10 || buf[p] === 13)) {
    if (buf[p] === 10) line++;
    p++;
  }
  if (p >= end) return { dataStart: end, line };
  const nl = buf.indexOf(10, p);
  for (let i = p; i < nl; i++) {
    const b = buf[i]!;
    if (b < 9 || (b > 13 && b < 32)) {
      throw new DataError("not a CSV text file (binary data); supported: CSV, CSV.gz, Parquet, Arrow IPC", { file, line: line + 1, code: "DATA_FORMAT" });
    }
  }
  const fields = bytesText(buf, p, nl).replace(/\r$/, "").split(",");
  if (looksLikeBinanceRaw(fields)) return { columns: binanceRawColumns(fields.length), dataStart: p, line };
  return { columns: mapColumns(fields, file, line + 1), dataStart: nl + 1, line: line + 1 };
}

/**
 * Role per column index (R_* codes, R_SKIP = 0 for unused), the last column any role needs, and
 * where the fast path's five adjacent open..volume columns start (−1 when they are not adjacent
 * and last).
 */
export function columnPlan(cols: ColumnMap): { roles: Int8Array; lastCol: number; fastStart: number } {
  const roles = new Int8Array(cols.names.length + 1);
  const set: [number, number][] = [
    [cols.time, R_TIME],
    [cols.open, R_OPEN],
    [cols.high, R_HIGH],
    [cols.low, R_LOW],
    [cols.close, R_CLOSE],
    [cols.volume, R_VOLUME],
    [cols.symbol, R_SYMBOL],
    [cols.interval, R_INTERVAL],
  ];
  let last = 0;
  for (const [i, r] of set) {
    if (i < 0) continue;
    roles[i] = r;
    if (i > last) last = i;
  }
  const o = cols.open;
  const adjacent = cols.high === o + 1 && cols.low === o + 2 && cols.close === o + 3 && cols.volume === o + 4;
  return { roles, lastCol: last, fastStart: adjacent && last === o + 4 ? o : -1 };
}
