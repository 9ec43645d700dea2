/**
 * Glue between the daemon and the UI state: owns the REST client, the WebSocket and the stream
 * batcher, turns user commands into API calls, and reports every outcome as a notice (the API's
 * own error message on failure). React-free, so it is tested against a fake daemon directly.
 *
 * Threading model: everything runs on the one JS thread; API calls are async and their results
 * are dispatched when they land. Results for a screen the user already left are dropped by the
 * reducer (detail payloads carry their bot id).
 *
 * Invariants: after every (re)connect the bot list is reloaded over REST (the stream only says
 * what changed); the events subscription follows the open detail screen; after `dispose()`
 * nothing is dispatched.
 */
import type { BotCommandName, BotSpecInput, BotSummary, EquityPoint, TradeView } from "../client/api-types.ts";
import { errorMessage, UnreachableError } from "../client/errors.ts";
import type { HttpClient } from "../client/http-client.ts";
import { decodeStreamMessage, eventsSubscription, subscriptionMessages } from "../client/stream-messages.ts";
import { StreamClient, type StreamClientOptions } from "../client/stream-client.ts";
import { fetchStrategies, type StrategyInfo } from "../client/strategies.ts";
import { StreamBatcher } from "../state/stream-batcher.ts";
import type { Action } from "../state/types.ts";

export interface ControllerOptions {
  readonly http: HttpClient;
  readonly wsUrl: string;
  readonly token?: string | undefined;
  readonly dispatch: (a: Action) => void;
  /** Overrides for tests (socket factory, backoff). */
  readonly stream?: Partial<Pick<StreamClientOptions, "createSocket" | "backoff">>;
  readonly batchMs?: number;
  /** History kept on the detail screen. */
  readonly detailLimits?: { readonly trades: number; readonly equity: number; readonly events: number };
}

const VERB: Record<BotCommandName, string> = { start: "started", stop: "stopped", pause: "paused", resume: "resumed" };

export class DaemonController {
  private readonly stream: StreamClient;
  private readonly batcher: StreamBatcher;
  private detailId: string | null = null;
  private disposed = false;
  private strategies: Promise<StrategyInfo[] | null> | null = null;
  private strategiesValue: StrategyInfo[] | null | undefined = undefined;
  private readonly limits: { trades: number; equity: number; events: number };
  /** Close time of the newest equity point the open detail has (REST tailing starts after it). */
  private equityTs: number | null = null;
  private tail_: { timer: ReturnType<typeof setTimeout> | null; busy: boolean; last: number } = { timer: null, busy: false, last: 0 };

  constructor(private readonly opts: ControllerOptions) {
    this.limits = { trades: 500, equity: 2000, events: 60, ...opts.detailLimits };
    this.batcher = new StreamBatcher((actions) => this.onBatch(actions), { intervalMs: opts.batchMs ?? 100 });
    this.stream = new StreamClient({
      url: opts.wsUrl,
      token: opts.token,
      subscriptions: () => subscriptionMessages(this.detailId),
      onStatus: (status) => this.emit({ type: "connection", status }),
      onOpen: () => void this.reload(),
      onMessage: (raw) => {
        const m = decodeStreamMessage(raw);
        if (m.kind === "hello" && m.heartbeatMs > 0) this.stream.setStaleAfter(m.heartbeatMs * 3 + 1000);
        this.batcher.push(m);
      },
      ...opts.stream,
    });
  }

  start(): void {
    this.stream.start();
  }

  dispose(): void {
    this.disposed = true;
    if (this.tail_.timer) clearTimeout(this.tail_.timer);
    this.batcher.dispose();
    this.stream.close();
  }

  /** `r`: reload now, and reconnect at once if the stream is down. */
  refresh(): void {
    if (this.stream.current.kind !== "open") this.stream.reconnectNow();
    else void this.reload(true);
  }

  /** Reloads the bot list (and the open detail). */
  async reload(announce = false): Promise<void> {
    try {
      const bots = await this.opts.http.listBots();
      this.batcher.flushNow();
      this.emit({ type: "snapshot", bots });
      if (announce) this.notice("ok", `reloaded ${bots.length} bot${bots.length === 1 ? "" : "s"}`);
    } catch (e) {
      // Unreachable while the stream is still open: the stream will notice and show the banner.
      if (!(e instanceof UnreachableError) || announce) this.notice("error", `loading bots: ${errorMessage(e)}`);
    }
    if (this.detailId !== null) await this.loadDetail(this.detailId);
  }

  /** Enter: follow one bot's events and load its history. */
  openDetail(id: string): void {
    if (this.detailId !== null && this.detailId !== id) this.stream.send(eventsSubscription(this.detailId, "unsubscribe"));
    this.detailId = id;
    this.equityTs = null;
    this.emit({ type: "openDetail", id });
    this.stream.send(eventsSubscription(id));
    void this.loadDetail(id);
  }

  closeDetail(): void {
    if (this.detailId !== null) this.stream.send(eventsSubscription(this.detailId, "unsubscribe"));
    this.detailId = null;
  }

  async loadDetail(id: string): Promise<void> {
    const http = this.opts.http;
    try {
      const [detail, trades, equity, events, positions] = await Promise.all([
        http.getBot(id),
        this.tail<TradeView>((q) => http.trades(id, q), this.limits.trades),
        this.tail<EquityPoint>((q) => http.equity(id, q), this.limits.equity),
        http.events(id, { order: "desc", limit: this.limits.events }),
        http.positions(id),
      ]);
      const lastPoint = equity.items[equity.items.length - 1];
      if (this.detailId === id && lastPoint) this.equityTs = Math.max(this.equityTs ?? 0, lastPoint.ts);
      this.emit({
        type: "detailLoaded",
        id,
        payload: { detail, trades: trades.items, tradesTotal: trades.total, equity: equity.items, events: [...events.items].reverse(), positions },
      });
    } catch (e) {
      this.emit({ type: "detailFailed", id, error: errorMessage(e) });
    }
  }

  /** The newest `limit` rows of an oldest-first page route (one extra request when there are more). */
  private async tail<T>(page: (q: { offset: number; limit: number }) => Promise<{ items: readonly T[]; total: number }>, limit: number) {
    const first = await page({ offset: 0, limit });
    if (first.total <= limit) return first;
    return page({ offset: first.total - limit, limit });
  }

  async command(bot: BotSummary, cmd: BotCommandName): Promise<void> {
    await this.run(`${cmd} ${bot.id}`, async () => {
      const s = await this.opts.http.command(bot.id, cmd);
      this.emit({ type: "botsUpdated", bots: [s] });
      return `${VERB[cmd]} ${bot.id} (now ${s.state})`;
    });
  }

  /** `p`: pause a running bot, resume a paused one; other states get the daemon's 409 message. */
  async pauseResume(bot: BotSummary): Promise<void> {
    await this.command(bot, bot.state === "paused" ? "resume" : "pause");
  }

  async remove(id: string): Promise<void> {
    await this.run(`delete ${id}`, async () => {
      await this.opts.http.deleteBot(id);
      this.emit({ type: "botRemoved", id });
      return `deleted ${id}`;
    });
  }

  /** Resolves true when the daemon accepted the bot (the form then closes). */
  async create(body: BotSpecInput): Promise<boolean> {
    return this.run(`create ${body.id}`, async () => {
      const s = await this.opts.http.createBot(body);
      this.emit({ type: "botsUpdated", bots: [s] });
      this.emit({ type: "selectId", id: s.id });
      return `created ${s.id} (${s.state}; s to start)`;
    });
  }

  async update(id: string, patch: Record<string, unknown>): Promise<boolean> {
    if (Object.keys(patch).length === 0) {
      this.notice("info", "nothing changed");
      return true;
    }
    return this.run(`update ${id}`, async () => {
      const r = await this.opts.http.updateBot(id, patch);
      this.emit({ type: "botsUpdated", bots: [r.bot] });
      const parts = [`updated ${id}: ${r.changed.join(", ") || "no change"}`];
      if (r.applied_at_next_bar.length) parts.push(`live at next bar: ${r.applied_at_next_bar.join(", ")}`);
      if (r.restart_required.length) parts.push(`from next start: ${r.restart_required.join(", ")}`);
      return parts.join("; ");
    });
  }

  /** The catalogue if it has been loaded already (undefined = not yet), so a form can open without a loading frame. */
  get cachedStrategies(): StrategyInfo[] | null | undefined {
    return this.strategiesValue;
  }

  /** The strategy catalogue (cached; null when the daemon has no strategy route). */
  loadStrategies(): Promise<StrategyInfo[] | null> {
    this.strategies ??= fetchStrategies(this.opts.http).then(
      (v) => (this.strategiesValue = v),
      (e) => {
        this.strategies = null;
        this.notice("error", `loading strategies: ${errorMessage(e)}`);
        return null;
      },
    );
    return this.strategies;
  }

  private async run(what: string, fn: () => Promise<string>): Promise<boolean> {
    this.emit({ type: "busy", text: `${what} …` });
    try {
      const ok = await fn();
      this.notice("ok", ok);
      return true;
    } catch (e) {
      this.notice("error", `${what}: ${errorMessage(e)}`);
      return false;
    } finally {
      this.emit({ type: "busy", text: null });
    }
  }

  private notice(kind: "ok" | "error" | "info", text: string): void {
    this.emit({ type: "notice", kind, text });
  }

  private emit(a: Action): void {
    if (!this.disposed) this.opts.dispatch(a);
  }

  private onBatch(actions: readonly Action[]): void {
    for (const a of actions) {
      this.emit(a);
      if (a.type === "botsUpdated" && this.detailId !== null) {
        const b = a.bots.find((x) => x.id === this.detailId);
        if (b && b.last_bar_time !== null && this.equityTs !== null && b.last_bar_time > this.equityTs) this.scheduleEquityTail();
      }
    }
  }

  /**
   * Status frames are throttled by the daemon, so the chart would miss the bars between them;
   * fetch the missing equity points over REST, at most once per second while the bot moves.
   */
  private scheduleEquityTail(): void {
    const t = this.tail_;
    if (t.timer !== null || t.busy) return;
    const wait = Math.max(0, 1000 - (Date.now() - t.last));
    t.timer = setTimeout(() => {
      t.timer = null;
      const id = this.detailId;
      const from = this.equityTs;
      if (id === null || from === null || this.disposed) return;
      t.busy = true;
      t.last = Date.now();
      this.opts.http
        .equity(id, { from: from + 1, limit: this.limits.equity })
        .then((page) => {
          const last = page.items[page.items.length - 1];
          if (this.detailId !== id || !last) return;
          this.equityTs = Math.max(this.equityTs ?? 0, last.ts);
          this.emit({ type: "equityAppended", id, points: page.items });
        })
        .catch(() => {
          // The next status frame schedules another try; the banner covers a dead daemon.
        })
        .finally(() => {
          t.busy = false;
        });
    }, wait);
  }
}
