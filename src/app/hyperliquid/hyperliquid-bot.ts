/**
 * Composition of a Hyperliquid bot in paper or live mode: live closed bars (CandleFeed over the
 * WebSocket, with candleSnapshot warm-up and backfill) drive a TradingEngine whose venue is
 *  - paper: the PaperVenue with the SAME fill and fee arithmetic as the backtest simulator (engine
 *    marketFillPrice / restingFillPrice / FeeModel), so paper and backtest agree fill for fill on
 *    the same bars; optionally the live l2Book also fills orders and reaches the engine;
 *  - live: the HyperliquidLiveVenue (signed orders, fills from userFills), with credentials from
 *    env/secrets file only, the account leverage set from the settings, and the signing source
 *    chosen explicitly (`isMainnet`), never from the URL.
 * Only src/app wires concrete classes; bots and commands call this.
 */
import { INTERVALS, type Bar, type BaseError, type Clock, type FillEvent, type Instrument, type Interval, type OrderEvent } from "../../core/index.ts";
import { FeeModel, marketFillPrice, restingFillPrice, resolveSettings, SizingRiskManager, TradingEngine, type EngineListener, type EngineSettings, type ExecutionVenue, type Strategy } from "../../engine/index.ts";
import type { Logger } from "../../lib/logger.ts";
import { CandleFeed } from "../../collectors/hyperliquid/index.ts";
import {
  AssetTable, HyperliquidExchangeClient, HyperliquidHttp, HyperliquidLiveVenue, HyperliquidWs, NonceManager, PaperVenue,
  parseL2Book, walkCandles, type Credentials, type PaperFillModel,
} from "../../venues/hyperliquid/index.ts";

export function paperFillModel(s: Pick<EngineSettings, "feeRate" | "slippageBps">, makerFeeRate = s.feeRate): PaperFillModel {
  const fees = new FeeModel(s.feeRate, makerFeeRate);
  return {
    marketPrice: (i, side, ref) => marketFillPrice(i, side, ref, s.slippageBps),
    barPrice: restingFillPrice,
    commission: (i, p, q, l) => fees.commission(i, p, q, l),
  };
}

export interface BotOptions {
  readonly apiUrl: string;
  readonly wsUrl: string;
  readonly coin: string;
  readonly interval: Interval;
  readonly instrument: Instrument;
  readonly strategy: Strategy;
  readonly settings?: Partial<EngineSettings>;
  readonly clock: Clock;
  readonly listener?: EngineListener;
  /** Closed bars fetched before going live and fed through engine.warm (default: strategy.warmup). */
  readonly warmupBars?: number;
  /** Paper only: also fill against the live l2Book (default false: bar-driven fills, as a backtest). */
  readonly bookFills?: boolean;
  readonly log?: Logger;
  readonly reconnectBaseMs?: number;
}

export interface LiveBotOptions extends BotOptions {
  readonly credentials: Credentials;
  /** Sign with source "a" (mainnet) or "b" (config hyperliquid.testnet). */
  readonly isMainnet: boolean;
  /** Errors whose action is "stop" (unknown signer, margin, …): the caller should halt the bot. */
  readonly onStop?: (e: BaseError, order: OrderEvent) => void;
}

export interface HyperliquidBot {
  readonly engine: TradingEngine;
  readonly feed: CandleFeed;
  readonly ws: HyperliquidWs;
  readonly venue: ExecutionVenue;
  readonly fills: FillEvent[];
  bars(): number;
  stop(): void;
}

export function startPaperBot(o: BotOptions): Promise<HyperliquidBot> {
  const settings = resolveSettings(o.settings);
  const venue = new PaperVenue(paperFillModel(settings));
  return assemble(o, settings, venue, (ws, engine) => {
    if (!o.bookFills) return;
    ws.subscribe({ type: "l2Book", coin: o.coin }, (d, ts) => {
      const book = parseL2Book(d, o.instrument.id, ts);
      venue.onBook(book);
      engine.processBook(book);
    });
  });
}

export async function startLiveBot(o: LiveBotOptions): Promise<HyperliquidBot> {
  const settings = resolveSettings(o.settings);
  const http = new HyperliquidHttp({ baseUrl: o.apiUrl });
  const assets = AssetTable.fromMeta(await http.info({ type: "meta" }));
  const client = new HyperliquidExchangeClient({ http, assets, credentials: o.credentials, nonces: new NonceManager(() => Date.now()), isMainnet: o.isMainnet });
  await client.updateLeverage(o.coin, settings.leverage, true);
  let mid: number | undefined;
  const ws = new HyperliquidWs({ url: o.wsUrl, log: o.log, ...(o.reconnectBaseMs !== undefined ? { reconnectBaseMs: o.reconnectBaseMs } : {}) });
  ws.subscribe({ type: "allMids" }, (d) => {
    const m = Number((d as { mids?: Record<string, string> }).mids?.[o.coin]);
    if (m > 0) mid = m;
  });
  const venue = new HyperliquidLiveVenue({
    client, ws, account: o.credentials.account, sessionId: Date.now(), midOf: () => mid, log: o.log,
    onError: (e, order) => o.onStop?.(e, order),
  });
  return assemble(o, settings, venue, () => {}, ws, http);
}

async function assemble(o: BotOptions, settings: EngineSettings, venue: ExecutionVenue, extra: (ws: HyperliquidWs, engine: TradingEngine) => void, ws0?: HyperliquidWs, http0?: HyperliquidHttp): Promise<HyperliquidBot> {
  const http = http0 ?? new HyperliquidHttp({ baseUrl: o.apiUrl });
  const ws = ws0 ?? new HyperliquidWs({ url: o.wsUrl, log: o.log, ...(o.reconnectBaseMs !== undefined ? { reconnectBaseMs: o.reconnectBaseMs } : {}) });
  const fills: FillEvent[] = [];
  const user = o.listener;
  const engine = new TradingEngine({
    feeds: [{ instrument: o.instrument, strategy: o.strategy }],
    venue,
    risk: new SizingRiskManager(settings),
    clock: o.clock,
    capital: settings.capital,
    seed: settings.seed,
    listener: { ...user, onFill: (f) => (fills.push(f), user?.onFill?.(f)) },
  });
  const ms = INTERVALS[o.interval];
  let lastOpen: number | undefined;
  let warmed = 0;
  const warm = o.warmupBars ?? o.strategy.warmup;
  if (warm > 0) {
    const now = o.clock.now();
    const got: Bar[] = [];
    for await (const p of walkCandles(http, { coin: o.coin, interval: o.interval, start: now - (warm + 2) * ms, end: now }, { now: () => o.clock.now() })) {
      for (const c of p.candles) got.push({ instrumentId: o.instrument.id, tsEvent: c.t, tsInit: c.tsInit, intervalMs: ms, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, index: got.length });
    }
    // Warm-up bars are indices 0..k-1 of the stream; live bars continue at k.
    for (const b of got.slice(-warm)) engine.warm({ ...b, index: warmed++ });
    lastOpen = got.at(-1)?.tsEvent;
  }
  let bars = 0;
  const feed = new CandleFeed({
    ws, http, coin: o.coin, interval: o.interval, instrumentId: o.instrument.id, clock: o.clock, log: o.log, firstIndex: warmed,
    ...(lastOpen !== undefined ? { lastOpen } : {}),
    onBar: (bar) => {
      bars++;
      engine.processBar(bar);
    },
  });
  const bot: HyperliquidBot = { engine, feed, ws, venue, fills, bars: () => bars, stop: () => (feed.stop(), ws.close()) };
  extra(ws, engine);
  feed.start();
  ws.start();
  return bot;
}
