/**
 * Background backtests for `POST /api/backtests`: the request is validated up front (strategy
 * and params, data file, time bounds → 422 naming the field), then the job runs the engine's
 * BacktestRun in chunks on the daemon's event loop, yielding between chunks so API requests
 * and bots keep their latency. One job runs at a time; the others wait in FIFO order. Jobs are
 * kept in memory (the newest `keep`), which is what the API promises: this daemon run's jobs.
 */
import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { ConfigError, formatAmount, makeInstrument, type Clock } from "../../core/index.ts";
import { BacktestRun, type Strategy } from "../../engine/index.ts";
import type { BacktestJob, BacktestRequest, BacktestService } from "../../api/index.ts";
import type { Logger } from "../../lib/logger.ts";
import { errorBody } from "./error-body.ts";
import type { LoadedSeries } from "./bot-environment.ts";

export interface BacktestJobsDeps {
  readonly resolveStrategy: (name: string, params: Record<string, unknown>) => { strategy: Strategy; warmup: number };
  readonly loadSeries: (path: string, opts: { symbol?: string; interval?: string; from?: number; to?: number }) => Promise<LoadedSeries>;
  readonly defaults: { capital: number; fee_rate: number; slippage_bps: number; risk_per_trade_pct: number; max_position_pct: number; leverage: number };
  readonly clock: Clock;
  readonly log: Logger;
  readonly baseDir: string;
  /** Bars per chunk between yields (default 20,000). */
  readonly chunk?: number;
  readonly keep?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class BacktestJobs implements BacktestService {
  private readonly jobs = new Map<string, Mutable<BacktestJob>>();
  private readonly queue: string[] = [];
  private running = false;
  private seq = 0;

  constructor(private readonly deps: BacktestJobsDeps) {}

  submit(req: BacktestRequest): BacktestJob {
    this.deps.resolveStrategy(req.strategy, req.params ?? {}); // throws ConfigError naming params.<key>
    const path = this.path(req.data);
    if (!existsSync(path)) throw new ConfigError(`data: file not found: ${path}`, { field: "data" });
    for (const k of ["from", "to"] as const) {
      const v = req[k];
      if (typeof v === "string" && !Number.isFinite(Date.parse(v))) throw new ConfigError(`${k}: not an RFC3339 time: "${v}"`, { field: k });
    }
    const id = `bt-${this.deps.clock.now().toString(36)}-${(++this.seq).toString(36)}`;
    const job: Mutable<BacktestJob> = {
      id,
      state: "queued",
      progress: 0,
      submitted_at: this.deps.clock.now(),
      started_at: null,
      finished_at: null,
      request: req,
      result: null,
      error: null,
    };
    this.jobs.set(id, job);
    this.queue.push(id);
    this.trim();
    if (!this.running) void this.pump();
    return { ...job };
  }

  get(id: string): BacktestJob | undefined {
    const j = this.jobs.get(id);
    return j ? { ...j } : undefined;
  }

  list(): readonly BacktestJob[] {
    return [...this.jobs.values()].reverse().map((j) => ({ ...j }));
  }

  /** Resolves once no job is queued or running. */
  async idle(): Promise<void> {
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 10));
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      for (let id = this.queue.shift(); id !== undefined; id = this.queue.shift()) {
        const job = this.jobs.get(id);
        if (job) await this.run(job);
      }
    } finally {
      this.running = false;
    }
  }

  private async run(job: Mutable<BacktestJob>): Promise<void> {
    const r = job.request;
    job.state = "running";
    job.started_at = this.deps.clock.now();
    try {
      const from = bound(r.from);
      const to = bound(r.to);
      const loaded = await this.deps.loadSeries(this.path(r.data), {
        ...(r.symbol ? { symbol: r.symbol } : {}),
        ...(r.interval ? { interval: r.interval } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      });
      const s = loaded.series;
      const instrument = makeInstrument({ id: 0, symbol: s.symbol, venue: s.venue, tick: unit(loaded.priceDecimals), lot: unit(loaded.sizeDecimals) });
      const d = this.deps.defaults;
      const { strategy } = this.deps.resolveStrategy(r.strategy, r.params ?? {});
      const run = new BacktestRun(s, instrument, strategy, {
        capital: r.capital ?? d.capital,
        feeRate: r.fee_rate ?? d.fee_rate,
        slippageBps: r.slippage_bps ?? d.slippage_bps,
        riskPerTradePct: r.risk_per_trade_pct ?? d.risk_per_trade_pct,
        maxPositionPct: r.max_position_pct ?? d.max_position_pct,
        leverage: r.leverage ?? d.leverage,
      }, { collectFills: false });
      const chunk = this.deps.chunk ?? 20_000;
      while (run.step(chunk)) {
        job.progress = run.done / run.total;
        await new Promise<void>((res) => setImmediate(res));
      }
      const res = run.finish();
      job.result = {
        symbol: res.symbol,
        strategy: res.strategy,
        bars: res.bars,
        interval_ms: res.intervalMs,
        metrics: res.metrics,
        trades: res.trades.length,
        final_equity_exact: formatAmount(res.finalEquityExact, 12),
        fees_paid_exact: formatAmount(res.feesPaid, 12),
        open_position: res.openPosition,
        signals: res.signals,
        orders: res.orders,
      };
      job.progress = 1;
      job.state = "done";
    } catch (e) {
      job.state = "error";
      job.error = errorBody(e);
      this.deps.log.warn("Backtest job failed", { job: job.id, error: job.error.message });
    } finally {
      job.finished_at = this.deps.clock.now();
    }
  }

  private path(p: string): string {
    return isAbsolute(p) ? p : resolve(this.deps.baseDir, p);
  }

  private trim(): void {
    const keep = this.deps.keep ?? 100;
    for (const [id, j] of this.jobs) {
      if (this.jobs.size <= keep) break;
      if (j.state === "done" || j.state === "error") this.jobs.delete(id);
    }
  }
}

function bound(v: number | string | undefined): number | undefined {
  if (v === undefined) return undefined;
  return typeof v === "number" ? v : Date.parse(v);
}

function unit(decimals: number): string {
  return decimals <= 0 ? "1" : `0.${"0".repeat(decimals - 1)}1`;
}
