/**
 * REST transport + candle pagination against the fake on real 1m candles: pagination under a
 * 500-candle response cap, the 5000-most-recent rule surfacing as a short result, dedupe/sort,
 * no open candle, retries on 429/5xx, fail-fast on 4xx, and the weight budget (a virtual clock
 * shared by client and fake proves the limiter avoids 429s that an unlimited client triggers).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { VenueError } from "../../core/index.ts";
import { binanceMinuteCandles, startHyperliquidFake } from "../../testkit/fakes/hyperliquid/index.ts";
import { expectedCandles, walkCandles } from "./candles.ts";
import { HyperliquidHttp } from "./http.ts";
import { WeightLimiter } from "./retry.ts";
import type { Candle } from "./parse.ts";

const minutes = binanceMinuteCandles("BTC", 6000);
const first = minutes[0]!.t;
const lastClosed = minutes.at(-2)!; // fake now is inside the last candle
const fakeNow = minutes.at(-1)!.t + 30_000;
const fast = { retries: 4, baseMs: 1, maxMs: 4 };

async function collect(http: HyperliquidHttp, start: number, end: number): Promise<Candle[]> {
  const out: Candle[] = [];
  for await (const page of walkCandles(http, { coin: "BTC", interval: "1m", start, end }, { now: () => fakeNow })) out.push(...page.candles);
  return out;
}

describe("walkCandles", () => {
  const fake = startHyperliquidFake({ candles: minutes, now: fakeNow, responseCap: 500 });
  afterAll(() => fake.stop());

  test("pages through a 500 cap; 5000-most-recent rule shows as a short result; never the open candle", async () => {
    const http = new HyperliquidHttp({ baseUrl: fake.url, retry: fast });
    const got = await collect(http, first, fakeNow + 60_000);
    const expected = expectedCandles({ coin: "BTC", interval: "1m", start: first, end: fakeNow + 60_000 }, fakeNow);
    expect(expected).toBe(5999);
    expect(got.length).toBe(4999); // 5000 retained, minus the one still open
    expect(got[0]!.t).toBe(minutes[1000]!.t);
    expect(got.at(-1)!.t).toBe(lastClosed.t);
    for (let i = 1; i < got.length; i++) expect(got[i]!.t).toBe(got[i - 1]!.t + 60_000);
    expect(got[17]!.close).toBe(Number(minutes[1017]!.c));
    expect(fake.stats.info.get("candleSnapshot")).toBe(10);
  });

  test("a range inside the retained window is complete and exact at both ends", async () => {
    const http = new HyperliquidHttp({ baseUrl: fake.url, retry: fast });
    const got = await collect(http, minutes[2000]!.t + 1, minutes[3200]!.t); // start mid-candle: that candle is excluded
    expect(got.length).toBe(1199);
    expect(got[0]!.t).toBe(minutes[2001]!.t);
    expect(got.at(-1)!.t).toBe(minutes[3199]!.t);
  });

  test("retries 5xx and 429 with backoff, fails fast on 4xx", async () => {
    const delays: number[] = [];
    const http = new HyperliquidHttp({ baseUrl: fake.url, retry: fast, onRetry: (_e, _a, d) => delays.push(d) });
    fake.failNext(500, 429, 503);
    const got = await collect(http, minutes[5000]!.t, minutes[5100]!.t);
    expect(got.length).toBe(100);
    expect(http.retries).toBe(3);
    expect(delays.length).toBe(3);
    fake.failNext(400);
    const err = await collect(http, minutes[5000]!.t, minutes[5100]!.t).catch((e) => e);
    expect(err).toBeInstanceOf(VenueError);
    expect(err).toMatchObject({ status: 400, action: "stop" });
    fake.failNext(500, 500, 500, 500, 500);
    const exhausted = await collect(http, minutes[5000]!.t, minutes[5100]!.t).catch((e) => e);
    expect(exhausted).toMatchObject({ code: "HL_SERVER", action: "retry" });
  });

  test("network errors are typed and retryable", async () => {
    const dead = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("") });
    const url = `http://127.0.0.1:${dead.port}`;
    await dead.stop(true);
    const http = new HyperliquidHttp({ baseUrl: url, retry: { retries: 1, baseMs: 1, maxMs: 1 } });
    const err = await http.info({ type: "meta" }).catch((e) => e);
    expect(err).toMatchObject({ code: "HL_NETWORK", action: "retry" });
    expect(http.requests).toBe(2);
  });
});

describe("weight budget", () => {
  test("client limiter matching the venue budget never triggers 429; an unlimited client does and recovers", async () => {
    let vt = 0;
    const now = () => vt;
    const sleep = async (ms: number) => {
      vt += ms;
    };
    const fake = startHyperliquidFake({ candles: minutes, now: fakeNow, responseCap: 500, weightLimit: { capacity: 100, windowMs: 60_000, now } });
    try {
      const limited = new HyperliquidHttp({ baseUrl: fake.url, retry: fast, sleep, limiter: new WeightLimiter({ capacity: 100, windowMs: 60_000, now, sleep }) });
      const got = await collect(limited, minutes[1000]!.t, minutes[3000]!.t);
      expect(got.length).toBe(2000);
      expect(fake.stats.rejected429).toBe(0);
      expect(limited.limiter.waitedMs).toBeGreaterThan(0);
      expect(limited.limiter.spent).toBe(fake.stats.weight); // same accounting on both sides

      const greedy = new HyperliquidHttp({ baseUrl: fake.url, retry: { retries: 20, baseMs: 5_000, maxMs: 60_000 }, sleep, random: () => 1, limiter: new WeightLimiter({ capacity: 1e9, now, sleep }) });
      const again = await collect(greedy, minutes[1000]!.t, minutes[3000]!.t);
      expect(again.length).toBe(2000);
      expect(fake.stats.rejected429).toBeGreaterThan(0);
    } finally {
      await fake.stop();
    }
  });
});

describe("every interval", () => {
  test("1m … 1M: ascending, aligned open times, T = next open − 1 (calendar months for 1M)", async () => {
    const { hyperliquidCandles } = await import("../../testkit/fakes/hyperliquid/index.ts");
    const { INTERVALS } = await import("../../core/index.ts");
    const { openOf, closeOf } = await import("./intervals.ts");
    const hl4h = hyperliquidCandles().get("BTC:4h")!;
    const fake = startHyperliquidFake({ candles: [...binanceMinuteCandles("BTC", 3 * 1440), ...hl4h], now: hl4h.at(-1)!.T + 1 });
    try {
      const http = new HyperliquidHttp({ baseUrl: fake.url, retry: fast });
      const counts: Record<string, number> = {};
      for (const interval of Object.keys(INTERVALS) as (keyof typeof INTERVALS)[]) {
        const got: Candle[] = [];
        for await (const p of walkCandles(http, { coin: "BTC", interval, start: Date.UTC(2020, 0, 1), end: fake.now() }, { now: () => fake.now() })) got.push(...p.candles);
        counts[interval] = got.length;
        for (let i = 0; i < got.length; i++) {
          expect(got[i]!.t).toBe(openOf(got[i]!.t, interval));
          expect(got[i]!.T).toBe(closeOf(got[i]!.t, interval));
          if (i > 0) expect(got[i]!.t).toBeGreaterThan(got[i - 1]!.t);
        }
      }
      // 3 days of real 1m candles from 2023-07-18 11:13 (first 3m/5m/…/1h bucket incomplete → dropped)
      // and the real 4h file 2026-06-04 → 2026-08-22 12:00 (1d/3d/1w/1M aggregated from it).
      expect(counts).toEqual({ "1m": 4320, "3m": 1439, "5m": 863, "15m": 287, "30m": 143, "1h": 71, "2h": 35, "4h": 478, "8h": 239, "12h": 159, "1d": 79, "3d": 25, "1w": 10, "1M": 1 });
      expect(Object.values(counts).every((n) => n > 0)).toBe(true);
    } finally {
      await fake.stop();
    }
  });
});
