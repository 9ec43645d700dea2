/**
 * ExactSum against plain bigint arithmetic: random small and huge terms (past 2^52 per term and
 * past 2^53 whole units in total, which switch it to a bigint), exact value and toNumber after
 * every step, and set/get round trips of negative and huge values.
 */
import { describe, expect, test } from "bun:test";
import { SeededRng } from "../core/index.ts";
import { ExactSum } from "./exact-sum.ts";
import { toNumber } from "./exact.ts";

function term(rng: SeededRng): bigint {
  const mag = rng.int(4);
  const base = BigInt(rng.int(1_000_000_000)) * BigInt(1 + rng.int(1_000_000));
  const v = mag === 0 ? BigInt(rng.int(1000)) : mag === 1 ? base : mag === 2 ? base * 10n ** 6n : base * 10n ** 15n;
  return rng.int(2) === 0 ? -v : v;
}

describe("ExactSum", () => {
  for (const seed of [1, 2, 3]) {
    test(`seed ${seed}: add/sub match bigint sums exactly, toNumber matches toNumber(value)`, () => {
      const rng = new SeededRng(seed);
      let ref = BigInt(rng.int(1_000_000)) * 10n ** 12n;
      const s = new ExactSum(ref);
      let sawBig = false;
      for (let k = 0; k < 3000; k++) {
        const t = term(rng);
        if (rng.int(2) === 0) {
          s.add(t);
          ref += t;
        } else {
          s.sub(t);
          ref -= t;
        }
        expect(s.value).toBe(ref);
        expect(s.toNumber()).toBe(toNumber(ref));
        const x = rng.int(2_000_000_000_000) - 1_000_000_000_000;
        expect(s.toNumberPlus(x)).toBe(toNumber(ref + BigInt(x)));
        if (ref > 10n ** 28n || ref < -(10n ** 28n)) sawBig = true;
      }
      expect(sawBig).toBe(true);
    });
  }
  test("set/get round trips, including negatives and values past 2^53 whole units", () => {
    for (const v of [0n, 1n, -1n, 999_999_999_999n, -1_000_000_000_000n, 123n * 10n ** 12n + 7n, -(10n ** 40n) - 3n, 10n ** 40n, BigInt(Number.MAX_SAFE_INTEGER) * 10n ** 12n + 999_999_999_999n]) {
      const s = new ExactSum(v);
      expect(s.value).toBe(v);
      expect(s.toNumber()).toBe(toNumber(v));
      s.add(5n);
      expect(s.value).toBe(v + 5n);
    }
  });
});
