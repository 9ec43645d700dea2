/**
 * Streaming CSV → columnar bars. Feed byte chunks with `push` (any split, e.g. straight from a
 * gunzip stream) and call `finish`; rows go into a BarSink's Float64Arrays, never into objects.
 *
 * Design: a chunk is cut at its last '\n' and the tail carried into the next chunk, so the hot
 * loop only ever sees whole lines that end in '\n' and needs no bounds checks. Plain decimals
 * are parsed inline on the bytes (mantissa / 10^decimals, exact for ≤ 15 digits); anything else
 * takes the strict slow path in number-text.ts. Columns after the last needed one are skipped
 * with a native indexOf. Line numbers are 1-based file lines (the header is line 1).
 */
import { DataError } from "../core/index.ts";
import { BarSink, type OnBadRow } from "./bar-sink.ts";
import type { ColumnMap } from "./columns.ts";
import { columnPlan, readCsvHeader } from "./csv-header.ts";
import { NUM, POS, R_INTERVAL, R_SKIP, R_SYMBOL, R_TIME, ROW, plainNumber, scanRow } from "./csv-row-scan.ts";
import { bytesText, quoteField } from "./number-text.ts";
import { SeriesKeys, type SeriesKey } from "./series-keys.ts";
import { epochToMs, parseIsoBytes } from "./time-text.ts";

const EMPTY = new Uint8Array(0);

export interface CsvParseOptions {
  readonly symbol?: string;
  readonly interval?: string;
  readonly from?: number;
  readonly to?: number;
  readonly onBadRow: OnBadRow;
  /** Expected total (decompressed) bytes; used once to pre-size the columns. */
  readonly expectedBytes?: number;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function sameBytes(buf: Uint8Array, s: number, e: number, ref: Uint8Array): boolean {
  if (e - s !== ref.length) return false;
  for (let i = 0; i < ref.length; i++) if (buf[s + i] !== ref[i]) return false;
  return true;
}

export class CsvBarParser {
  /** Lines consumed so far (1-based number of the last line seen). */
  line = 0;
  priceDecimals = 0;
  sizeDecimals = 0;
  dataLines = 0;
  columns: ColumnMap | undefined;
  sink: BarSink | undefined;
  keys: SeriesKeys | undefined;
  private carry: Uint8Array | null = null;
  private reserved = false;
  private roles: Int8Array = new Int8Array(0);
  private lastCol = 0;
  /** Column index where open,high,low,close,volume start when they are adjacent and last; else −1. */
  private fastStart = -1;
  private hasKey = false;
  private curSym: Uint8Array = EMPTY;
  private curIvl: Uint8Array = EMPTY;
  private curKey: SeriesKey = { symbol: "", interval: "", rows: 0, active: true };

  constructor(
    readonly file: string,
    readonly opts: CsvParseOptions,
  ) {}

  push(chunk: Uint8Array): void {
    let start = 0;
    if (this.carry !== null) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.carry = concat(this.carry, chunk);
        return;
      }
      const joined = concat(this.carry, chunk.subarray(0, nl + 1));
      this.carry = null;
      this.lines(joined, 0, joined.length);
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last < start) {
      if (start < chunk.length) this.carry = chunk.slice(start);
      return;
    }
    this.lines(chunk, start, last + 1);
    if (last + 1 < chunk.length) this.carry = chunk.slice(last + 1);
  }

  /** Flushes the last line; throws DataError for an empty file or one without data rows. */
  finish(): void {
    if (this.carry !== null && this.carry.length > 0) {
      const tail = concat(this.carry, new Uint8Array([10]));
      this.carry = null;
      this.lines(tail, 0, tail.length);
    }
    if (!this.columns) throw new DataError("file is empty (expected a header row and bar rows)", { file: this.file, code: "DATA_EMPTY" });
    if (this.dataLines === 0) throw new DataError("file has a header but no data rows", { file: this.file, line: this.line, code: "DATA_EMPTY" });
  }

  private lines(buf: Uint8Array, start: number, end: number): void {
    if (!this.columns) {
      start = this.readHeader(buf, start, end);
      if (start >= end) return;
    }
    this.parseLines(buf, start, end);
  }

  /** Consumes the header line (or recognises a headerless Binance file); returns where data starts. */
  private readHeader(buf: Uint8Array, start: number, end: number): number {
    const h = readCsvHeader(buf, start, end, this.file, this.line);
    this.line = h.line;
    if (!h.columns) return end;
    const cols = h.columns;
    this.columns = cols;
    const plan = columnPlan(cols);
    this.roles = plan.roles;
    this.lastCol = plan.lastCol;
    this.fastStart = plan.fastStart;
    this.hasKey = cols.symbol >= 0 || cols.interval >= 0;
    const n = cols.names;
    this.sink = new BarSink(
      this.file,
      { time: n[cols.time]!, open: n[cols.open]!, high: n[cols.high]!, low: n[cols.low]!, close: n[cols.close]!, volume: n[cols.volume]! },
      this.opts.onBadRow,
      this.opts.from,
      this.opts.to,
      1024,
    );
    this.keys = new SeriesKeys(this.file, this.opts.symbol, this.opts.interval, cols.symbol >= 0, cols.interval >= 0);
    return h.dataStart;
  }

  private switchKey(buf: Uint8Array, symS: number, symE: number, ivlS: number, ivlE: number): void {
    this.curSym = buf.slice(symS, symE);
    this.curIvl = buf.slice(ivlS, ivlE);
    const strip = (s: string): string => s.trim().replace(/^"(.*)"$/, "$1");
    this.curKey = this.keys!.key(strip(bytesText(buf, symS, symE)), strip(bytesText(buf, ivlS, ivlE)));
  }

  private reportField(line: number, role: number, s: number, e: number, buf: Uint8Array): void {
    const names = this.columns!.names;
    const col = [0, this.columns!.time, this.columns!.open, this.columns!.high, this.columns!.low, this.columns!.close, this.columns!.volume][role]!;
    const text = bytesText(buf, s, e);
    // A stray quote means an earlier quoted field held a comma and the columns shifted.
    const hint = text.includes('"') ? " (a quoted field containing a comma? bar files do not support those)" : "";
    const msg =
      text.trim() === ""
        ? "empty value"
        : role === R_TIME
          ? `${quoteField(text)} is not a valid time (expected RFC3339 like 2024-01-01T00:00:00Z or epoch milliseconds)${hint}`
          : `${quoteField(text)} is not a number${hint}`;
    this.sink!.fail(line, names[col], msg);
  }

  private reportMissing(line: number, parsedCols: number): void {
    const roles = this.roles;
    let first = this.lastCol;
    for (let i = parsedCols; i <= this.lastCol; i++) {
      if (roles[i] !== R_SKIP) {
        first = i;
        break;
      }
    }
    const name = this.columns!.names[first]!;
    this.sink!.fail(line, name, `missing (row has ${parsedCols} field${parsedCols === 1 ? "" : "s"}, header has ${this.columns!.names.length})`);
  }

  /** Pre-sizes the columns from the expected byte count and the first lines' average length. */
  private reserve(buf: Uint8Array, start: number, end: number): void {
    this.reserved = true;
    const total = this.opts.expectedBytes;
    if (!total || !this.sink) return;
    const sampleEnd = Math.min(end, start + (1 << 16));
    let lines = 0;
    for (let i = buf.indexOf(10, start); i >= 0 && i < sampleEnd; i = buf.indexOf(10, i + 1)) lines++;
    if (lines < 4) return;
    const rows = Math.ceil((total / ((sampleEnd - start) / lines)) * 1.02) + 1024;
    this.sink.reserve(Math.min(rows, 1 << 28));
  }

  private parseLines(buf: Uint8Array, start: number, end: number): void {
    if (!this.reserved) this.reserve(buf, start, end);
    let p = start;
    while (p < end) {
      p = this.fastRun(buf, p, end);
      if (p < end) p = this.slowRow(buf, p);
    }
  }

  /**
   * The hot loop. Handles blank lines and rows that the fast path parses and that are valid,
   * in the active series and fit the columns; stops at the first other line and returns its
   * start (slowRow takes it). The column arrays are loop-invariant here, which matters to the JIT.
   */
  private fastRun(buf: Uint8Array, start: number, end: number): number {
    const fastStart = this.fastStart;
    if (fastStart < 0) return start;
    const roles = this.roles;
    const sink = this.sink!;
    const hasKey = this.hasKey;
    const key = this.curKey;
    const curSym = this.curSym;
    const curIvl = this.curIvl;
    const from = sink.from;
    const to = sink.to;
    const T = sink.tsEvent;
    const O = sink.open;
    const H = sink.high;
    const L = sink.low;
    const C = sink.close;
    const V = sink.volume;
    const cap = T.length;
    let line = this.line;
    let pdMax = this.priceDecimals;
    let sdMax = this.sizeDecimals;
    let dataLines = this.dataLines;
    let n = sink.length;
    let prevTs = sink.prevTs;
    let prevLine = sink.prevLine;
    let inWindow = sink.inWindow;
    let first = sink.firstSeen;
    let last = sink.lastSeen;
    let p = start;
    for (; p < end; ) {
      const c0 = buf[p]!;
      if (c0 === 10 || (c0 === 13 && buf[p + 1] === 10)) {
        line++;
        p += c0 === 10 ? 1 : 2;
        continue;
      }
      let ts = NaN;
      let symS = 0;
      let symE = 0;
      let ivlS = 0;
      let ivlE = 0;
      let q = p;
      for (let k = 0; k < fastStart; k++) {
        const role = roles[k]!;
        const fs = q;
        let c = buf[q]!;
        if (role === R_TIME) {
          let m = 0;
          while (c >= 48 && c <= 57) {
            m = m * 10 + (c - 48);
            c = buf[++q]!;
          }
          if (c === 44 && q > fs) ts = epochToMs(m);
          else {
            while (c !== 44 && c !== 10 && c !== 13) c = buf[++q]!;
            ts = c === 44 ? parseIsoBytes(buf, fs, q) : NaN;
          }
        } else {
          while (c !== 44 && c !== 10 && c !== 13) c = buf[++q]!;
          if (role === R_SYMBOL) {
            symS = fs;
            symE = q;
          } else if (role === R_INTERVAL) {
            ivlS = fs;
            ivlE = q;
          }
        }
        if (c !== 44) {
          q = -1;
          break;
        }
        q++;
      }
      if (q < 0 || ts !== ts) break;
      if (hasKey && (!sameBytes(buf, symS, symE, curSym) || !sameBytes(buf, ivlS, ivlE, curIvl))) break;
      q = plainNumber(buf, q);
      if (q < 0 || buf[q] !== 44) break;
      const o = NUM[0]!;
      let pd = NUM[1]!;
      q = plainNumber(buf, q + 1);
      if (q < 0 || buf[q] !== 44) break;
      const h = NUM[0]!;
      if (NUM[1]! > pd) pd = NUM[1]!;
      q = plainNumber(buf, q + 1);
      if (q < 0 || buf[q] !== 44) break;
      const l = NUM[0]!;
      if (NUM[1]! > pd) pd = NUM[1]!;
      q = plainNumber(buf, q + 1);
      if (q < 0 || buf[q] !== 44) break;
      const cl = NUM[0]!;
      if (NUM[1]! > pd) pd = NUM[1]!;
      q = plainNumber(buf, q + 1);
      if (q < 0) break;
      const v = NUM[0]!;
      const sd = NUM[1]!;
      const next = (buf[q] === 10 ? q : buf.indexOf(10, q)) + 1;
      if (hasKey && !key.active) {
        key.rows++;
        line++;
        dataLines++;
        p = next;
        continue;
      }
      // Inlined BarSink.add for a valid row (o,l > 0 and l ≤ o,c ≤ h imply the other checks).
      if (!(ts >= from && ts < to && ts > prevTs && o > 0 && l > 0 && v >= 0 && h < Infinity && v < Infinity && o <= h && cl <= h && o >= l && cl >= l) || n === cap) break;
      if (ts < first) first = ts;
      if (ts > last) last = ts;
      T[n] = ts;
      O[n] = o;
      H[n] = h;
      L[n] = l;
      C[n] = cl;
      V[n] = v;
      n++;
      key.rows++;
      line++;
      dataLines++;
      inWindow++;
      prevTs = ts;
      prevLine = line;
      if (pd > pdMax) pdMax = pd;
      if (sd > sdMax) sdMax = sd;
      p = next;
    }
    sink.sync(n, prevTs, prevLine, first, last, inWindow);
    this.line = line;
    this.priceDecimals = pdMax;
    this.sizeDecimals = sdMax;
    this.dataLines = dataLines;
    return p;
  }

  /** One line through the generic scanner, with full validation and error reporting. */
  private slowRow(buf: Uint8Array, p: number): number {
    const line = ++this.line;
    const c0 = buf[p]!;
    if (c0 === 10 || (c0 === 13 && buf[p + 1] === 10)) return p + (c0 === 10 ? 1 : 2);
    this.dataLines++;
    const sink = this.sink!;
    const next = scanRow(buf, p, this.roles, this.lastCol);
    if (this.hasKey) {
      if (!sameBytes(buf, POS[0]!, POS[1]!, this.curSym) || !sameBytes(buf, POS[2]!, POS[3]!, this.curIvl)) this.switchKey(buf, POS[0]!, POS[1]!, POS[2]!, POS[3]!);
      this.curKey.rows++;
      if (!this.curKey.active) return next;
    }
    if (POS[7]! < this.lastCol) this.reportMissing(line, POS[7]! + 1);
    else if (POS[4]! !== 0) this.reportField(line, POS[4]!, POS[5]!, POS[6]!, buf);
    else {
      if (sink.length === sink.tsEvent.length) sink.grow();
      if (sink.add(line, ROW[0]!, ROW[1]!, ROW[2]!, ROW[3]!, ROW[4]!, ROW[5]!)) {
        if (ROW[6]! > this.priceDecimals) this.priceDecimals = ROW[6]!;
        if (ROW[7]! > this.sizeDecimals) this.sizeDecimals = ROW[7]!;
      }
    }
    return next;
  }
}
