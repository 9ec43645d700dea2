import { describe, expect, test } from "bun:test";
import { Backoff } from "./backoff.ts";

describe("Backoff", () => {
  test("doubles up to the cap with equal jitter, and resets", () => {
    const lo = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0 });
    expect([1, 2, 3, 4, 5, 6].map(() => lo.next())).toEqual([50, 100, 200, 400, 500, 500]);
    expect(lo.attempt).toBe(6);
    lo.reset();
    expect(lo.attempt).toBe(0);
    expect(lo.next()).toBe(50);
    const hi = new Backoff({ baseMs: 100, maxMs: 1000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5].map(() => hi.next())).toEqual([100, 200, 400, 800, 1000]);
  });

  test("never returns zero or more than the cap (property over random draws)", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const b = new Backoff({ baseMs: 250, maxMs: 5000, random: rnd });
    for (let i = 0; i < 200; i++) {
      const d = b.next();
      expect(d).toBeGreaterThanOrEqual(125);
      expect(d).toBeLessThanOrEqual(5000);
    }
  });

  test("rejects nonsense settings", () => {
    expect(() => new Backoff({ baseMs: 0 })).toThrow(/0 < baseMs <= maxMs/);
    expect(() => new Backoff({ baseMs: 500, maxMs: 100 })).toThrow(/got 500, 100/);
  });
});
