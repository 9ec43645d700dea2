/**
 * Encodes accepted rows of a ColumnBatch in PostgreSQL's binary COPY format
 * (`COPY t (cols) FROM STDIN (FORMAT binary)`), the fastest way into the server: no number is
 * ever formatted as text on our side and the server skips numeric/timestamp parsing.
 *
 * Formats (PostgreSQL docs "COPY — Binary Format" and the types' send/recv functions):
 *  - header "PGCOPY\n\xff\r\n\0", int32 flags 0, int32 extension length 0; trailer int16 −1;
 *  - tuple: int16 field count, then per field int32 byte length (−1 = NULL) and the bytes;
 *  - timestamptz: int64 microseconds since 2000-01-01T00:00:00Z;
 *  - numeric: int16 ndigits, int16 weight, int16 sign (0x0000 / 0x4000), int16 dscale, then
 *    base-10000 digits, most significant first; value = Σ d[i]·10000^(weight−i);
 *  - jsonb: version byte 1 followed by the JSON text; text: UTF-8 bytes; int4/int8 big-endian.
 * Money values are exact (see decimal.ts): numbers go through `scaledOf` (integer arithmetic),
 * strings and bigints through their canonical decimal string.
 */
import type { ColumnDef, TableDef } from "../catalog.ts";
import { decimalString, scaledOf } from "../decimal.ts";
import { isConstant, type ValidBatch } from "../ports.ts";

const PG_EPOCH_MS = 946_684_800_000;
const TWO32 = 4294967296;
const HEADER = new Uint8Array([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
const P10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];
const utf8 = new TextEncoder();

export class BinaryCopyWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;
  private readonly digits = new Int32Array(64);

  constructor(initialBytes = 1 << 20) {
    this.buf = new Uint8Array(initialBytes);
    this.view = new DataView(this.buf.buffer);
  }

  get length(): number {
    return this.pos;
  }

  header(): void {
    this.ensure(HEADER.length);
    this.buf.set(HEADER, this.pos);
    this.pos += HEADER.length;
  }

  trailer(): void {
    this.int16(-1);
  }

  /** Returns the bytes written so far and resets the writer (the view is only valid until the next write). */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }

  /** Appends one tuple made of the given row's cells. */
  row(cols: readonly ColumnDef[], encoders: readonly CellEncoder[], values: readonly unknown[]): void {
    this.int16(cols.length);
    for (let c = 0; c < cols.length; c++) {
      const v = values[c];
      if (v === null || v === undefined) this.int32(-1);
      else encoders[c]!(this, v);
    }
  }

  /** Appends pre-encoded bytes (e.g. a constant field). */
  raw(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  int16(v: number): void {
    this.ensure(2);
    this.view.setInt16(this.pos, v);
    this.pos += 2;
  }

  int32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.pos, v);
    this.pos += 4;
  }

  /** A field holding a big-endian int64 given as a safe integer number. */
  int64Field(v: number): void {
    this.ensure(12);
    this.view.setInt32(this.pos, 8);
    const hi = Math.floor(v / TWO32);
    this.view.setInt32(this.pos + 4, hi);
    this.view.setUint32(this.pos + 8, v - hi * TWO32);
    this.pos += 12;
  }

  bytesField(b: Uint8Array, prefix = -1): void {
    const extra = prefix >= 0 ? 1 : 0;
    this.ensure(4 + extra + b.length);
    this.view.setInt32(this.pos, b.length + extra);
    this.pos += 4;
    if (extra) this.buf[this.pos++] = prefix;
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  textField(s: string, prefix = -1): void {
    const extra = prefix >= 0 ? 1 : 0;
    const max = s.length * 3 + extra;
    this.ensure(4 + max);
    const start = this.pos + 4;
    if (extra) this.buf[start] = prefix;
    const { written } = utf8.encodeInto(s, this.buf.subarray(start + extra, start + max));
    this.view.setInt32(this.pos, written + extra);
    this.pos = start + extra + written;
  }

  numericField(v: unknown): void {
    // Base-10000 groups, most significant first, built in a reused scratch buffer.
    const d = this.digits;
    let len = 0;
    let neg = false;
    let weight: number;
    let dscale: number;
    const fast = typeof v === "number" ? scaledOf(v) : null;
    if (fast) {
      neg = (v as number) < 0;
      const { m, k } = fast;
      dscale = k;
      const ip = Math.floor(m / P10[k]!);
      let intGroups = 0;
      for (let x = ip; x > 0; x = Math.floor(x / 10000)) intGroups++;
      for (let x = ip, g = intGroups - 1; g >= 0; g--, x = Math.floor(x / 10000)) d[g] = x % 10000;
      len = intGroups;
      const k4 = (k + 3) & ~3;
      if (k4 > 0) {
        let f = (m - ip * P10[k]!) * P10[k4 - k]!;
        const fg = k4 >> 2;
        for (let g = fg - 1; g >= 0; g--, f = Math.floor(f / 10000)) d[len + g] = f % 10000;
        len += fg;
      }
      weight = intGroups - 1;
    } else {
      const s = decimalString(v as number | string | bigint);
      neg = s.startsWith("-");
      const body = neg ? s.slice(1) : s;
      const dot = body.indexOf(".");
      const ip = (dot < 0 ? body : body.slice(0, dot)).replace(/^0+/, "");
      const fp = dot < 0 ? "" : body.slice(dot + 1);
      dscale = fp.length;
      const ipPad = ip.padStart(Math.ceil(ip.length / 4) * 4, "0");
      const fpPad = fp.padEnd(Math.ceil(fp.length / 4) * 4, "0");
      for (let i = 0; i < ipPad.length; i += 4) d[len++] = Number(ipPad.slice(i, i + 4));
      weight = ipPad.length / 4 - 1;
      for (let i = 0; i < fpPad.length; i += 4) d[len++] = Number(fpPad.slice(i, i + 4));
    }
    // Strip leading zero groups (each lowers the weight) and trailing zero groups.
    let lead = 0;
    while (lead < len && d[lead] === 0) lead++;
    let end = len;
    while (end > lead && d[end - 1] === 0) end--;
    const n = end - lead;
    if (n === 0) {
      weight = 0;
      neg = false;
    } else weight -= lead;
    this.ensure(12 + 2 * n);
    const view = this.view;
    let p = this.pos;
    view.setInt32(p, 8 + 2 * n);
    view.setInt16(p + 4, n);
    view.setInt16(p + 6, weight);
    view.setUint16(p + 8, neg ? 0x4000 : 0);
    view.setInt16(p + 10, dscale);
    p += 12;
    for (let i = lead; i < end; i++, p += 2) view.setInt16(p, d[i]!);
    this.pos = p;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
}

export type CellEncoder = (w: BinaryCopyWriter, v: unknown) => void;

/** Encoder for one column type (values are already validated). */
export function encoderFor(c: ColumnDef): CellEncoder {
  switch (c.type) {
    case "ts":
      return (w, v) => w.int64Field(Math.round(((v as number) - PG_EPOCH_MS) * 1000));
    case "numeric":
      return (w, v) => w.numericField(v);
    case "int":
      return (w, v) => {
        w.int32(4);
        w.int32(Number(v));
      };
    case "bigint":
      return (w, v) => w.int64Field(Number(v));
    case "bool":
      return (w, v) => w.bytesField(new Uint8Array([v ? 1 : 0]));
    case "text":
      return (w, v) => w.textField(v as string);
    case "json":
      return (w, v) => w.textField(typeof v === "string" ? v : JSON.stringify(v), 1);
  }
}

/** Writes one cell of row i. */
export type ColumnWriter = (w: BinaryCopyWriter, i: number) => void;

/**
 * Per-column writers for a batch: a constant column is encoded once and copied per row (venue,
 * symbol and interval cost a memcpy), an array column is read directly without per-cell dispatch.
 */
export function columnWriters(def: TableDef, batch: ValidBatch["batch"]): ColumnWriter[] {
  return def.columns.map((c) => {
    const col = batch.columns[c.name];
    const enc = encoderFor(c);
    if (col === undefined || (isConstant(col) && (col.constant === null || col.constant === undefined))) return (w) => w.int32(-1);
    if (isConstant(col)) {
      const tmp = new BinaryCopyWriter(64);
      enc(tmp, col.constant);
      const bytes = tmp.take();
      return (w) => w.raw(bytes);
    }
    const arr = col as ArrayLike<unknown>;
    return (w, i) => {
      const v = arr[i];
      if (v === null || v === undefined) w.int32(-1);
      else enc(w, v);
    };
  });
}

/** Appends the tuples of accepted rows [start, end) of `valid`. */
export function writeTuples(w: BinaryCopyWriter, writers: readonly ColumnWriter[], rows: Uint32Array, start: number, end: number): void {
  const n = writers.length;
  for (let r = start; r < end; r++) {
    const i = rows[r]!;
    w.int16(n);
    for (let c = 0; c < n; c++) writers[c]!(w, i);
  }
}

/**
 * Encodes accepted rows [start, end) of `valid` (indexes into valid.rows) as one complete COPY
 * stream (header + tuples + trailer).
 */
export function encodeRows(def: TableDef, valid: ValidBatch, start = 0, end = valid.rows.length, w = new BinaryCopyWriter()): Uint8Array {
  w.header();
  writeTuples(w, columnWriters(def, valid.batch), valid.rows, start, end);
  w.trailer();
  return w.take();
}
