/**
 * Batched ingest into the warm tier with bounded batches, back-pressure and a local spool.
 *
 *   push(batch) ─ validate (bad rows rejected + counted) ─▶ per-table buffer
 *        buffer ≥ batchRows, or oldest row older than maxLatencyMs ─▶ flush (one at a time, in order)
 *        flush ─▶ store.write (idempotent upsert)      on "database unreachable" ─▶ spool file
 *
 * Invariants:
 *  - order: flushes are serialised; once anything is spooled, every later batch is spooled too
 *    until the replay has drained the spool, so rows reach the database in push order;
 *  - nothing lost: a batch leaves memory only after the database acknowledged it or the spool
 *    fsync'ed it; the spool survives restarts and is replayed with upserts (exactly-once rows);
 *  - a batch the database refuses for another reason (schema, constraint) goes to a dead-letter
 *    file with the error instead of blocking the pipeline;
 *  - back-pressure: push() returns false while buffered rows exceed highWaterRows; producers
 *    (collectors) then await whenWritable() before publishing more.
 */
import { StorageError, type Clock, type DataError } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import type { TableName } from "../catalog.ts";
import type { ColumnBatch, ValidBatch, WarmStore } from "../ports.ts";
import { validateBatch, DEFAULT_MIN_TS } from "../validate-batch.ts";
import { isConnectionError } from "./pg-errors.ts";
import { mergeValid } from "./merge-valid.ts";
import { deadLetter, Spool } from "./spool.ts";

export interface IngestorOptions {
  readonly store: WarmStore;
  /** Spool file path (…/spool/warm.spool); the dead-letter file sits beside it. */
  readonly spoolFile: string;
  readonly clock: Clock;
  readonly log: Logger;
  /** Rows per database write. */
  readonly batchRows?: number;
  /** Longest a row waits in memory before a flush. */
  readonly maxLatencyMs?: number;
  /** push() returns false above this many buffered rows. */
  readonly highWaterRows?: number;
  /** How often the spool replay probes the database while it is unreachable. */
  readonly retryMs?: number;
  /** Accepted `ts` window: [minTs, now + maxFutureMs]. */
  readonly minTs?: number;
  readonly maxFutureMs?: number;
  /** Called for every rejected row (the first 20 of each batch). */
  readonly onReject?: (e: DataError) => void;
}

export interface IngestStats {
  accepted: number;
  rejected: number;
  written: number;
  spooled: number;
  replayed: number;
  deadLettered: number;
  bufferedRows: number;
  spooling: boolean;
}

export class Ingestor {
  readonly stats: IngestStats = { accepted: 0, rejected: 0, written: 0, spooled: 0, replayed: 0, deadLettered: 0, bufferedRows: 0, spooling: false };
  private readonly buffers = new Map<TableName, { parts: ValidBatch[]; rows: number; since: number }>();
  private readonly spool: Spool;
  private readonly batchRows: number;
  private readonly maxLatencyMs: number;
  private readonly highWater: number;
  private readonly retryMs: number;
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastProbe = -Infinity;
  private waiters: (() => void)[] = [];

  constructor(private readonly o: IngestorOptions) {
    this.batchRows = o.batchRows ?? 5000;
    this.maxLatencyMs = o.maxLatencyMs ?? 1000;
    this.highWater = o.highWaterRows ?? 200_000;
    this.retryMs = o.retryMs ?? 1000;
    this.spool = new Spool(o.spoolFile);
    this.stats.spooling = this.spool.pending;
  }

  /** Starts the latency/replay timer (the daemon calls this; tests may drive tick() instead). */
  start(): void {
    if (this.timer) return;
    const every = Math.max(10, Math.min(this.maxLatencyMs, this.retryMs) / 2);
    this.timer = setInterval(() => void this.tick().catch((e) => this.o.log.error("Warm ingest tick failed", { error: String(e) })), every);
    this.timer.unref?.();
  }

  /** Stops the timer and flushes everything buffered (to the database or the spool). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  get writable(): boolean {
    return this.stats.bufferedRows < this.highWater;
  }

  /** Resolves when buffered rows fall below the high-water mark. */
  whenWritable(): Promise<void> {
    if (this.writable) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  /** Validates and buffers a batch; returns `writable` (false = slow down). */
  push(batch: ColumnBatch): boolean {
    const now = this.o.clock.now();
    const v = validateBatch(batch, { minTs: this.o.minTs ?? DEFAULT_MIN_TS, maxTs: now + (this.o.maxFutureMs ?? 86_400_000) });
    if (v.rejected) {
      this.stats.rejected += v.rejected;
      const first = v.errors[0];
      this.o.log.warn("Rejected rows at ingest", { table: batch.table, rejected: v.rejected, of: batch.length, first: first?.message });
      if (this.o.onReject) for (const e of v.errors) this.o.onReject(e);
    }
    const n = v.rows.length;
    if (n > 0) {
      this.stats.accepted += n;
      let b = this.buffers.get(batch.table);
      if (!b) {
        b = { parts: [], rows: 0, since: now };
        this.buffers.set(batch.table, b);
      }
      if (b.rows === 0) b.since = now;
      b.parts.push(v);
      b.rows += n;
      this.stats.bufferedRows += n;
      if (b.rows >= this.batchRows) this.enqueue(batch.table);
    }
    return this.writable;
  }

  /** Flushes due buffers and, while spooling, probes the database for a replay. */
  async tick(): Promise<void> {
    const now = this.o.clock.now();
    for (const [t, b] of this.buffers) if (b.rows > 0 && now - b.since >= this.maxLatencyMs) this.enqueue(t);
    if (this.stats.spooling && now - this.lastProbe >= this.retryMs) {
      this.lastProbe = now;
      this.chain = this.chain.then(() => this.replay());
    }
    await this.chain;
  }

  /** Writes everything buffered now (database or spool) and waits for it. */
  async flush(): Promise<void> {
    for (const t of this.buffers.keys()) this.enqueue(t);
    await this.chain;
  }

  /** Replays the spool now (returns true when it is empty afterwards). */
  async drainSpool(): Promise<boolean> {
    this.chain = this.chain.then(() => this.replay());
    await this.chain;
    return !this.stats.spooling;
  }

  private enqueue(table: TableName): void {
    const b = this.buffers.get(table);
    if (!b || b.rows === 0) return;
    const parts = b.parts;
    const rows = b.rows;
    b.parts = [];
    b.rows = 0;
    this.chain = this.chain.then(() => this.writeOrSpool(mergeValid(parts), rows));
  }

  private async writeOrSpool(valid: ValidBatch, rows: number): Promise<void> {
    try {
      if (this.stats.spooling) {
        this.toSpool(valid);
      } else {
        try {
          await this.o.store.write(valid);
          this.stats.written += rows;
        } catch (e) {
          if (!isConnectionError(e)) {
            this.dead(valid, e);
          } else {
            this.o.log.warn("Warm tier unreachable; spooling writes", { table: valid.batch.table, rows, error: e instanceof Error ? e.message : String(e) });
            this.stats.spooling = true;
            this.toSpool(valid);
          }
        }
      }
    } finally {
      this.stats.bufferedRows -= rows;
      if (this.writable) for (const w of this.waiters.splice(0)) w();
    }
  }

  private toSpool(valid: ValidBatch): void {
    this.spool.append(valid.batch, valid.rows);
    this.stats.spooled += valid.rows.length;
  }

  private dead(valid: ValidBatch, e: unknown): void {
    const msg = e instanceof Error ? e.message : String(e);
    this.o.log.error("Warm tier refused a batch; moved to dead-letter file", { table: valid.batch.table, rows: valid.rows.length, error: msg });
    // The rows go to a dead-letter spool (same format, replayable by hand), the reason to a log beside it.
    const base = this.o.spoolFile.replace(/\.spool$/, "");
    const seq = new Spool(`${base}.dead-letter.spool`).append(valid.batch, valid.rows);
    deadLetter(`${base}.dead-letter.jsonl`, { seq, table: valid.batch.table, rows: valid.rows.length, code: e instanceof StorageError ? e.code : undefined, error: msg });
    this.stats.deadLettered += valid.rows.length;
  }

  /** Replays spooled records in order; stops at the first connection failure. */
  private async replay(): Promise<void> {
    if (!this.stats.spooling) return;
    for (const rec of this.spool.unreplayed()) {
      const all = new Uint32Array(rec.batch.length);
      for (let i = 0; i < all.length; i++) all[i] = i;
      const valid: ValidBatch = { batch: rec.batch, rows: all };
      try {
        await this.o.store.write(valid, { upsertOnly: true });
      } catch (e) {
        if (isConnectionError(e)) return;
        this.dead(valid, e);
      }
      this.spool.markReplayed(rec.end);
      this.stats.replayed += rec.batch.length;
    }
    if (!this.spool.pending) {
      this.stats.spooling = false;
      this.o.log.info("Warm tier reachable again; spool replayed", { replayed: this.stats.replayed });
    }
  }
}
