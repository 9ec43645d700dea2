/**
 * Live Hyperliquid bar feed for bots (`feed.kind = "hyperliquid"`): warm-up candles over REST
 * (candleSnapshot), then closed candles from the WebSocket through the collector's CandleFeed
 * (gap backfill after reconnects, no duplicates). The asset table (`meta`) gives the instrument
 * grid.
 *
 * Unreachable venue (no internet, outage): nothing throws; the feed retries with capped
 * exponential backoff and reports `retrying` / "venue unreachable, retrying …" in the bot's
 * feed status, and the daemon stays up. Only errors that retrying cannot fix (unknown coin,
 * bad request) fail the bot. Every wait honours the AbortSignal so stop/pause are prompt.
 */
import { INTERVALS, isBaseError, type Bar, type Clock, type Instrument, type Interval } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import { CandleFeed } from "../../collectors/hyperliquid/index.ts";
import { AssetTable, HyperliquidHttp, HyperliquidWs, walkCandles } from "../../venues/hyperliquid/index.ts";
import { sleep, type BarFeed, type BotSpec, type FeedCursor, type RuntimeHooks } from "../../bots/index.ts";

export interface HyperliquidFeedDeps {
  readonly apiUrl: string;
  readonly wsUrl: string;
  readonly clock: Clock;
  readonly log: Logger;
  /** First retry delay and cap (ms). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
}

/** Shared per daemon: one meta fetch serves every bot's instrument. */
export class HyperliquidMeta {
  private table: AssetTable | null = null;
  constructor(private readonly http: HyperliquidHttp) {}
  async load(): Promise<AssetTable> {
    this.table ??= AssetTable.fromMeta(await this.http.info({ type: "meta" }));
    return this.table;
  }
  instrument(coin: string): Instrument {
    if (!this.table) throw new Error("Hyperliquid meta not loaded");
    return this.table.instrument(coin, 0);
  }
}

export class HyperliquidBarFeed implements BarFeed {
  readonly description: string;
  private readonly http: HyperliquidHttp;
  private ws: HyperliquidWs | null = null;
  private candles: CandleFeed | null = null;
  private queue: Bar[] = [];
  private wake: (() => void) | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private readonly interval: Interval;
  private readonly intervalMs: number;
  /** Close of the latest bar seen (warm-up or live), for a live venue's reference price. */
  lastClose: number | null = null;

  constructor(
    private readonly spec: BotSpec,
    private readonly cursor: FeedCursor | null,
    private readonly hooks: RuntimeHooks,
    private readonly meta: HyperliquidMeta,
    private readonly d: HyperliquidFeedDeps,
  ) {
    this.interval = spec.interval as Interval;
    this.intervalMs = INTERVALS[this.interval];
    this.description = `hyperliquid ${spec.symbol} ${spec.interval}`;
    // Fail fast inside our own loop rather than in the transport's long retry ladder.
    this.http = new HyperliquidHttp({ baseUrl: d.apiUrl, retry: { retries: 0, baseMs: 250, maxMs: 1000 }, timeoutMs: 10_000 });
  }

  /** The WebSocket once open() has connected (a live venue shares it for userFills). */
  get socket(): HyperliquidWs | null {
    return this.ws;
  }

  async open(signal: AbortSignal, warmupBars: number): Promise<readonly Bar[]> {
    const want = Math.max(warmupBars, this.spec.feed.kind === "hyperliquid" ? this.spec.feed.warmup_bars : 0);
    const warm = await this.retrying(signal, "connecting", async () => {
      const table = await this.meta.load();
      table.require(this.spec.symbol, "symbol");
      if (want === 0) return [] as Bar[];
      const now = this.d.clock.now();
      const got: Bar[] = [];
      const range = { coin: this.spec.symbol, interval: this.interval, start: now - (want + 2) * this.intervalMs, end: now };
      for await (const p of walkCandles(this.http, range, { now: () => this.d.clock.now() })) {
        for (const c of p.candles) got.push(this.bar(c.t, c.tsInit, c.open, c.high, c.low, c.close, c.volume));
      }
      return got.slice(-want);
    });
    if (signal.aborted) return [];
    this.lastClose = warm.at(-1)?.close ?? null;
    const lastOpen = warm.at(-1)?.tsEvent ?? this.cursor?.last_ts ?? undefined;
    const ws = new HyperliquidWs({ url: this.d.wsUrl, log: this.d.log, now: () => this.d.clock.now() });
    this.ws = ws;
    ws.onStatus((s) => {
      this.hooks.heartbeat();
      if (s === "open") this.hooks.feedStatus({ state: "ok", message: `live ${this.spec.symbol} ${this.spec.interval} candles` });
      else if (s === "reconnecting") this.hooks.feedStatus({ state: "retrying", message: "venue unreachable, retrying (WebSocket reconnecting)" });
    });
    this.candles = new CandleFeed({
      ws,
      http: this.http,
      coin: this.spec.symbol,
      interval: this.interval,
      instrumentId: 0,
      clock: this.d.clock,
      log: this.d.log,
      ...(lastOpen !== undefined ? { lastOpen } : {}),
      onBar: (bar) => {
        this.queue.push(bar);
        this.lastClose = bar.close;
        this.hooks.heartbeat();
        this.wake?.();
      },
    });
    this.candles.start();
    ws.start();
    this.ticker = setInterval(() => this.candles?.tick(), Math.min(5000, Math.max(1000, this.intervalMs / 10)));
    return warm;
  }

  async next(signal: AbortSignal): Promise<readonly Bar[] | null> {
    if (this.queue.length === 0 && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.wake = null;
          signal.removeEventListener("abort", done);
          resolve();
        };
        this.wake = done;
        signal.addEventListener("abort", done, { once: true });
      });
    }
    const out = this.queue;
    this.queue = [];
    return out;
  }

  async close(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.candles?.stop();
    this.ws?.close();
    this.wake?.();
  }

  /** Runs `fn` until it succeeds, reporting retries in the feed status; unfixable errors throw. */
  private async retrying<T>(signal: AbortSignal, phase: "connecting", fn: () => Promise<T>): Promise<T> {
    const base = this.d.retryBaseMs ?? 1000;
    const max = this.d.retryMaxMs ?? 30_000;
    this.hooks.feedStatus({ state: phase, message: `connecting to ${this.d.apiUrl}` });
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (isBaseError(e) && !e.retryable) throw e;
        if (signal.aborted) throw e;
        const wait = Math.min(max, base * 2 ** Math.min(attempt - 1, 10));
        const why = e instanceof Error ? e.message : String(e);
        this.hooks.feedStatus({ state: "retrying", message: `venue unreachable, retrying (attempt ${attempt}, next in ${Math.round(wait / 1000)}s): ${why}` });
        this.hooks.heartbeat();
        if (attempt === 1 || attempt % 10 === 0) this.d.log.warn("Hyperliquid unreachable, retrying", { bot: this.spec.id, attempt, error: why });
        await sleep(wait, signal);
        if (signal.aborted) throw e;
      }
    }
  }

  private bar(t: number, tsInit: number, open: number, high: number, low: number, close: number, volume: number): Bar {
    return { instrumentId: 0, tsEvent: t, tsInit, intervalMs: this.intervalMs, open, high, low, close, volume, index: -1 };
  }
}
