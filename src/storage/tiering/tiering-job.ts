/**
 * The daemon's tiering job: on a schedule, (1) move rows older than each table's
 * `tier_after_days` (whole UTC days, so ranges are closed) from the warm tier to cold Parquet
 * files — verified, then deleted from warm if configured — and (2) run warm maintenance
 * (partitions ahead, retention). Export runs before retention so nothing is dropped unexported.
 *
 * API for the composition root: `new TieringJob(opts).start()`, `await job.stop()`;
 * `runOnce()` for tests and `algo-trade data export`-like manual runs. Runs never overlap.
 */
import type { Clock } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import type { TableName } from "../catalog.ts";
import type { ColdStore } from "../cold/cold-store.ts";
import type { MaintenanceReport, WarmStore } from "../ports.ts";

const DAY = 86_400_000;

export interface TieringOptions {
  readonly warm: WarmStore;
  readonly cold: ColdStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly intervalMs: number;
  readonly tierAfterDays: Partial<Record<TableName, number>>;
  readonly retentionDays: Partial<Record<TableName, number>>;
  readonly deleteAfterExport: boolean;
  readonly chunkDays?: number;
}

export interface TieringReport {
  readonly exported: Partial<Record<TableName, number>>;
  readonly deleted: number;
  readonly files: number;
  readonly maintenance: MaintenanceReport;
}

export class TieringJob {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<TieringReport> | null = null;
  lastReport: TieringReport | null = null;
  lastError: string | null = null;

  constructor(private readonly o: TieringOptions) {}

  /** Runs now, then every intervalMs. Errors are logged and kept in lastError; the schedule goes on. */
  start(): void {
    if (this.timer) return;
    const tick = (): void => {
      if (this.running) return;
      void this.runOnce().catch(() => {});
    };
    this.timer = setInterval(tick, this.o.intervalMs);
    this.timer.unref?.();
    tick();
  }

  /** Stops the schedule and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  runOnce(): Promise<TieringReport> {
    if (this.running) return this.running;
    this.running = this.run()
      .then((r) => {
        this.lastReport = r;
        this.lastError = null;
        return r;
      })
      .catch((e) => {
        this.lastError = e instanceof Error ? e.message : String(e);
        this.o.log.error("Tiering run failed", { error: this.lastError });
        throw e;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async run(): Promise<TieringReport> {
    const now = this.o.clock.now();
    const exported: Partial<Record<TableName, number>> = {};
    let deleted = 0;
    let files = 0;
    for (const [table, days] of Object.entries(this.o.tierAfterDays) as [TableName, number][]) {
      const cutoff = Math.floor((now - days * DAY) / DAY) * DAY;
      const r = await this.o.cold.exportFromWarm(this.o.warm, { table, fromMs: 0, toMs: cutoff, deleteFromWarm: this.o.deleteAfterExport, ...(this.o.chunkDays ? { chunkDays: this.o.chunkDays } : {}) });
      exported[table] = r.rows;
      deleted += r.deleted;
      files += r.files;
      if (r.rows > 0) this.o.log.info("Tiered warm rows to cold", { table, rows: r.rows, files: r.files, deleted: r.deleted, before: new Date(cutoff).toISOString() });
      if (r.skippedDeletes > 0) this.o.log.warn("Rows changed during export; warm copy kept for the next run", { table, chunks: r.skippedDeletes });
    }
    const maintenance = await this.o.warm.maintain({ nowMs: now, retentionDays: this.o.retentionDays, aheadPeriods: 2 });
    if (maintenance.dropped > 0 || maintenance.created > 0) this.o.log.info("Warm maintenance", { ...maintenance });
    return { exported, deleted, files, maintenance };
  }
}
