/**
 * A bot's observable state: the copy that status reads, the API and WebSocket clients see.
 * Only the actor writes it; readers get plain immutable objects built from it, so reading can
 * never reach into the trading loop (the seed polled its loop for status and knocked running
 * bots into Error). `summary()` is rebuilt only when `version` moved since the last build.
 */
import type { MetricsState } from "./bot-metrics.ts";
import { BotMetrics } from "./bot-metrics.ts";
import type { PersistedBotState, RuntimeCounters, RuntimeSnapshot } from "./ports.ts";
import type { BotDetail, BotEvent, BotSource, BotSpec, BotState, BotSummary, FeedStatus, PositionView } from "./types.ts";

const IDLE: FeedStatus = { state: "idle", message: null };

export class BotReplica {
  spec: BotSpec;
  readonly source: BotSource;
  state: BotState = "stopped";
  error: string | null = null;
  feedStatus: FeedStatus = IDLE;
  startedAt: number | null = null;
  lastHeartbeat: number | null = null;
  lastBarTime: number | null = null;
  epoch = 1;
  eventSeq = 0;
  tradeSeq = 0;
  metrics: BotMetrics;
  counters: RuntimeCounters = { bars: 0, signals: 0, orders: 0, fills: 0 };
  positions: readonly PositionView[] = [];
  /** Last runtime snapshot known to the actor (persisted, used to resume). */
  runtime: RuntimeSnapshot | null = null;
  version = 1;
  private readonly recent: BotEvent[] = [];
  private cached: BotSummary | null = null;
  private cachedVersion = 0;

  constructor(
    spec: BotSpec,
    source: BotSource,
    private readonly intervalMs: number,
    private readonly recentCap: number,
  ) {
    this.spec = spec;
    this.source = source;
    this.metrics = new BotMetrics(spec.risk.capital, intervalMs);
  }

  touch(): void {
    this.version++;
  }

  /** Takes over what a previous run persisted (the book, counters, sequences, last error). */
  restore(st: PersistedBotState): void {
    this.epoch = st.epoch;
    this.eventSeq = st.event_seq;
    this.tradeSeq = st.trade_seq ?? 0;
    this.startedAt = st.started_at;
    this.lastHeartbeat = st.last_heartbeat;
    this.error = st.error;
    this.restoreMetrics(st.metrics);
    this.runtime = st.runtime;
    this.positions = st.positions ?? [];
    if (st.runtime) {
      this.counters = { ...st.runtime.counters };
      this.lastBarTime = st.runtime.cursor.last_ts === null ? null : st.runtime.cursor.last_ts + this.intervalMs;
    }
  }

  restoreMetrics(m: MetricsState | null): void {
    this.metrics = new BotMetrics(this.spec.risk.capital, this.intervalMs, m ?? undefined);
  }

  /** Fresh book: new epoch, metrics and counters from zero (trade history stays in the store). */
  resetBook(intervalMs: number): void {
    this.epoch++;
    this.tradeSeq = 0;
    this.runtime = null;
    this.metrics = new BotMetrics(this.spec.risk.capital, intervalMs);
    this.counters = { bars: 0, signals: 0, orders: 0, fills: 0 };
    this.positions = [];
    this.lastBarTime = null;
    this.touch();
  }

  pushRecent(e: BotEvent): void {
    this.recent.push(e);
    if (this.recent.length > this.recentCap) this.recent.splice(0, this.recent.length - this.recentCap);
  }

  recentEvents(): readonly BotEvent[] {
    return this.recent.slice();
  }

  summary(): BotSummary {
    if (this.cached !== null && this.cachedVersion === this.version) return this.cached;
    const s = this.spec;
    const m = this.metrics;
    const out: BotSummary = Object.freeze({
      id: s.id,
      symbol: s.symbol,
      interval: s.interval,
      strategy: s.strategy,
      params: s.params,
      mode: s.mode,
      feed: s.feed,
      risk: s.risk,
      autostart: s.autostart,
      source: this.source,
      state: this.state,
      error: this.error,
      feed_status: this.feedStatus,
      equity: round(m.equity, 6),
      initial_capital: m.initial,
      return_pct: round(m.returnPct, 6),
      sharpe: round(m.sharpe, 6),
      max_drawdown: round(m.maxDrawdown, 6),
      win_rate: round(m.winRate, 6),
      trades: m.trades,
      open_positions: this.positions,
      bars: this.counters.bars,
      signals: this.counters.signals,
      orders: this.counters.orders,
      fills: this.counters.fills,
      last_bar_time: this.lastBarTime,
      last_heartbeat: this.lastHeartbeat,
      started_at: this.startedAt,
      version: this.version,
    });
    this.cached = out;
    this.cachedVersion = this.version;
    return out;
  }

  detail(): BotDetail {
    return { ...this.summary(), recent_events: this.recentEvents(), epoch: this.epoch };
  }
}

function round(x: number, dp: number): number {
  if (!Number.isFinite(x)) return 0;
  const f = 10 ** dp;
  return Math.round(x * f) / f;
}
