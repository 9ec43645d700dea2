/**
 * WebSocket client against the fake: real captured l2Book/trades messages routed to handlers and
 * parsed, heartbeat keeping an idle-closing server happy, pong-timeout reconnect, reconnect with
 * resubscribe after a drop.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { startHyperliquidFake, waitUntil } from "../../testkit/fakes/hyperliquid/index.ts";
import { parseL2Book, parseTrades } from "./parse.ts";
import { HyperliquidWs } from "./ws.ts";
import type { BookSnapshot, TradeTick } from "../../core/index.ts";

const fake = startHyperliquidFake();
const idleFake = startHyperliquidFake({ idleCloseMs: 300 });
afterAll(async () => {
  await fake.stop();
  await idleFake.stop();
});

describe("HyperliquidWs", () => {
  test("routes the real capture: 46 l2Book snapshots and 9 trades messages, with receive times", async () => {
    const ws = new HyperliquidWs({ url: fake.wsUrl });
    const books: BookSnapshot[] = [];
    const trades: TradeTick[] = [];
    ws.subscribe({ type: "l2Book", coin: "BTC" }, (d, ts) => books.push(parseL2Book(d, 0, ts)));
    ws.subscribe({ type: "trades", coin: "BTC" }, (d, ts) => trades.push(...parseTrades(d, 0, ts)));
    ws.start();
    try {
      // The fake sends one l2Book snapshot right after the l2Book ack; wait for it, then drop it.
      await waitUntil(() => fake.ws.subscribedKeys().has("trades:BTC") && books.length === 1, "subscriptions");
      books.length = 0;
      fake.replayCapture();
      await waitUntil(() => books.length === 46 && trades.length >= 9, "capture");
      expect(books[0]!.bids.length).toBe(20);
      expect(books[0]!.bids[0]!.price).toBe(105055);
      expect(books[0]!.tsEvent).toBeLessThan(books[0]!.tsInit);
      expect(trades[0]).toMatchObject({ price: 105056, size: 0.00219, side: "buy", tradeId: "121451470284048" });
    } finally {
      ws.close();
    }
  });

  test("heartbeat pings keep an idle-closing server from dropping the connection", async () => {
    const ws = new HyperliquidWs({ url: idleFake.wsUrl, pingIntervalMs: 20, pongTimeoutMs: 1000 });
    ws.start();
    try {
      await waitUntil(() => ws.stats.pongs >= 35, "pongs"); // ≈ 700 ms > 2 idle windows of 300 ms
      expect(ws.stats.connects).toBe(1);
      expect(ws.stats.reconnects).toBe(0);
    } finally {
      ws.close();
    }
  });

  test("no pong within the timeout → reconnect", async () => {
    const mute = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (r, s) => (s.upgrade(r) ? undefined : new Response("")), websocket: { message() {} } });
    const ws = new HyperliquidWs({ url: `ws://127.0.0.1:${mute.port}/ws`, pingIntervalMs: 10, pongTimeoutMs: 30, reconnectBaseMs: 1, reconnectMaxMs: 5 });
    ws.start();
    try {
      await waitUntil(() => ws.stats.reconnects >= 2, "reconnects");
    } finally {
      ws.close();
      await mute.stop(true);
    }
  });

  test("after a drop it reconnects with backoff, resubscribes and notifies", async () => {
    const ws = new HyperliquidWs({ url: fake.wsUrl, reconnectBaseMs: 5, reconnectMaxMs: 20 });
    let notified = 0;
    ws.onReconnect(() => notified++);
    ws.subscribe({ type: "allMids" }, () => {});
    ws.start();
    try {
      await waitUntil(() => fake.ws.subscribedKeys().has("allMids"), "subscribe");
      fake.setWsAvailable(false);
      fake.dropConnections();
      await waitUntil(() => ws.state === "reconnecting", "reconnecting");
      expect(fake.ws.subscribedKeys().has("allMids")).toBe(false);
      fake.setWsAvailable(true);
      await waitUntil(() => notified === 1 && fake.ws.subscribedKeys().has("allMids"), "resubscribed");
      expect(ws.stats.reconnects).toBe(1);
    } finally {
      ws.close();
    }
  });
});
