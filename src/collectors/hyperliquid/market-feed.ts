/**
 * Live market data other than candles: `trades`, `l2Book` and `allMids` subscriptions turned into
 * core events (TradeTick, BookSnapshot, and a mid Quote per coin from allMids), each with venue
 * time (tsEvent) and local receive time (tsInit). Malformed messages are counted and logged, never
 * passed on. Consumers are callbacks (the engine's processTrade/processBook, a paper venue, a bus
 * publisher); this module does no I/O of its own beyond the WebSocket client it is given.
 */
import type { BookSnapshot, Quote, TradeTick } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import { parseAllMids, parseL2Book, parseTrades, type HyperliquidWs } from "../../venues/hyperliquid/index.ts";

export interface MarketFeedOptions {
  readonly ws: Pick<HyperliquidWs, "subscribe">;
  /** coin → dense instrument id. */
  readonly instruments: ReadonlyMap<string, number>;
  readonly onTrade?: (t: TradeTick) => void;
  readonly onBook?: (b: BookSnapshot) => void;
  /** allMids → one Quote per known coin with bid = ask = mid (sizes 0: a mid, not a book). */
  readonly onMid?: (q: Quote) => void;
  readonly log?: Logger;
}

export class MarketFeed {
  readonly stats = { trades: 0, books: 0, mids: 0, malformed: 0 };
  private unsubs: (() => void)[] = [];

  constructor(private readonly o: MarketFeedOptions) {}

  start(): void {
    const { ws, instruments } = this.o;
    for (const [coin, id] of instruments) {
      if (this.o.onTrade) {
        this.unsubs.push(ws.subscribe({ type: "trades", coin }, (d, ts) => this.guard("trades", () => {
          for (const t of parseTrades(d, id, ts)) {
            this.stats.trades++;
            this.o.onTrade!(t);
          }
        })));
      }
      if (this.o.onBook) {
        this.unsubs.push(ws.subscribe({ type: "l2Book", coin }, (d, ts) => this.guard("l2Book", () => {
          this.stats.books++;
          this.o.onBook!(parseL2Book(d, id, ts));
        })));
      }
    }
    if (this.o.onMid) {
      this.unsubs.push(ws.subscribe({ type: "allMids" }, (d, ts) => this.guard("allMids", () => {
        for (const [coin, mid] of parseAllMids(d)) {
          const id = instruments.get(coin);
          if (id === undefined) continue;
          this.stats.mids++;
          // allMids carries no venue time: the receive time is the best event time we have.
          this.o.onMid!({ instrumentId: id, tsEvent: ts, tsInit: ts, bid: mid, bidSize: 0, ask: mid, askSize: 0 });
        }
      })));
    }
  }

  stop(): void {
    for (const u of this.unsubs) u();
    this.unsubs = [];
  }

  private guard(channel: string, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.stats.malformed++;
      this.o.log?.warn("Dropping malformed Hyperliquid message", { channel, error: (e as Error).message });
    }
  }
}
