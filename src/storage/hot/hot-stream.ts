/**
 * Hot tier: the recent rows of one stream held as Arrow record batches of Float64 columns
 * (first column `ts`, epoch ms). Rows are appended column-wise into an open builder (plain
 * Float64Arrays); a full builder is sealed into a RecordBatch ZERO-COPY (the arrays become the
 * Arrow buffers) and a new builder is allocated — no per-row objects anywhere.
 *
 * Invariants:
 *  - ts is non-decreasing. A row older than the newest is rejected (counted in `lateRows`);
 *    a row with the newest ts either replaces the last row (sameTs "replace": in-progress bars)
 *    or is appended (sameTs "append": trades sharing a millisecond);
 *  - bounds are exact: at most `maxRows` rows, and none older than newest − maxAgeMs. Eviction
 *    advances a logical start inside the oldest batch and drops a batch once fully evicted.
 */
import { Field, Float64, makeData, RecordBatch, Schema, Struct, Table } from "apache-arrow";

export interface HotStreamOptions {
  readonly fields: readonly string[];
  readonly maxRows: number;
  readonly maxAgeMs: number;
  readonly batchRows?: number;
  readonly sameTs?: "replace" | "append";
}

/** A query result: one Float64Array per field (copies, safe to keep). */
export type HotColumns = Record<string, Float64Array> & { readonly length?: never };

const LATE = 0;
const ADDED = 1;
const REPLACED = 2;

interface Sealed {
  readonly batch: RecordBatch;
  readonly cols: readonly Float64Array[];
}

export class HotStream {
  readonly fields: readonly string[];
  readonly schema: Schema;
  private readonly maxRows: number;
  private readonly maxAgeMs: number;
  private readonly batchRows: number;
  private readonly replaceSameTs: boolean;
  private sealed: Sealed[] = [];
  private open: Float64Array[];
  private openLen = 0;
  /** Logically evicted rows at the start of sealed[0] (or of the open builder when none). */
  private skip = 0;
  private total = 0;
  private slotCols: Float64Array[] = [];
  private slotIndex = 0;
  lateRows = 0;
  appended = 0;

  constructor(opts: HotStreamOptions) {
    if (opts.fields[0] !== "ts") throw new RangeError(`hot stream fields must start with "ts", got ${opts.fields.join(",")}`);
    this.fields = opts.fields;
    this.schema = new Schema(opts.fields.map((f) => new Field(f, new Float64(), false)));
    this.maxRows = opts.maxRows;
    this.maxAgeMs = opts.maxAgeMs;
    this.batchRows = opts.batchRows ?? 1024;
    this.replaceSameTs = (opts.sameTs ?? "append") === "replace";
    this.open = this.fields.map(() => new Float64Array(this.batchRows));
  }

  /** Rows currently held (after eviction). */
  get length(): number {
    return this.total - this.skip;
  }

  get newestTs(): number {
    if (this.openLen > 0) return this.open[0]![this.openLen - 1]!;
    const last = this.sealed.at(-1);
    return last ? last.cols[0]![last.cols[0]!.length - 1]! : -Infinity;
  }

  get oldestTs(): number {
    return this.length === 0 ? Infinity : this.at(0, 0);
  }

  /** Appends rows [from, to) of the given columns (same order as `fields`); returns rows added. */
  append(cols: readonly ArrayLike<number>[], from = 0, to = cols[0]?.length ?? 0): number {
    let added = 0;
    const nf = this.fields.length;
    for (let r = from; r < to; r++) {
      const res = this.slotFor(cols[0]![r]!);
      if (res === LATE) continue;
      const dst = this.slotCols;
      const i = this.slotIndex;
      for (let f = 0; f < nf; f++) dst[f]![i] = cols[f]![r]!;
      if (res === ADDED) added++;
    }
    this.appended += added;
    this.evict();
    return added;
  }

  /** Appends one row given as values in field order (e.g. a reused Float64Array); false if late. */
  appendRow(values: ArrayLike<number>): boolean {
    const res = this.slotFor(values[0]!);
    if (res === LATE) return false;
    for (let f = 0; f < this.fields.length; f++) this.slotCols[f]![this.slotIndex] = values[f]!;
    if (res === ADDED) this.appended++;
    this.evict();
    return true;
  }

  /**
   * Where a row with time t goes (result in slotCols/slotIndex, no allocation): a new slot, the
   * last row (replace), or nowhere (late).
   */
  private slotFor(t: number): number {
    const newest = this.newestTs;
    if (!(t >= newest)) {
      this.lateRows++;
      return LATE;
    }
    if (t === newest && this.replaceSameTs && this.length > 0) {
      if (this.openLen > 0) {
        this.slotCols = this.open;
        this.slotIndex = this.openLen - 1;
      } else {
        // The last row sits in a sealed batch; its Arrow buffers are our arrays, so write through.
        const last = this.sealed.at(-1)!;
        this.slotCols = last.cols as Float64Array[];
        this.slotIndex = last.cols[0]!.length - 1;
      }
      return REPLACED;
    }
    if (this.openLen === this.batchRows) this.seal();
    this.total++;
    this.slotCols = this.open;
    this.slotIndex = this.openLen++;
    return ADDED;
  }

  /** The newest n rows (or fewer), oldest first. */
  latest(n: number): HotColumns {
    const len = this.length;
    return this.copy(Math.max(0, len - n), len);
  }

  /** Rows with fromMs ≤ ts < toMs, oldest first. */
  range(fromMs: number, toMs: number): HotColumns {
    return this.copy(this.lowerBound(fromMs), this.lowerBound(toMs));
  }

  /** Everything held, as an Arrow Table (sealed batches zero-copy; the open part copied). */
  toTable(): Table {
    const batches: RecordBatch[] = [];
    this.sealed.forEach((s, i) => {
      const start = i === 0 ? this.skip : 0;
      batches.push(start === 0 ? s.batch : s.batch.slice(start));
    });
    if (this.openLen > 0) {
      const start = this.sealed.length === 0 ? this.skip : 0;
      batches.push(makeBatch(this.schema, this.open.map((c) => c.slice(start, this.openLen))));
    }
    return batches.length ? new Table(batches) : new Table(this.schema);
  }

  private seal(): void {
    const cols = this.open;
    this.sealed.push({ batch: makeBatch(this.schema, cols), cols });
    this.open = this.fields.map(() => new Float64Array(this.batchRows));
    this.openLen = 0;
  }

  private evict(): void {
    const newest = this.newestTs;
    let drop = Math.max(0, this.length - this.maxRows);
    // Age bound: count rows older than newest − maxAge beyond the row bound.
    const ageStart = this.lowerBound(newest - this.maxAgeMs);
    drop = Math.max(drop, ageStart);
    if (drop === 0) return;
    this.skip += drop;
    while (this.sealed.length && this.skip >= this.sealed[0]!.cols[0]!.length) {
      const n = this.sealed[0]!.cols[0]!.length;
      this.sealed.shift();
      this.skip -= n;
      this.total -= n;
    }
    if (!this.sealed.length && this.skip >= this.openLen && this.openLen > 0) {
      this.total -= this.openLen;
      this.skip -= this.openLen;
      this.openLen = 0;
    }
  }

  /** Value of field f at logical row i (0 = oldest held). */
  private at(i: number, f: number): number {
    let k = i + this.skip;
    for (const s of this.sealed) {
      const n = s.cols[0]!.length;
      if (k < n) return s.cols[f]![k]!;
      k -= n;
    }
    return this.open[f]![k]!;
  }

  /** First logical row with ts ≥ t. */
  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid, 0) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Copies logical rows [a, b) into fresh arrays, chunk by chunk (typed-array set, no loops per row). */
  private copy(a: number, b: number): HotColumns {
    const n = Math.max(0, b - a);
    const out: Record<string, Float64Array> = {};
    const dst = this.fields.map((f) => (out[f] = new Float64Array(n)));
    let k = a + this.skip;
    let w = 0;
    const parts: (readonly Float64Array[])[] = this.sealed.map((s) => s.cols);
    parts.push(this.open.map((c) => c.subarray(0, this.openLen)));
    for (const cols of parts) {
      if (w >= n) break;
      const len = cols[0]!.length;
      if (k >= len) {
        k -= len;
        continue;
      }
      const take = Math.min(len - k, n - w);
      for (let f = 0; f < dst.length; f++) dst[f]!.set(cols[f]!.subarray(k, k + take), w);
      w += take;
      k = 0;
    }
    return out as HotColumns;
  }
}

function makeBatch(schema: Schema, cols: readonly Float64Array[]): RecordBatch {
  const n = cols[0]!.length;
  const children = cols.map((d) => makeData({ type: new Float64(), length: n, nullCount: 0, data: d }));
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children }));
}
