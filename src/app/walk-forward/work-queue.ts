/**
 * The shared job queue of a walk-forward run and the compact encodings that cross threads.
 *
 * Every thread (the main thread and each Bun Worker) claims chunks of job indexes from one
 * SharedArrayBuffer counter — work stealing without a message round trip per batch — and
 * counts finished jobs in a second slot (for progress). Chunks are guided: large while the
 * queue is long, down to single jobs at the end, so no thread idles while another holds work.
 *
 * Jobs travel once per phase as one Float64Array of rows plus a deduplicated parameter table;
 * results come back once per phase and worker as one Float64Array of metrics rows plus the few
 * per-job arrays (equity, daily returns, trades). Results are keyed by job index, so where a
 * job ran never changes the numbers nor their order.
 */
import type { Job, JobKind, JobResult, SegmentMetrics } from "./protocol.ts";

/** Slots of the control Int32Array: next unclaimed job index, jobs finished. */
export const NEXT = 0;
export const DONE = 1;
const MAX_CHUNK = 16;

export function createControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/** Claims the next chunk [start, end) of `total` jobs, or null when the queue is empty. */
export function claimChunk(ctl: Int32Array, total: number, threads: number): [number, number] | null {
  for (;;) {
    const start = Atomics.load(ctl, NEXT);
    if (start >= total) return null;
    const size = Math.max(1, Math.min(MAX_CHUNK, Math.floor((total - start) / (threads * 4))));
    const end = Math.min(total, start + size);
    if (Atomics.compareExchange(ctl, NEXT, start, end) === start) return [start, end];
  }
}

const KINDS: readonly JobKind[] = ["train", "test", "full"];
const JOB_WIDTH = 8; // id, kind, fold, point, params index, from, to, measureFrom

export interface PackedJobs {
  readonly rows: Float64Array;
  readonly params: readonly Readonly<Record<string, unknown>>[];
}

export function packJobs(jobs: readonly Job[]): PackedJobs {
  const rows = new Float64Array(jobs.length * JOB_WIDTH);
  const params: Readonly<Record<string, unknown>>[] = [];
  const seen = new Map<object, number>();
  jobs.forEach((j, i) => {
    let p = seen.get(j.params);
    if (p === undefined) {
      p = params.length;
      params.push(j.params);
      seen.set(j.params, p);
    }
    rows.set([j.id, KINDS.indexOf(j.kind), j.fold, j.point, p, j.from, j.to, j.measureFrom], i * JOB_WIDTH);
  });
  return { rows, params };
}

export function jobCount(p: PackedJobs): number {
  return p.rows.length / JOB_WIDTH;
}

export function unpackJob(p: PackedJobs, i: number): Job {
  const r = p.rows;
  const o = i * JOB_WIDTH;
  return { id: r[o]!, kind: KINDS[r[o + 1]!]!, fold: r[o + 2]!, point: r[o + 3]!, params: p.params[r[o + 4]!]!, from: r[o + 5]!, to: r[o + 6]!, measureFrom: r[o + 7]! };
}

const METRICS_WIDTH = 10;

export interface PackedResults {
  /** Job index per row. */
  readonly index: Int32Array;
  /** METRICS_WIDTH numbers per row, in SegmentMetrics order. */
  readonly metrics: Float64Array;
  /** Results that carry arrays (test and full jobs). */
  readonly extras: readonly { readonly row: number; readonly equity?: Float64Array; readonly trades?: JobResult["trades"]; readonly daily?: Float64Array }[];
}

/** Collects one thread's results of a phase. */
export class ResultPacker {
  private readonly index: number[] = [];
  private readonly metrics: number[] = [];
  private readonly extras: { row: number; equity?: Float64Array; trades?: JobResult["trades"]; daily?: Float64Array }[] = [];

  add(jobIndex: number, r: JobResult): void {
    const m = r.metrics;
    const row = this.index.length;
    this.index.push(jobIndex);
    this.metrics.push(m.sharpe, m.sortino, m.totalReturn, m.cagr, m.maxDrawdown, m.trades, m.wins, m.losses, m.winRate, m.finalEquity);
    if (r.equity || r.trades || r.daily) {
      this.extras.push({ row, ...(r.equity ? { equity: r.equity } : {}), ...(r.trades ? { trades: r.trades } : {}), ...(r.daily ? { daily: r.daily } : {}) });
    }
  }

  /** The packed results and the buffers to transfer with them. */
  finish(): { packed: PackedResults; transfer: ArrayBuffer[] } {
    const packed = { index: Int32Array.from(this.index), metrics: Float64Array.from(this.metrics), extras: this.extras };
    // Arrays that own their whole buffer move without a copy (each buffer listed once).
    const transfer = new Set<ArrayBuffer>([packed.index.buffer, packed.metrics.buffer]);
    for (const e of this.extras) {
      for (const a of [e.equity, e.daily]) if (a && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer) transfer.add(a.buffer);
    }
    return { packed, transfer: [...transfer] };
  }
}

/** Writes packed results into `out` at their job indexes (ids from `jobs`). */
export function unpackResults(p: PackedResults, jobs: readonly Job[], out: JobResult[]): void {
  const extra = new Map(p.extras.map((e) => [e.row, e]));
  const m = p.metrics;
  for (let row = 0; row < p.index.length; row++) {
    const o = row * METRICS_WIDTH;
    // Same key order as evaluate.ts pickMetrics: reports serialise these objects.
    const metrics: SegmentMetrics = {
      sharpe: m[o]!,
      sortino: m[o + 1]!,
      totalReturn: m[o + 2]!,
      cagr: m[o + 3]!,
      maxDrawdown: m[o + 4]!,
      trades: m[o + 5]!,
      wins: m[o + 6]!,
      losses: m[o + 7]!,
      winRate: m[o + 8]!,
      finalEquity: m[o + 9]!,
    };
    const i = p.index[row]!;
    const e = extra.get(row);
    out[i] = e
      ? { id: jobs[i]!.id, metrics, ...(e.equity ? { equity: e.equity } : {}), ...(e.trades ? { trades: e.trades } : {}), ...(e.daily ? { daily: e.daily } : {}) }
      : { id: jobs[i]!.id, metrics };
  }
}
