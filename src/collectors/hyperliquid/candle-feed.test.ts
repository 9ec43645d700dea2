/**
 * Closed-candle detection on real 1m candles replayed by the fake's WebSocket: every bar reaches
 * the consumer exactly once, when it closes, with the real values; after a disconnect the missed
 * bars are backfilled with no gap and no duplicate; a quiet market closes the bar by time; a
 * venue-side hole stays a hole.
 */
import { afterEach, describe, expect, test } from "bun:test";
import type { Bar } from "../../core/index.ts";
import { binanceMinuteCandles, startHyperliquidFake, waitUntil, type HyperliquidFake } from "../../testkit/fakes/hyperliquid/index.ts";
import type { WireCandle } from "../../venues/hyperliquid/types.ts";
import { HyperliquidHttp, HyperliquidWs } from "../../venues/hyperliquid/index.ts";
import { CandleFeed } from "./candle-feed.ts";

const minutes = binanceMinuteCandles("BTC", 400);
let fake: HyperliquidFake | null = null;
let ws: HyperliquidWs | null = null;
afterEach(async () => {
  ws?.close();
  await fake?.stop();
  fake = null;
  ws = null;
});

function setup(candles: readonly WireCandle[], startAt: number) {
  fake = startHyperliquidFake({ candles, now: candles[startAt]!.t + 10_000 });
  const f = fake;
  ws = new HyperliquidWs({ url: f.wsUrl, reconnectBaseMs: 2, reconnectMaxMs: 10 });
  const http = new HyperliquidHttp({ baseUrl: f.url, retry: { retries: 2, baseMs: 1, maxMs: 2 } });
  const bars: Bar[] = [];
  const feed = new CandleFeed({ ws, http, coin: "BTC", interval: "1m", instrumentId: 3, clock: { now: () => f.now() }, onBar: (b) => bars.push(b), closeGraceMs: 1_000 });
  feed.start();
  ws.start();
  return { f, feed, bars };
}

const expectReal = (bars: readonly Bar[], from: number) =>
  bars.forEach((b, i) => {
    const c = minutes[from + i]!;
    expect([b.tsEvent, b.open, b.high, b.low, b.close, b.volume, b.index]).toEqual([c.t, Number(c.o), Number(c.h), Number(c.l), Number(c.c), Number(c.v), i]);
  });

describe("CandleFeed", () => {
  test("in-progress pushes never become bars; each bar arrives once, when the next candle starts", async () => {
    const { f, bars } = setup(minutes, 10);
    await waitUntil(() => f.ws.subscribedKeys().has("candle:BTC:1m"), "subscribed");
    for (let i = 10; i < 60; i++) {
      f.setNow(minutes[i]!.t + 30_000); // mid-candle: an in-progress update of candle i
      f.setNow(minutes[i + 1]!.t + 5_000); // candle i final + candle i+1 in progress
      await waitUntil(() => bars.length === i - 9, `bar ${i}`);
    }
    expectReal(bars, 10);
    expect(bars.every((b) => b.instrumentId === 3 && b.intervalMs === 60_000 && b.tsInit >= b.tsEvent)).toBe(true);
  });

  test("a disconnect is backfilled from candleSnapshot: no gap, no duplicate", async () => {
    const { f, feed, bars } = setup(minutes, 10);
    await waitUntil(() => f.ws.subscribedKeys().has("candle:BTC:1m"), "subscribed");
    const step = async (i: number) => {
      f.setNow(minutes[i]!.t + 20_000);
      f.setNow(minutes[i]!.t + 40_000);
    };
    for (let i = 11; i <= 40; i++) await step(i);
    await waitUntil(() => bars.length === 30, "30 bars");
    f.setWsAvailable(false);
    f.dropConnections();
    await waitUntil(() => ws!.state === "reconnecting", "disconnected");
    for (let i = 41; i <= 70; i++) await step(i); // 30 minutes pass while we are offline
    f.setWsAvailable(true);
    await waitUntil(() => bars.length >= 59, "backfilled");
    for (let i = 71; i <= 100; i++) await step(i);
    await waitUntil(() => bars.length === 90, "90 bars");
    await feed.idle();
    expectReal(bars, 10);
    expect(feed.stats.emittedByBackfill).toBeGreaterThanOrEqual(29);
    expect(new Set(bars.map((b) => b.tsEvent)).size).toBe(bars.length);
  });

  test("quiet market: the bar is closed by time from the snapshot; a venue hole stays a hole", async () => {
    const holed = [...minutes.slice(0, 30), ...minutes.slice(33, 60)]; // minutes 30..32 never traded
    const { f, feed, bars } = setup(holed, 20);
    await waitUntil(() => f.ws.subscribedKeys().has("candle:BTC:1m"), "subscribed");
    for (let i = 21; i < 30; i++) f.setNow(minutes[i]!.t + 1_000);
    await waitUntil(() => bars.length === 9, "9 bars");
    f.setNow(minutes[31]!.t + 30_000); // no push: candle 29 is silent after its close
    feed.tick();
    await waitUntil(() => bars.length === 10, "closed by time");
    expect(bars[9]!.tsEvent).toBe(minutes[29]!.t);
    expect(feed.stats.emittedByBackfill).toBe(1);
    for (let i = 34; i < 40; i++) f.setNow(minutes[i]!.t + 1_000);
    await waitUntil(() => bars.length === 16, "after the hole");
    await feed.idle();
    expect(bars.map((b) => (b.tsEvent - minutes[20]!.t) / 60_000)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15, 16, 17, 18]);
  });
});
