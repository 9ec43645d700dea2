/** MarketFeed on the real capture replayed by the fake: trades, books and mids as core events with two timestamps. */
import { afterAll, expect, test } from "bun:test";
import type { BookSnapshot, Quote, TradeTick } from "../../core/index.ts";
import { captureLines, startHyperliquidFake, waitUntil } from "../../testkit/fakes/hyperliquid/index.ts";
import { HyperliquidWs } from "../../venues/hyperliquid/index.ts";
import { MarketFeed } from "./market-feed.ts";

const fake = startHyperliquidFake();
const capturedTrades = captureLines()
  .filter((l) => l.text.startsWith('{"channel":"trades"'))
  .reduce((n, l) => n + (JSON.parse(l.text).data as unknown[]).length, 0);
afterAll(() => fake.stop());

test("trades, l2Book and allMids become TradeTick / BookSnapshot / Quote with venue and receive times", async () => {
  const ws = new HyperliquidWs({ url: fake.wsUrl });
  const trades: TradeTick[] = [];
  const books: BookSnapshot[] = [];
  const mids: Quote[] = [];
  const feed = new MarketFeed({ ws, instruments: new Map([["BTC", 7], ["ETH", 8]]), onTrade: (t) => trades.push(t), onBook: (b) => books.push(b), onMid: (q) => mids.push(q) });
  feed.start();
  ws.start();
  try {
    await waitUntil(() => ["trades:BTC", "l2Book:ETH", "allMids"].every((k) => fake.ws.subscribedKeys().has(k)) && books.length >= 2, "subscriptions");
    books.length = 0;
    fake.replayCapture();
    fake.setNow(fake.now() + 60_000);
    await waitUntil(() => trades.length === capturedTrades && books.some((b) => b.instrumentId === 7 && b.bids[0]?.price === 105055) && mids.length >= 2, "events");
    expect(trades.every((t) => t.instrumentId === 7 && t.tsInit > t.tsEvent)).toBe(true);
    expect(trades.map((t) => t.side)).toContain("sell");
    expect(new Set(mids.map((m) => m.instrumentId))).toEqual(new Set([7, 8]));
    expect(feed.stats.malformed).toBe(0);
  } finally {
    feed.stop();
    ws.close();
  }
});
