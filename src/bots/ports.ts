/**
 * Seams of the bots module. The actor drives a `BotRuntime` (the trading loop's body) and saves
 * through a `BotStore`; src/app plugs in the engine-backed runtime (engine-runtime.ts with a
 * concrete feed and venue) and the SQLite store. Tests plug in fakes.
 *
 * Runtime contract: `start` opens the feed and restores/warms the engine; `step` processes the
 * next batch of bars and resolves false once the feed has ended; both must settle promptly when
 * their AbortSignal fires. Hooks are called synchronously from inside `step`, in engine order.
 */
import type { Bar, FillEvent, OrderEvent, SignalEvent } from "../core/index.ts";
import type { EngineSnapshot, OrderCancel, TradeRecord } from "../engine/index.ts";
import type { MetricsState } from "./bot-metrics.ts";
import type { BotEvent, BotSource, BotSpec, BotState, EquityPoint, FeedStatus, Page, PositionView, TradeView } from "./types.ts";

/** Where a feed stands, so a restarted bot resumes after the last bar it processed. */
export interface FeedCursor {
  /** Open time of the last processed bar (null before the first). */
  readonly last_ts: number | null;
  /** Index the next bar will get (bar indices never repeat within an epoch). */
  readonly next_index: number;
}

export interface RuntimeCounters {
  bars: number;
  signals: number;
  orders: number;
  fills: number;
}

/** What a runtime persists (JSON-safe). */
export interface RuntimeSnapshot {
  readonly version: 1;
  readonly engine: EngineSnapshot | null;
  readonly cursor: FeedCursor;
  readonly counters: RuntimeCounters;
}

export interface RuntimeHooks {
  signal(s: SignalEvent): void;
  signalIgnored(s: SignalEvent, reason: string): void;
  order(o: OrderEvent): void;
  cancel(c: OrderCancel): void;
  fill(f: FillEvent): void;
  trade(t: TradeRecord): void;
  /** Once per processed bar, after mark-to-market. */
  equity(ts: number, equity: number, barIndex: number): void;
  feedStatus(s: FeedStatus): void;
  notice(message: string): void;
  /** Any sign of life from the feed (a message, a bar, a retry). */
  heartbeat(): void;
  /** An error the bot cannot trade through (e.g. the venue rejected its signer): it stops in Error. */
  fatal(e: unknown): void;
}

export interface BotRuntime {
  start(signal: AbortSignal): Promise<void>;
  step(signal: AbortSignal): Promise<boolean>;
  /** Applies hot changes (strategy, params, sizing, speed) at the next bar; returns what changed. */
  reconfigure(spec: BotSpec): readonly string[];
  snapshot(): RuntimeSnapshot;
  positions(): readonly PositionView[];
  close(): Promise<void>;
}

export interface BotRuntimeFactory {
  /** Throws a ConfigError naming the field (e.g. `params.slow`) when the spec cannot run. */
  validate(spec: BotSpec): void;
  create(spec: BotSpec, restored: RuntimeSnapshot | null, hooks: RuntimeHooks): BotRuntime;
}

/** Everything of a bot that survives a restart besides its trades, events and equity rows. */
export interface PersistedBotState {
  readonly state: BotState;
  readonly error: string | null;
  readonly epoch: number;
  readonly event_seq: number;
  /** Trades closed in the current epoch (the next trade gets trade_seq + 1). */
  readonly trade_seq?: number;
  readonly started_at: number | null;
  readonly last_heartbeat: number | null;
  readonly metrics: MetricsState | null;
  readonly runtime: RuntimeSnapshot | null;
  /** Open positions as last shown (so a restored, stopped bot still shows its book). */
  readonly positions?: readonly PositionView[];
}

export interface StoredBot {
  readonly spec: BotSpec;
  readonly source: BotSource;
  readonly enabled: boolean;
  readonly created_at: number;
  readonly updated_at: number;
  readonly state: PersistedBotState | null;
}

/** Rows written atomically: a crash leaves either all of them or none. */
export interface PersistBatch {
  readonly state?: PersistedBotState;
  /** Drop the stored equity curve before writing (the book was reset). */
  readonly clear_equity?: boolean;
  readonly trades?: readonly TradeView[];
  readonly events?: readonly BotEvent[];
  readonly equity?: readonly EquityPoint[];
}

export interface ListQuery {
  readonly offset: number;
  readonly limit: number;
}

export interface BotStore {
  /** Every stored bot (enabled or not), oldest first. Unreadable rows are reported, not thrown. */
  loadAll(): { bots: StoredBot[]; problems: string[] };
  /** Insert or update the definition (upsert on id). */
  saveSpec(spec: BotSpec, source: BotSource, enabled: boolean, now: number): void;
  setEnabled(id: string, enabled: boolean, now: number): void;
  /** Removes the bot and all its history. */
  deleteBot(id: string): void;
  commit(id: string, batch: PersistBatch): void;
  /** Keeps the newest `keep` events of a bot. */
  pruneEvents(id: string, keep: number): void;
  trades(id: string, q: ListQuery): Page<TradeView>;
  events(id: string, q: ListQuery & { readonly after_seq?: number; readonly type?: string; readonly order?: "asc" | "desc" }): Page<BotEvent>;
  equity(id: string, q: ListQuery & { readonly from?: number; readonly to?: number }): Page<EquityPoint>;
  close(): void;
}

/** A bar source for the engine runtime (replay file, storage tier, live venue). */
export interface BarFeed {
  readonly description: string;
  /** Connects/loads; returns closed bars preceding the resume point for strategy warm-up. */
  open(signal: AbortSignal, warmupBars: number): Promise<readonly Bar[]>;
  /** Next batch of closed bars in time order (empty = nothing yet), or null once ended. */
  next(signal: AbortSignal): Promise<readonly Bar[] | null>;
  /** Replay speed change (bars per second, 0 = unthrottled); ignored by live feeds. */
  setSpeed?(barsPerSecond: number): void;
  close(): Promise<void>;
}
