/**
 * A live-mode bot end to end against the fake: closed bars from the WebSocket drive the engine,
 * its signals become signed market orders, fills come back on userFills and the engine's position
 * equals the venue's; warm-up bars come from candleSnapshot; the account leverage is set first.
 */
import { afterAll, expect, test } from "bun:test";
import type { Bar, SignalDirection } from "../../core/index.ts";
import type { Strategy } from "../../engine/index.ts";
import { binanceMinuteCandles, startHyperliquidFake, waitUntil } from "../../testkit/fakes/hyperliquid/index.ts";
import { AssetTable, Credentials, HyperliquidHttp } from "../../venues/hyperliquid/index.ts";
import { startLiveBot } from "./hyperliquid-bot.ts";

const KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
const ACCOUNT = "0x3333333333333333333333333333333333333333";
const minutes = binanceMinuteCandles("BTC", 200);
const fake = startHyperliquidFake({ candles: minutes, now: minutes[50]!.t + 1_000 });
afterAll(() => fake.stop());

test("live bot: warm-up, leverage, signals → signed orders → streamed fills booked like the venue", async () => {
  const credentials = new Credentials(KEY, ACCOUNT, "test");
  fake.addUser(ACCOUNT, 100_000, [credentials.signer]);
  const assets = AssetTable.fromMeta(await new HyperliquidHttp({ baseUrl: fake.url }).info({ type: "meta" }));
  const instrument = assets.instrument("BTC", 0, Number(minutes[0]!.c));
  // 20 warm-up bars (indices 0..19, through engine.warm) then live bars from index 20
  const script = new Map<number, SignalDirection>([[22, "long"], [26, "short"], [30, "exit"]]);
  const seen: { index: number; t: number }[] = [];
  const strategy: Strategy = { name: "scripted", warmup: 0, onBar: (b: Bar) => (seen.push({ index: b.index, t: b.tsEvent }), script.get(b.index) ?? null) };
  const bot = await startLiveBot({
    apiUrl: fake.url, wsUrl: fake.wsUrl, coin: "BTC", interval: "1m", instrument, strategy, warmupBars: 20,
    settings: { leverage: 3, capital: 100_000 }, clock: { now: () => fake.now() }, credentials, isMainnet: true,
  });
  try {
    expect(fake.accounts.get(ACCOUNT)!.leverage.get(0)).toEqual({ isCross: true, value: 3 });
    await waitUntil(() => fake.ws.subscribedKeys().has(`userFills:${ACCOUNT}`) && fake.ws.subscribedKeys().has("candle:BTC:1m"), "subscriptions");
    for (let i = 51; i <= 65; i++) {
      fake.setNow(minutes[i]!.t + 1_000);
      await waitUntil(() => bot.bars() === i - 50, `bar ${i}`);
    }
    await waitUntil(() => bot.fills.length === 4, "fills: long, flip-close, flip-open, exit");
    expect(bot.fills.map((f) => [f.side, f.liquidity])).toEqual([["buy", "taker"], ["sell", "taker"], ["sell", "taker"], ["buy", "taker"]]);
    expect(bot.engine.portfolio.position(0).qtyF).toBe(0);
    expect(fake.accounts.get(ACCOUNT)!.positions.get("BTC")!.szi).toBe(0);
    expect(new Set(fake.exchange.log.map((l) => l.signer))).toEqual(new Set([credentials.signer.toLowerCase()]));
    // warm-up then live: one contiguous stream of real minutes, no bar twice, indices 0..34
    expect(seen.map((x) => x.index)).toEqual(Array.from({ length: 35 }, (_, i) => i));
    expect(seen.map((x) => x.t)).toEqual(minutes.slice(30, 65).map((c) => c.t));
  } finally {
    bot.stop();
  }
});
