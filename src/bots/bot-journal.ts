/**
 * A bot's journal: what the trading loop produced since the last save (events, closed trades,
 * equity points) and the rule for saving it. `flush` commits the pending rows — with the
 * replica's persisted state whenever anything traded — in ONE store transaction, and only then
 * publishes the events, so nothing is ever visible through the API or a WebSocket before it is
 * durable (the `kill -9` guarantee). Events get their per-bot sequence number here.
 */
import type { Clock } from "../core/index.ts";
import type { BotReplica } from "./bot-replica.ts";
import type { BotStore, PersistedBotState, RuntimeSnapshot } from "./ports.ts";
import type { BotEvent, BotEventBody, EquityPoint, TradeView } from "./types.ts";

export type JournalNotification = { readonly kind: "status"; readonly bot_id: string } | { readonly kind: "event"; readonly event: BotEvent };

export interface JournalDeps {
  readonly store: BotStore;
  readonly clock: Clock;
  readonly notify: (n: JournalNotification) => void;
  readonly eventRetention: number;
  /** The live runtime's snapshot, if a runtime is running (else the replica's last one stands). */
  readonly snapshot: () => RuntimeSnapshot | null;
}

export class BotJournal {
  private events: BotEvent[] = [];
  private trades: TradeView[] = [];
  private equity: EquityPoint[] = [];
  /** Orders, cancels, fills or trades since the last save: the next save carries the state. */
  traded = false;
  /** Drop the stored equity curve at the next save (the book was reset). */
  clearEquity = false;
  /** Wall time of the last save with state. */
  lastPersist = 0;
  /** Set when the bot is deleted: nothing is written any more. */
  closed = false;

  constructor(
    private readonly id: string,
    private readonly replica: BotReplica,
    private readonly deps: JournalDeps,
  ) {}

  get pendingRows(): number {
    return this.events.length + this.equity.length;
  }

  emit(body: BotEventBody, marketTs: number | null): BotEvent {
    const r = this.replica;
    const ev = { seq: ++r.eventSeq, bot_id: this.id, ts: this.deps.clock.now(), market_ts: marketTs, ...body } as BotEvent;
    r.pushRecent(ev);
    this.events.push(ev);
    return ev;
  }

  trade(v: TradeView): void {
    this.trades.push(v);
    this.traded = true;
  }

  point(p: EquityPoint): void {
    this.equity.push(p);
  }

  /** Commits pending rows (and the state when asked or when anything traded), then publishes. */
  flush(withState: boolean): void {
    if (this.closed) return;
    const { events, trades, equity } = this;
    // Trades and fills are never stored without the snapshot that contains them.
    if (this.traded) withState = true;
    if (!withState && events.length === 0 && trades.length === 0 && equity.length === 0) return;
    if (withState) {
      const snap = this.deps.snapshot();
      if (snap) this.replica.runtime = snap;
    }
    this.events = [];
    this.trades = [];
    this.equity = [];
    const clear = this.clearEquity;
    this.clearEquity = false;
    this.deps.store.commit(this.id, {
      ...(withState ? { state: this.persisted() } : {}),
      ...(clear ? { clear_equity: true } : {}),
      ...(trades.length ? { trades } : {}),
      ...(events.length ? { events } : {}),
      ...(equity.length ? { equity } : {}),
    });
    if (withState) {
      this.traded = false;
      this.lastPersist = this.deps.clock.now();
    }
    for (const event of events) this.deps.notify({ kind: "event", event });
    this.deps.notify({ kind: "status", bot_id: this.id });
    if (events.length > 0 && this.replica.eventSeq % 1000 < events.length) this.deps.store.pruneEvents(this.id, this.deps.eventRetention);
  }

  persisted(): PersistedBotState {
    const r = this.replica;
    return {
      state: r.state,
      error: r.error,
      epoch: r.epoch,
      event_seq: r.eventSeq,
      trade_seq: r.tradeSeq,
      started_at: r.startedAt,
      last_heartbeat: r.lastHeartbeat,
      metrics: r.metrics.toJSON(),
      runtime: r.runtime,
      positions: r.positions,
    };
  }
}
