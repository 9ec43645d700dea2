/** Backoff, sliding-window weight budget and nonce rules (property-style, synthetic clocks). */
import { expect, test } from "bun:test";
import { SeededRng } from "../../core/index.ts";
import { NonceManager } from "./nonce.ts";
import { backoffDelay, WeightLimiter } from "./retry.ts";

test("full-jitter backoff stays within [0, min(max, base·2^n)] and honours Retry-After", () => {
  const rng = new SeededRng(3);
  const p = { retries: 6, baseMs: 250, maxMs: 15_000 };
  for (let n = 0; n < 10; n++) {
    const d = backoffDelay(p, n, () => rng.next());
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThanOrEqual(Math.min(15_000, 250 * 2 ** n));
  }
  expect(backoffDelay(p, 0, () => 0, 2_000)).toBe(2_000);
});

test("weight limiter: no trailing 60 s window ever exceeds the budget (random request sizes)", async () => {
  let t = 0;
  const log: { t: number; w: number }[] = [];
  const lim = new WeightLimiter({ capacity: 1200, windowMs: 60_000, now: () => t, sleep: async (ms) => void (t += ms) });
  const rng = new SeededRng(11);
  for (let i = 0; i < 400; i++) {
    const base = rng.next() < 0.5 ? 2 : 20;
    await lim.acquire(base);
    const extra = base === 20 ? rng.int(84) : 0; // candleSnapshot: +1 per 60 of up to 5000 candles
    lim.debit(extra);
    log.push({ t, w: base + extra });
    t += rng.int(50);
  }
  for (const e of log) {
    const used = log.filter((x) => x.t > e.t - 60_000 && x.t <= e.t).reduce((a, x) => a + x.w, 0);
    // a debit after the fact can overshoot by at most one reply's extra weight
    expect(used).toBeLessThanOrEqual(1200 + 83);
  }
  expect(lim.waitedMs).toBeGreaterThan(0);
});

test("nonces strictly increase even when the clock repeats or steps back", () => {
  const times = [1000, 1000, 1000, 999, 1005, 1005, 2000];
  let i = 0;
  const n = new NonceManager(() => times[i++]!);
  const got = times.map(() => n.next());
  expect(got).toEqual([1000, 1001, 1002, 1003, 1005, 1006, 2000]);
});
