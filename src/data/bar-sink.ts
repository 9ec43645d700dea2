/**
 * Growable columnar bar buffer with the validation every reader shares.
 *
 * Readers hand it one row at a time as plain numbers (never an object per row). A row is
 * accepted only if it passes, in this order: time window [from, to), positive finite prices,
 * non-negative finite volume, low ≤ open/close ≤ high, and an open time strictly after the
 * previous accepted row. A failure throws a DataError naming file, line and column, or — under
 * onBadRow "skip" — is counted in `skipped` and the row dropped.
 */
import { DataError } from "../core/index.ts";
import { allocColumn } from "./column-memory.ts";
import { isoTime } from "./time-text.ts";

export type OnBadRow = "error" | "skip";

export interface SinkColumns {
  readonly time: string;
  readonly open: string;
  readonly high: string;
  readonly low: string;
  readonly close: string;
  readonly volume: string;
}

export class BarSink {
  length = 0;
  skipped = 0;
  tsEvent: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Earliest / latest open time seen in rows of the series, inside the time window or not. */
  firstSeen = Infinity;
  lastSeen = -Infinity;
  /** Rows whose open time fell inside [from, to), valid or not. */
  inWindow = 0;
  /** Open time and line of the last accepted row (public so the CSV hot loop can inline `add`). */
  prevTs = -Infinity;
  prevLine = 0;
  readonly from: number;
  readonly to: number;

  constructor(
    readonly file: string,
    readonly cols: SinkColumns,
    readonly onBadRow: OnBadRow,
    from: number | undefined,
    to: number | undefined,
    capacity = 1024,
  ) {
    this.from = from ?? -Infinity;
    this.to = to ?? Infinity;
    this.tsEvent = allocColumn(capacity);
    this.open = allocColumn(capacity);
    this.high = allocColumn(capacity);
    this.low = allocColumn(capacity);
    this.close = allocColumn(capacity);
    this.volume = allocColumn(capacity);
  }

  /** Reports a bad row: throws, or counts it under "skip". */
  fail(line: number, column: string | undefined, message: string): void {
    if (this.onBadRow === "skip") {
      this.skipped++;
      return;
    }
    throw new DataError(column ? `column '${column}': ${message}` : message, { file: this.file, line, column });
  }

  /** Validates and appends one row; returns true when it was appended. */
  add(line: number, ts: number, o: number, h: number, l: number, c: number, v: number): boolean {
    if (ts < this.firstSeen) this.firstSeen = ts;
    if (ts > this.lastSeen) this.lastSeen = ts;
    if (!(ts >= this.from && ts < this.to)) {
      if (Number.isNaN(ts)) this.fail(line, this.cols.time, "time is not a number");
      return false;
    }
    this.inWindow++;
    if (!(o > 0 && h > 0 && l > 0 && c > 0 && v >= 0 && o < Infinity && h < Infinity && l < Infinity && c < Infinity && v < Infinity)) {
      return this.badValue(line, o, h, l, c, v);
    }
    if (!(h >= l && o <= h && o >= l && c <= h && c >= l)) return this.inconsistent(line, o, h, l, c);
    if (!(ts > this.prevTs)) {
      const what = ts === this.prevTs ? `duplicate timestamp ${isoTime(ts)} (same as line ${this.prevLine})` : `timestamp ${isoTime(ts)} is earlier than ${isoTime(this.prevTs)} on line ${this.prevLine} (rows must be in ascending time order)`;
      this.fail(line, this.cols.time, what);
      return false;
    }
    let n = this.length;
    if (n === this.tsEvent.length) this.grow();
    this.tsEvent[n] = ts;
    this.open[n] = o;
    this.high[n] = h;
    this.low[n] = l;
    this.close[n] = c;
    this.volume[n] = v;
    this.length = ++n;
    this.prevTs = ts;
    this.prevLine = line;
    return true;
  }

  /**
   * Bulk add of `count` rows from column arrays (Arrow batches, DuckDB chunks): a tight loop with
   * `add`'s checks inlined; rows that fail any check go through `add` for the exact message.
   * Line of row i = lines[i] when given, else lineBase + i + 1.
   */
  addColumns(ts: ArrayLike<number>, o: ArrayLike<number>, h: ArrayLike<number>, l: ArrayLike<number>, c: ArrayLike<number>, v: ArrayLike<number>, count: number, lineBase: number, lines?: ArrayLike<number>): void {
    this.reserve(this.length + count);
    const T = this.tsEvent;
    const O = this.open;
    const H = this.high;
    const L = this.low;
    const C = this.close;
    const V = this.volume;
    const from = this.from;
    const to = this.to;
    let n = this.length;
    let prevTs = this.prevTs;
    let prevLine = this.prevLine;
    let first = this.firstSeen;
    let last = this.lastSeen;
    let inWindow = this.inWindow;
    for (let i = 0; i < count; i++) {
      const t = ts[i]!;
      const oo = o[i]!;
      const hh = h[i]!;
      const ll = l[i]!;
      const cc = c[i]!;
      const vv = v[i]!;
      const line = lines ? lines[i]! : lineBase + i + 1;
      if (t >= from && t < to && t > prevTs && oo > 0 && ll > 0 && vv >= 0 && hh < Infinity && vv < Infinity && oo <= hh && cc <= hh && oo >= ll && cc >= ll) {
        if (t < first) first = t;
        if (t > last) last = t;
        T[n] = t;
        O[n] = oo;
        H[n] = hh;
        L[n] = ll;
        C[n] = cc;
        V[n] = vv;
        n++;
        inWindow++;
        prevTs = t;
        prevLine = line;
        continue;
      }
      this.sync(n, prevTs, prevLine, first, last, inWindow);
      this.add(line, t, oo, hh, ll, cc, vv);
      n = this.length;
      prevTs = this.prevTs;
      prevLine = this.prevLine;
      first = this.firstSeen;
      last = this.lastSeen;
      inWindow = this.inWindow;
    }
    this.sync(n, prevTs, prevLine, first, last, inWindow);
  }

  /**
   * Stores the running state a hot loop kept in locals (addColumns here, the CSV parser's fast
   * run) back into the fields `add` maintains; call it before `add` or before returning.
   */
  sync(length: number, prevTs: number, prevLine: number, firstSeen: number, lastSeen: number, inWindow: number): void {
    this.length = length;
    this.prevTs = prevTs;
    this.prevLine = prevLine;
    this.firstSeen = firstSeen;
    this.lastSeen = lastSeen;
    this.inWindow = inWindow;
  }

  private badValue(line: number, o: number, h: number, l: number, c: number, v: number): false {
    const checks: [string, number, boolean][] = [
      [this.cols.open, o, true],
      [this.cols.high, h, true],
      [this.cols.low, l, true],
      [this.cols.close, c, true],
      [this.cols.volume, v, false],
    ];
    for (const [name, x, price] of checks) {
      if (!Number.isFinite(x)) return this.failed(line, name, `${x} is not a number`);
      if (x < 0) return this.failed(line, name, `${x} is negative`);
      if (price && x === 0) return this.failed(line, name, `price must be > 0, got 0`);
    }
    return this.failed(line, undefined, "invalid values");
  }

  private inconsistent(line: number, o: number, h: number, l: number, c: number): false {
    const C = this.cols;
    if (h < l) return this.failed(line, C.high, `high ${h} is below low ${l}`);
    if (o > h) return this.failed(line, C.open, `open ${o} is above high ${h}`);
    if (o < l) return this.failed(line, C.open, `open ${o} is below low ${l}`);
    if (c > h) return this.failed(line, C.close, `close ${c} is above high ${h}`);
    return this.failed(line, C.close, `close ${c} is below low ${l}`);
  }

  private failed(line: number, column: string | undefined, message: string): false {
    this.fail(line, column, message);
    return false;
  }

  /** Makes room for at least `rows` rows in total. */
  reserve(rows: number): void {
    if (rows > this.tsEvent.length) this.grow(rows);
  }

  grow(min = 0): void {
    const cap = Math.max(this.tsEvent.length * 2, min);
    const g = (a: Float64Array): Float64Array => {
      const b = allocColumn(cap);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.tsEvent = g(this.tsEvent);
    this.open = g(this.open);
    this.high = g(this.high);
    this.low = g(this.low);
    this.close = g(this.close);
    this.volume = g(this.volume);
  }

  /** The columns trimmed to `length` (views, or compact copies when much capacity is unused). */
  columns(): { tsEvent: Float64Array; open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array } {
    const n = this.length;
    const copy = this.tsEvent.length > n + (n >> 2) + 1024;
    const t = (a: Float64Array): Float64Array => (copy ? a.slice(0, n) : a.subarray(0, n));
    return { tsEvent: t(this.tsEvent), open: t(this.open), high: t(this.high), low: t(this.low), close: t(this.close), volume: t(this.volume) };
  }
}
