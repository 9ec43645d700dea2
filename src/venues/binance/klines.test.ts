/** Binance klines client against the fake serving real USD-M 1m candles: pagination, filters, errors, retries. */
import { afterAll, describe, expect, test } from "bun:test";
import { VenueError } from "../../core/index.ts";
import { startBinanceFake } from "../../testkit/fakes/binance/index.ts";
import { BinanceKlinesClient, type Kline } from "./klines.ts";

const fake = startBinanceFake({ symbols: ["BTC"] });
afterAll(() => fake.stop());
const mins = fake.minutes("BTCUSDT");
const fast = { retries: 3, baseDelayMs: 1, maxDelayMs: 2 };

async function all(c: BinanceKlinesClient, start: number, end: number, interval = "1m", symbol = "BTCUSDT"): Promise<Kline[]> {
  const out: Kline[] = [];
  for await (const p of c.walk({ symbol, interval, start, end })) out.push(...p.klines);
  return out;
}

describe("BinanceKlinesClient", () => {
  test("walks 4000 real 1m klines in 1500-row pages, exact at both ends", async () => {
    const c = new BinanceKlinesClient({ baseUrl: fake.url, ...fast });
    const got = await all(c, mins[100]!.t, mins[4100]!.t);
    expect(got.length).toBe(4000);
    expect(got[0]!.t).toBe(mins[100]!.t);
    expect(got.at(-1)!.t).toBe(mins[4099]!.t);
    expect(got[1234]!.close).toBe(Number(mins[1334]!.c));
    expect(c.requests).toBe(3);
  });
  test("aggregated 1h klines from real minutes; never the open kline", async () => {
    const h0 = Math.ceil(mins[0]!.t / 3_600_000) * 3_600_000;
    fake.setNow(h0 + 5 * 3_600_000 + 600_000); // 10 minutes into the 6th hour
    try {
      const c = new BinanceKlinesClient({ baseUrl: fake.url, ...fast, now: () => fake.now() });
      const got = await all(c, h0, h0 + 10 * 3_600_000, "1h");
      expect(got.map((k) => k.t)).toEqual([0, 1, 2, 3, 4].map((i) => h0 + i * 3_600_000));
      const parts = mins.filter((m) => m.t >= h0 && m.t < h0 + 3_600_000);
      expect(got[0]!.open).toBe(Number(parts[0]!.o));
      expect(got[0]!.close).toBe(Number(parts.at(-1)!.c));
    } finally {
      fake.setNow(Number.MAX_SAFE_INTEGER);
    }
  });
  test("invalid symbol is a fix-input error naming Binance's message; 5xx/429 are retried", async () => {
    const c = new BinanceKlinesClient({ baseUrl: fake.url, ...fast });
    const e = await all(c, mins[0]!.t, mins[10]!.t, "1m", "NOPEUSDT").catch((x) => x);
    expect(e).toBeInstanceOf(VenueError);
    expect(e).toMatchObject({ code: "BN_INVALID_SYMBOL", action: "fix-input", status: 400 });
    expect(e.message).toContain("Invalid symbol.");
    fake.failNext(503, 429);
    expect((await all(c, mins[0]!.t, mins[10]!.t)).length).toBe(10);
    expect(c.retries).toBe(2);
  });
});
