/**
 * The fake reproduces the documented venue behaviour on real candles: /info shapes with string
 * numbers, the candleSnapshot overlap rule, the 5000-most-recent rule, the per-response cap,
 * in-progress candles, HTTP 422 for bodies the venue cannot deserialise, and the WS protocol
 * (ack, duplicate/unknown errors, ping/pong, candle pushes).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { waitUntil } from "./wait.ts";
import { binanceMinuteCandles, hyperliquidCandles, startHyperliquidFake } from "./index.ts";
import type { WireCandle } from "../../../venues/hyperliquid/types.ts";

const post = async (url: string, body: unknown) => {
  const r = await fetch(url + "/info", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: r.status, type: r.headers.get("content-type"), body: r.headers.get("content-type")?.includes("json") ? await r.json() : await r.text() };
};

const hl = hyperliquidCandles();
const btc1h = hl.get("BTC:1h")!;
const fake = startHyperliquidFake();
afterAll(() => fake.stop());

describe("POST /info", () => {
  test("meta and allMids use the venue shapes (string numbers)", async () => {
    const meta = await post(fake.url, { type: "meta" });
    expect(meta.type).toContain("application/json");
    expect((meta.body as { universe: { name: string; szDecimals: number }[] }).universe.map((u) => [u.name, u.szDecimals])).toEqual([["BTC", 5], ["ETH", 4], ["SOL", 2]]);
    const mids = (await post(fake.url, { type: "allMids" })).body as Record<string, unknown>;
    expect(typeof mids.BTC).toBe("string");
    // mid is centred on the real last close of the finest BTC series (15m)
    const last15 = hl.get("BTC:15m")!.at(-1)!;
    expect(Math.abs(Number(mids.BTC) / Number(last15.c) - 1)).toBeLessThan(0.001);
  });

  test("candleSnapshot: first candle contains startTime, last contains endTime; real values verbatim", async () => {
    const a = btc1h[100]!;
    const b = btc1h[123]!;
    const r = await post(fake.url, { type: "candleSnapshot", req: { coin: "BTC", interval: "1h", startTime: a.t + 1234, endTime: b.t + 999 } });
    const got = r.body as WireCandle[];
    expect(got.length).toBe(24);
    expect(got[0]).toEqual(a);
    expect(got.at(-1)).toEqual(b);
    expect(typeof got[0]!.o).toBe("string");
    expect(got[0]!.T).toBe(got[0]!.t + 3_600_000 - 1);
  });

  test("aggregated intervals (2h from real 1h) are complete buckets", async () => {
    const r = (await post(fake.url, { type: "candleSnapshot", req: { coin: "BTC", interval: "2h", startTime: btc1h[0]!.t, endTime: btc1h[0]!.t + 86_400_000 } })).body as WireCandle[];
    expect(r.length).toBeGreaterThan(5);
    const first = r[0]!;
    const parts = btc1h.filter((c) => c.t >= first.t && c.t <= first.T);
    expect(parts.length).toBe(2);
    expect(first.o).toBe(parts[0]!.o);
    expect(first.c).toBe(parts[1]!.c);
    expect(Number(first.h)).toBe(Math.max(Number(parts[0]!.h), Number(parts[1]!.h)));
  });

  test("bodies the venue cannot deserialise → 422 text/plain", async () => {
    const flat = await post(fake.url, { type: "candleSnapshot", coin: "BTC", interval: "1h", startTime: 0 });
    expect(flat.status).toBe(422);
    expect(flat.type).toContain("text/plain");
    expect(String(flat.body)).toStartWith("Failed to deserialize the JSON body into the target type");
    expect((await post(fake.url, { type: "nope" })).status).toBe(422);
    expect((await post(fake.url, { type: "candleSnapshot", req: { coin: "BTC", interval: "7m", startTime: 0 } })).status).toBe(422);
  });

  test("l2Book: 20-level real-shaped book, best first; unknown coin → null", async () => {
    const b = (await post(fake.url, { type: "l2Book", coin: "BTC" })).body as { levels: { px: string; sz: string; n: number }[][] };
    expect(b.levels[0]!.length).toBeGreaterThan(10);
    expect(Number(b.levels[0]![0]!.px)).toBeGreaterThan(Number(b.levels[0]![1]!.px));
    expect(Number(b.levels[1]![0]!.px)).toBeLessThan(Number(b.levels[1]![1]!.px));
    expect(Number(b.levels[0]![0]!.px)).toBeLessThan(Number(b.levels[1]![0]!.px));
    expect((await post(fake.url, { type: "l2Book", coin: "DOGE" })).body).toBeNull();
  });
});

describe("retention and caps", () => {
  test("only the most recent 5000 1m candles are reachable; response cap applies", async () => {
    const minutes = binanceMinuteCandles("BTC", 6000);
    const f = startHyperliquidFake({ candles: minutes, responseCap: 500 });
    try {
      const r = (await post(f.url, { type: "candleSnapshot", req: { coin: "BTC", interval: "1m", startTime: minutes[0]!.t, endTime: minutes.at(-1)!.t } })).body as WireCandle[];
      expect(r.length).toBe(500);
      expect(r[0]).toEqual(minutes[1000]!); // 6000 − 5000: older candles are gone
      const tail = (await post(f.url, { type: "candleSnapshot", req: { coin: "BTC", interval: "1m", startTime: minutes[5800]!.t, endTime: minutes.at(-1)!.t } })).body as WireCandle[];
      expect(tail.length).toBe(200);
    } finally {
      await f.stop();
    }
  });

  test("the candle containing now is served in progress and ends at the real values", async () => {
    const minutes = binanceMinuteCandles("ETH", 100);
    const base = hyperliquidCandles(); // 15m data has no finer source: partial path is synthesised
    const c15 = base.get("ETH:15m")!.slice(0, 8);
    const f = startHyperliquidFake({ candles: [...minutes, ...c15], now: c15[3]!.t + 5 * 60_000 });
    try {
      const cur = (await post(f.url, { type: "candleSnapshot", req: { coin: "ETH", interval: "15m", startTime: c15[3]!.t, endTime: c15[3]!.t } })).body as WireCandle[];
      expect(cur.length).toBe(1);
      expect(cur[0]!.o).toBe(c15[3]!.o);
      expect(Number(cur[0]!.v)).toBeLessThan(Number(c15[3]!.v));
    } finally {
      await f.stop();
    }
    // 5m aggregated from real 1m: the in-progress 5m candle is built from the closed 1m candles only
    const g = startHyperliquidFake({ candles: minutes, now: minutes[7]!.t + 30_000 });
    try {
      const five = (await post(g.url, { type: "candleSnapshot", req: { coin: "ETH", interval: "5m", startTime: minutes[7]!.t, endTime: minutes[7]!.t } })).body as WireCandle[];
      const open5 = Math.floor(minutes[7]!.t / 300_000) * 300_000;
      const done = minutes.filter((m) => m.t >= open5 && m.T < g.now());
      expect(done.length).toBeGreaterThan(0);
      expect(five[0]!.c).toBe(done.at(-1)!.c);
      expect(five[0]!.o).toBe(done[0]!.o);
    } finally {
      await g.stop();
    }
  });
});

describe("WebSocket /ws", () => {
  test("subscribe ack, duplicate and unknown errors, ping/pong, candle pushes on setNow", async () => {
    const minutes = binanceMinuteCandles("SOL", 30);
    const f = startHyperliquidFake({ candles: minutes, now: minutes[10]!.t + 1 });
    const ws = new WebSocket(f.wsUrl);
    const got: { channel: string; data?: unknown }[] = [];
    const waitFor = (pred: () => boolean) => waitUntil(pred, "ws messages");
    ws.onmessage = (e) => got.push(JSON.parse(String(e.data)));
    await new Promise((r) => (ws.onopen = r));
    try {
      const sub = { type: "candle", coin: "SOL", interval: "1m" };
      ws.send(JSON.stringify({ method: "subscribe", subscription: sub }));
      ws.send(JSON.stringify({ method: "subscribe", subscription: sub }));
      ws.send(JSON.stringify({ method: "subscribe", subscription: { type: "candle", coin: "NOPE", interval: "1m" } }));
      ws.send(JSON.stringify({ method: "ping" }));
      await waitFor(() => got.some((m) => m.channel === "pong"));
      expect(got[0]).toEqual({ channel: "subscriptionResponse", data: { method: "subscribe", subscription: sub } });
      expect(got.filter((m) => m.channel === "error").map((m) => String(m.data).split(":")[0]!.split(" {")[0])).toEqual(["Already subscribed", "Invalid subscription"]);
      // initial push: the in-progress candle containing now
      const initial = got.find((m) => m.channel === "candle")!.data as WireCandle;
      expect(initial.t).toBe(minutes[10]!.t);
      got.length = 0;
      f.setNow(minutes[12]!.t + 30_000);
      await waitFor(() => got.filter((m) => m.channel === "candle").length === 3);
      const pushed = got.map((m) => m.data as WireCandle);
      expect(pushed[0]).toEqual(minutes[10]!); // closed → the real candle
      expect(pushed[1]).toEqual(minutes[11]!);
      expect(pushed[2]!.t).toBe(minutes[12]!.t); // in progress
      expect(pushed[2]!.T).toBeGreaterThan(f.now());
      ws.send(JSON.stringify({ method: "unsubscribe", subscription: sub }));
      ws.send(JSON.stringify({ method: "unsubscribe", subscription: sub }));
      await waitFor(() => got.some((m) => m.channel === "error"));
      expect(String(got.find((m) => m.channel === "error")!.data)).toStartWith("Already unsubscribed");
    } finally {
      ws.close();
      await f.stop();
    }
  });
});
