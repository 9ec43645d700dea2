/** Exact decimals: shortest representation of doubles, strings and Amounts at scale 12. */
import { describe, expect, test } from "bun:test";
import { SeededRng } from "../core/index.ts";
import { decimalString, normaliseDecimal, scaledOf } from "./decimal.ts";

describe("decimal", () => {
  test("numbers keep the text they were parsed from", () => {
    for (const s of ["8142.35", "0.0001", "-0.00025", "61837.63", "7.581319", "0.000000000001", "123456789012.5", "0", "1e-7", "2.5e3"]) {
      expect(decimalString(Number(s))).toBe(normaliseDecimal(s));
    }
    expect(decimalString(0.1 + 0.2)).toBe("0.3");
    expect(decimalString(1e21)).toBe("1000000000000000000000");
    expect(decimalString(-5n)).toBe("-0.000000000005");
    expect(decimalString(1_500_000_000_000n)).toBe("1.5");
  });

  test("strings are normalised without floats, rounded half away from zero at 12 decimals", () => {
    expect(normaliseDecimal("061837.63000000")).toBe("61837.63");
    expect(normaliseDecimal("-0.0000000000005")).toBe("-0.000000000001");
    expect(normaliseDecimal("0.0000000000004")).toBe("0");
    expect(normaliseDecimal("1.23e-3")).toBe("0.00123");
    expect(normaliseDecimal("+.5")).toBe("0.5");
    expect(() => normaliseDecimal("1,5")).toThrow(/not a decimal number/);
    expect(() => normaliseDecimal("NaN")).toThrow(/not a decimal number/);
  });

  test("property: for random prices with ≤ 8 decimals, scaledOf recovers the exact decimal", () => {
    const rng = new SeededRng(7);
    for (let i = 0; i < 20_000; i++) {
      const k = rng.int(9);
      const m = rng.int(1e9) * 1000 + rng.int(1000);
      const text = (m / 10 ** k).toFixed(k);
      const x = Number(text);
      const s = scaledOf(x)!;
      expect(s.m / 10 ** s.k).toBe(x);
      expect(decimalString(x)).toBe(normaliseDecimal(text));
    }
  });
});
