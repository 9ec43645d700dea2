/**
 * Live candle feed for one coin/interval: turns Hyperliquid's stream of in-progress candle pushes
 * into CLOSED bars, each delivered exactly once, in order, with no gap.
 *
 * Closed-candle detection: the venue re-pushes the open candle as it changes (upsert by `t`), so a
 * candle is final when a push for a LATER open time arrives; its last pushed state is the bar. If
 * no later push comes (quiet market), `tick(now)` closes it by time once `now > T + closeGraceMs`,
 * taking the authoritative values from candleSnapshot. After a WebSocket reconnect, or when a push
 * skips ahead by more than one interval, the missed candles are backfilled from candleSnapshot
 * before any buffered push is processed; anything at or before the last emitted open time is
 * dropped, so the engine sees no gap and no duplicate.
 *
 * Timestamps: Bar.tsEvent = venue open time; Bar.tsInit = local time at which the bar became known
 * closed (receipt of the later push, or of the snapshot reply).
 */
import type { Bar, Clock, Interval } from "../../core/index.ts";
import { INTERVALS } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import { nextOpen, parseCandle, walkCandles, type Candle, type HyperliquidHttp, type HyperliquidWs } from "../../venues/hyperliquid/index.ts";

export interface CandleFeedOptions {
  readonly ws: Pick<HyperliquidWs, "subscribe" | "onReconnect">;
  readonly http: HyperliquidHttp;
  readonly coin: string;
  readonly interval: Interval;
  readonly instrumentId: number;
  readonly clock: Clock;
  readonly onBar: (bar: Bar) => void;
  /** Open time of the last bar the consumer already has (e.g. from warm-up); older pushes are dropped. */
  readonly lastOpen?: number;
  /** Index of the next emitted bar (default 0). */
  readonly firstIndex?: number;
  readonly closeGraceMs?: number;
  readonly log?: Logger;
}

export interface CandleFeedStats {
  pushes: number;
  emitted: number;
  emittedByPush: number;
  emittedByBackfill: number;
  droppedStale: number;
  backfills: number;
}

export class CandleFeed {
  readonly stats: CandleFeedStats = { pushes: 0, emitted: 0, emittedByPush: 0, emittedByBackfill: 0, droppedStale: 0, backfills: 0 };
  private lastOpen: number;
  private index: number;
  private current: Candle | null = null;
  private buffer: Candle[] = [];
  private backfilling: Promise<void> | null = null;
  private needBackfill: boolean;
  private readonly intervalMs: number;
  private unsubs: (() => void)[] = [];

  constructor(private readonly o: CandleFeedOptions) {
    this.lastOpen = o.lastOpen ?? -Infinity;
    this.index = o.firstIndex ?? 0;
    this.intervalMs = INTERVALS[o.interval];
    this.needBackfill = o.lastOpen !== undefined;
  }

  start(): void {
    this.unsubs.push(this.o.ws.subscribe({ type: "candle", coin: this.o.coin, interval: this.o.interval }, (d, ts) => this.onPush(d, ts)));
    this.unsubs.push(this.o.ws.onReconnect(() => void this.backfill("reconnect")));
    if (this.needBackfill) void this.backfill("start");
  }

  stop(): void {
    for (const u of this.unsubs) u();
    this.unsubs = [];
  }

  /** Resolves when no backfill is running (tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.backfilling) await this.backfilling;
  }

  /** Time-based close for quiet markets; call periodically with the local clock. */
  tick(now = this.o.clock.now()): void {
    const c = this.current;
    if (this.needBackfill && !this.backfilling) void this.backfill("retry");
    else if (c && now > c.T + (this.o.closeGraceMs ?? 2_000) && !this.backfilling) void this.backfill("close-by-time");
  }

  private onPush(data: unknown, tsInit: number): void {
    this.stats.pushes++;
    let c: Candle;
    try {
      c = parseCandle(data, tsInit, `candle ${this.o.coin} ${this.o.interval}`);
    } catch (e) {
      this.o.log?.warn("Dropping malformed candle push", { error: (e as Error).message });
      return;
    }
    if (this.backfilling || this.needBackfill) {
      this.hold(c);
      return;
    }
    this.apply(c, tsInit);
  }

  private apply(c: Candle, tsInit: number): void {
    if (c.t <= this.lastOpen) {
      this.stats.droppedStale++;
      return;
    }
    const cur = this.current;
    if (cur && c.t > cur.t) {
      this.emit(cur, tsInit, "push");
      this.current = null;
    }
    const expectedNext = this.lastOpen === -Infinity ? c.t : nextOpen(this.lastOpen, this.o.interval);
    if (c.t > expectedNext) {
      // Pushes skipped candles (or we started mid-stream with a known lastOpen): backfill the gap first.
      this.hold(c);
      this.needBackfill = true;
      void this.backfill("gap");
      return;
    }
    if (!this.current || c.t >= this.current.t) this.current = c;
  }

  /** Buffers a push while backfilling; only the latest state per open time is kept. */
  private hold(c: Candle): void {
    const last = this.buffer[this.buffer.length - 1];
    if (last && last.t === c.t) this.buffer[this.buffer.length - 1] = c;
    else this.buffer.push(c);
  }

  private emit(c: Candle, tsInit: number, via: "push" | "backfill"): void {
    if (c.t <= this.lastOpen) return;
    this.lastOpen = c.t;
    this.stats.emitted++;
    if (via === "push") this.stats.emittedByPush++;
    else this.stats.emittedByBackfill++;
    this.o.onBar({
      instrumentId: this.o.instrumentId, tsEvent: c.t, tsInit, intervalMs: this.intervalMs,
      open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, index: this.index++,
    });
  }

  private backfill(reason: string): Promise<void> {
    if (this.backfilling) return this.backfilling;
    const run = async (): Promise<void> => {
      this.stats.backfills++;
      const now = this.o.clock.now();
      const from = this.lastOpen === -Infinity ? (this.current?.t ?? now) : nextOpen(this.lastOpen, this.o.interval);
      try {
        if (from < now) {
          for await (const page of walkCandles(this.o.http, { coin: this.o.coin, interval: this.o.interval, start: from, end: now + 1 }, { now: () => this.o.clock.now() })) {
            for (const c of page.candles) this.emit(c, c.tsInit, "backfill");
          }
        }
        this.needBackfill = false;
      } catch (e) {
        this.needBackfill = true;
        this.o.log?.warn("Candle backfill failed; will retry", { reason, error: (e as Error).message });
      }
      if (this.current && this.current.t <= this.lastOpen) this.current = null;
    };
    this.backfilling = run().finally(() => {
      this.backfilling = null;
      if (this.needBackfill) return; // failed: keep buffering until tick() retries
      const pending = this.buffer;
      this.buffer = [];
      for (const c of pending) {
        if (this.backfilling || this.needBackfill) this.hold(c);
        else this.apply(c, c.tsInit);
      }
    });
    return this.backfilling;
  }
}
