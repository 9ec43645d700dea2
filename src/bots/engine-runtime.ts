/**
 * The trading loop's body for one bot: a BarFeed feeding the same TradingEngine the backtest
 * uses. Each closed bar: the engine's clock advances to the bar's close, the engine processes
 * it (venue matching, mark-to-market, strategy, risk, orders), and its audit callbacks become
 * runtime hooks. Concrete parts (strategy resolution, instrument grid, venue, feed) come from a
 * `RuntimeEnvironment` supplied by src/app.
 *
 * Restarts: the engine is rebuilt from the persisted snapshot (portfolio, order ids, open
 * orders), the feed resumes after the cursor, and the strategy is warmed on the bars preceding
 * it (`engine.warm`, no orders). Live feeds never trade a stale bar: a bar RECEIVED more than
 * one interval after it closed (a backfill after a reconnect or a restart) only warms the
 * strategy. Receipt time (`tsInit`) is used, not processing time, so a busy engine never turns
 * live bars into stale ones.
 */
import { ConfigError, HistoricalClock, type Bar, type Instrument } from "../core/index.ts";
import { SizingRiskManager, TradingEngine, type ExecutionVenue, type Strategy, type TradeRecord } from "../engine/index.ts";
import { intervalMsOf } from "./bot-actor.ts";
import type { BarFeed, BotRuntime, FeedCursor, RuntimeCounters, RuntimeHooks, RuntimeSnapshot } from "./ports.ts";
import { SwappableRisk, SwappableStrategy } from "./swappable.ts";
import type { BotSpec, PositionView } from "./types.ts";

export interface ResolvedStrategy {
  readonly strategy: Strategy;
  /** Bars the strategy needs before its first signal. */
  readonly warmup: number;
}

export interface RuntimeEnvironment {
  /** Builds the strategy from name + params; throws ConfigError naming `params.<key>`. */
  strategy(spec: BotSpec): ResolvedStrategy;
  /** Price/size grid of the bot's symbol (instrument id must be 0); called after the feed opened. */
  instrument(spec: BotSpec): Instrument | Promise<Instrument>;
  /** Simulated venue for paper; the venue adapter for live (may connect first). */
  venue(spec: BotSpec, hooks: RuntimeHooks): ExecutionVenue | Promise<ExecutionVenue>;
  feed(spec: BotSpec, cursor: FeedCursor | null, hooks: RuntimeHooks): BarFeed;
}

const HISTORY_MIN = 256;
const HISTORY_MAX = 20_000;

export class EngineBotRuntime implements BotRuntime {
  private readonly clock = new HistoricalClock();
  private readonly intervalMs: number;
  private readonly live: boolean;
  private engine: TradingEngine | null = null;
  private feed: BarFeed | null = null;
  private strategy: SwappableStrategy | null = null;
  private risk: SwappableRisk | null = null;
  private instrument: Instrument | null = null;
  private cursor: FeedCursor;
  private readonly base: RuntimeCounters;
  private history: Bar[] = [];
  private historyCap = HISTORY_MIN;

  constructor(
    private spec: BotSpec,
    private readonly restored: RuntimeSnapshot | null,
    private readonly hooks: RuntimeHooks,
    private readonly env: RuntimeEnvironment,
  ) {
    this.intervalMs = intervalMsOf(spec);
    this.live = spec.feed.kind !== "replay";
    this.cursor = restored?.cursor ?? { last_ts: null, next_index: 0 };
    this.base = restored ? { ...restored.counters } : { bars: 0, signals: 0, orders: 0, fills: 0 };
  }

  async start(signal: AbortSignal): Promise<void> {
    const spec = this.spec;
    const resolved = this.env.strategy(spec);
    const h = this.hooks;
    this.feed = this.env.feed(spec, this.restored ? this.cursor : null, h);
    const warm = await this.feed.open(signal, resolved.warmup);
    const instrument = await this.env.instrument(spec);
    if (instrument.id !== 0) throw new ConfigError(`instrument id for a bot must be 0, got ${instrument.id}`);
    this.instrument = instrument;
    this.strategy = new SwappableStrategy(resolved.strategy);
    this.historyCap = Math.min(HISTORY_MAX, Math.max(HISTORY_MIN, resolved.warmup * 2));
    this.risk = new SwappableRisk(riskFor(spec));
    const engine = new TradingEngine({
      feeds: [{ instrument, strategy: this.strategy }],
      venue: await this.env.venue(spec, h),
      risk: this.risk,
      clock: this.clock,
      capital: spec.risk.capital,
      seed: spec.risk.seed,
      clientIdPrefix: `${spec.id}-`,
      ...(this.restored?.engine ? { snapshot: this.restored.engine } : {}),
      listener: {
        onSignal: (s) => h.signal(s),
        onSignalIgnored: (s, reason) => h.signalIgnored(s, reason),
        onOrder: (o) => h.order(o),
        onOrderCancelled: (c) => h.cancel(c),
        onFill: (f) => h.fill(f),
        onTradeClosed: (t) => h.trade(t as TradeRecord),
        onEquity: (ts, equity, barIndex) => h.equity(ts, equity, barIndex),
      },
    });
    this.engine = engine;
    for (const b of warm) {
      const bar = this.own(b, -1);
      this.clock.advance(bar.tsEvent + bar.intervalMs);
      engine.warm(bar);
      this.remember(bar);
    }
  }

  async step(signal: AbortSignal): Promise<boolean> {
    const feed = this.feed;
    const engine = this.engine;
    if (!feed || !engine) throw new ConfigError("bot runtime stepped before start");
    const bars = await feed.next(signal);
    if (bars === null) return false;
    for (const b of bars) {
      if (this.cursor.last_ts !== null && b.tsEvent <= this.cursor.last_ts) continue; // duplicate or replayed bar
      const close = b.tsEvent + b.intervalMs;
      const bar = this.own(b, this.cursor.next_index);
      this.clock.advance(close);
      if (this.live && b.tsInit - close > this.intervalMs) engine.warm(bar);
      else engine.processBar(bar);
      this.remember(bar);
      this.cursor = { last_ts: bar.tsEvent, next_index: this.cursor.next_index + 1 };
    }
    if (bars.length > 0) this.hooks.heartbeat();
    return true;
  }

  reconfigure(next: BotSpec): readonly string[] {
    const applied: string[] = [];
    const prev = this.spec;
    if (prev.strategy !== next.strategy || JSON.stringify(prev.params) !== JSON.stringify(next.params)) {
      const resolved = this.env.strategy(next);
      this.strategy?.swap(resolved.strategy, this.history);
      this.historyCap = Math.min(HISTORY_MAX, Math.max(HISTORY_MIN, resolved.warmup * 2));
      applied.push("strategy");
    }
    const pr = prev.risk;
    const nr = next.risk;
    if (pr.risk_per_trade_pct !== nr.risk_per_trade_pct || pr.max_position_pct !== nr.max_position_pct || pr.leverage !== nr.leverage) {
      this.risk?.swap(riskFor(next));
      applied.push("risk");
    }
    if (prev.feed.kind === "replay" && next.feed.kind === "replay" && prev.feed.bars_per_second !== next.feed.bars_per_second) {
      this.feed?.setSpeed?.(next.feed.bars_per_second);
      applied.push("feed.bars_per_second");
    }
    this.spec = next;
    return applied;
  }

  /**
   * Closed trades are left out of the engine snapshot: the actor stores each one as it closes
   * and numbers them itself, so a snapshot stays small however long the bot has run.
   */
  snapshot(): RuntimeSnapshot {
    const e = this.engine;
    const c = e?.counters;
    let engine = e ? e.snapshot() : (this.restored?.engine ?? null);
    if (engine && engine.portfolio.trades.length > 0) engine = { ...engine, portfolio: { ...engine.portfolio, trades: [] } };
    return {
      version: 1,
      engine,
      cursor: this.cursor,
      counters: c
        ? { bars: this.base.bars + c.bars, signals: this.base.signals + c.signals, orders: this.base.orders + c.orders, fills: this.base.fills + c.fills }
        : { ...this.base },
    };
  }

  positions(): readonly PositionView[] {
    const e = this.engine;
    if (!e) return [];
    const out: PositionView[] = [];
    for (const p of e.portfolio.allPositions()) {
      if (p.qtyF === 0) continue;
      const mark = Number.isFinite(p.mark) ? p.mark : p.averagePrice;
      out.push({
        symbol: p.instrument.symbol,
        side: p.qtyF > 0 ? "long" : "short",
        quantity: Math.abs(p.qtyF),
        entry_price: round8(p.averagePrice),
        mark_price: mark,
        unrealized_pnl: round8(mark * p.qtyF - p.basisF),
        opened_at: p.trade?.entryTime ?? null,
      });
    }
    return out;
  }

  async close(): Promise<void> {
    const f = this.feed;
    this.feed = null;
    if (f) await f.close();
  }

  private own(b: Bar, index: number): Bar {
    return {
      instrumentId: this.instrument!.id,
      tsEvent: b.tsEvent,
      tsInit: b.tsInit,
      intervalMs: b.intervalMs || this.intervalMs,
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
      index,
    };
  }

  private remember(bar: Bar): void {
    this.history.push(bar);
    if (this.history.length > this.historyCap * 2) this.history = this.history.slice(-this.historyCap);
  }
}

function round8(x: number): number {
  return Math.round(x * 1e8) / 1e8;
}

function riskFor(spec: BotSpec): SizingRiskManager {
  return new SizingRiskManager({ riskPerTradePct: spec.risk.risk_per_trade_pct, maxPositionPct: spec.risk.max_position_pct, leverage: spec.risk.leverage });
}
