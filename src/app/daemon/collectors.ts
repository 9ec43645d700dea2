/**
 * Candle collectors run by the daemon (`daemon.collectors = ["hyperliquid:BTC:1m", …]`): closed
 * candles from the Hyperliquid WebSocket (the collector's CandleFeed: backfill after reconnects,
 * no gaps, no duplicates) go into the hot tier and, through the ingest pipeline, the warm tier,
 * where bots can replay them (`feed.tier`) and tiering later moves them to cold. With the venue
 * unreachable the WebSocket keeps reconnecting and the collector reports it in /api/health.
 */
import { INTERVALS, type Bar, type Clock, type Interval } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import { CandleFeed } from "../../collectors/hyperliquid/index.ts";
import { HyperliquidHttp, HyperliquidWs, type WsStatus } from "../../venues/hyperliquid/index.ts";
import { candleBatchFromSeries, type StorageRuntime } from "../../storage/index.ts";
import type { BarSeries } from "../../engine/index.ts";
import type { HealthComponent } from "../../api/index.ts";

export interface CollectorStatus {
  readonly name: string;
  bars: number;
  lastBarOpen: number | null;
  ws: WsStatus;
}

export class CandleCollectors {
  private readonly ws: HyperliquidWs;
  private readonly feeds: CandleFeed[] = [];
  private readonly status: CollectorStatus[] = [];
  private ticker: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly specs: readonly string[],
    private readonly storage: StorageRuntime,
    private readonly o: { apiUrl: string; wsUrl: string; clock: Clock; log: Logger },
  ) {
    this.ws = new HyperliquidWs({ url: o.wsUrl, log: o.log, now: () => o.clock.now() });
  }

  start(): void {
    if (this.specs.length === 0) return;
    const http = new HyperliquidHttp({ baseUrl: this.o.apiUrl });
    for (const name of this.specs) {
      const [, coin, interval] = name.split(":") as [string, string, Interval];
      const st: CollectorStatus = { name, bars: 0, lastBarOpen: null, ws: "connecting" };
      this.status.push(st);
      this.feeds.push(
        new CandleFeed({
          ws: this.ws,
          http,
          coin,
          interval,
          instrumentId: 0,
          clock: this.o.clock,
          log: this.o.log,
          onBar: (bar) => {
            this.store(bar, coin, interval);
            st.bars++;
            st.lastBarOpen = bar.tsEvent;
          },
        }),
      );
    }
    this.ws.onStatus((s) => {
      for (const st of this.status) st.ws = s;
    });
    for (const f of this.feeds) f.start();
    this.ws.start();
    this.ticker = setInterval(() => {
      for (const f of this.feeds) f.tick();
    }, 5000);
  }

  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    for (const f of this.feeds) f.stop();
    this.ws.close();
  }

  health(): Record<string, HealthComponent> {
    const out: Record<string, HealthComponent> = {};
    for (const s of this.status) {
      const live = s.ws === "open";
      out[`collector:${s.name}`] = {
        status: live ? "ok" : "degraded",
        message: live ? `${s.bars} candles collected` : `venue unreachable, retrying (${s.ws}); ${s.bars} candles collected`,
      };
    }
    return out;
  }

  private store(bar: Bar, coin: string, interval: Interval): void {
    const one = (v: number): Float64Array => Float64Array.of(v);
    const series: BarSeries = {
      symbol: coin,
      venue: "hyperliquid",
      intervalMs: INTERVALS[interval],
      length: 1,
      tsEvent: one(bar.tsEvent),
      open: one(bar.open),
      high: one(bar.high),
      low: one(bar.low),
      close: one(bar.close),
      volume: one(bar.volume),
      source: `collector hyperliquid:${coin}:${interval}`,
    };
    this.storage.hot.appendBars(series, interval);
    if (!this.storage.sink(candleBatchFromSeries(series, { venue: "hyperliquid", symbol: coin, interval }))) {
      this.o.log.warn("Warm tier ingest is behind; candle buffered", { collector: `${coin}:${interval}` });
    }
  }
}
