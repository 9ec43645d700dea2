/** idText: decimal ids from chunk tables must equal String(n). */
import { describe, expect, test } from "bun:test";
import { SeededRng } from "../core/index.ts";
import { idText } from "./id-text.ts";

describe("idText", () => {
  test("equals String(n) across chunk boundaries", () => {
    for (const n of [0, 1, 9, 10, 999, 9999, 10_000, 10_001, 99_999_999, 100_000_000, 123_456_789_012, 2 ** 53]) expect(idText(n)).toBe(String(n));
    const rng = new SeededRng(3);
    for (let k = 0; k < 5000; k++) {
      const n = Math.floor(rng.next() * 10 ** (1 + rng.int(15)));
      expect(idText(n)).toBe(String(n));
    }
  });
});
