/**
 * Candle sources for fetch-data behind one shape: an async stream of pages of closed candles in
 * ascending open time. Hyperliquid (candleSnapshot walk, coin checked against `meta`) or Binance
 * USD-M klines (symbol "BTC" → "BTCUSDT"; unknown symbols come back as Binance error -1121).
 */
import { UsageError, VenueError, type Interval } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import { BinanceKlinesClient } from "../../venues/binance/index.ts";
import { AssetTable, HyperliquidHttp, walkCandles } from "../../venues/hyperliquid/index.ts";

export interface Row {
  readonly t: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export interface Page {
  readonly rows: readonly Row[];
  /** Open times before this have been covered. */
  readonly cursor: number;
}

export interface SourceStats {
  requests: number;
  retries: number;
}

export interface CandleSource {
  readonly venue: "hyperliquid" | "binance";
  /** The symbol as the venue names it. */
  readonly venueSymbol: string;
  readonly stats: SourceStats;
  pages(interval: Interval, start: number, end: number): AsyncIterable<Page>;
}

export interface SourceOptions {
  readonly baseUrl: string;
  readonly symbol: string;
  readonly log: Logger;
  readonly now: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export async function hyperliquidSource(o: SourceOptions): Promise<CandleSource> {
  const http = new HyperliquidHttp({
    baseUrl: o.baseUrl,
    sleep: o.sleep,
    random: o.random,
    onRetry: (e, attempt, delayMs) => o.log.warn("Retrying Hyperliquid request", { attempt, delayMs, error: e.message }),
  });
  const assets = AssetTable.fromMeta(await http.info({ type: "meta" }));
  const coin = assets.require(o.symbol, "symbol").name;
  const stats: SourceStats = { requests: 0, retries: 0 };
  return {
    venue: "hyperliquid",
    venueSymbol: coin,
    stats,
    async *pages(interval, start, end) {
      for await (const p of walkCandles(http, { coin, interval, start, end }, { now: o.now })) {
        stats.requests = http.requests;
        stats.retries = http.retries;
        yield { rows: p.candles.map((c) => ({ t: c.t, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume })), cursor: p.cursor };
      }
      stats.requests = http.requests;
      stats.retries = http.retries;
    },
  };
}

/** "BTC" → "BTCUSDT"; symbols that already carry a quote asset are kept. */
export function binanceSymbol(symbol: string): string {
  const s = symbol.toUpperCase().replace(/[-_/]/g, "");
  return /(USDT|USDC|BUSD|USD)$/.test(s) ? s : `${s}USDT`;
}

export function binanceSource(o: SourceOptions): CandleSource {
  const venueSymbol = binanceSymbol(o.symbol);
  const client = new BinanceKlinesClient({
    baseUrl: o.baseUrl,
    now: o.now,
    sleep: o.sleep,
    random: o.random,
    onRetry: (e, attempt, delayMs) => o.log.warn("Retrying Binance request", { attempt, delayMs, error: e.message }),
  });
  const stats: SourceStats = { requests: 0, retries: 0 };
  return {
    venue: "binance",
    venueSymbol,
    stats,
    async *pages(interval, start, end) {
      try {
        for await (const p of client.walk({ symbol: venueSymbol, interval, start, end })) {
          stats.requests = client.requests;
          stats.retries = client.retries;
          yield { rows: p.klines, cursor: p.cursor };
        }
      } catch (e) {
        if (e instanceof VenueError && e.code === "BN_INVALID_SYMBOL") {
          throw new UsageError(`--symbol: Binance USD-M has no symbol ${venueSymbol} (from "${o.symbol}")`, { flag: "symbol" });
        }
        throw e;
      }
      stats.requests = client.requests;
      stats.retries = client.retries;
    },
  };
}
