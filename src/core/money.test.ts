/** Exact money: decimal parsing, rounding half away from zero, notional and fee products. */
import { describe, expect, test } from "bun:test";
import { amountFromNumber, amountToNumber, divRound, formatAmount, mulRate, notional, parseDecimal, toScaled } from "./money.ts";
import { SeededRng } from "./rng.ts";

describe("parseDecimal / toScaled", () => {
  test("exact decimals, signs, exponents and rounding half away from zero", () => {
    expect(parseDecimal("123.45", 2)).toBe(12345n);
    expect(parseDecimal("-0.005", 2)).toBe(-1n);
    expect(parseDecimal("0.004", 2)).toBe(0n);
    expect(parseDecimal("+7", 3)).toBe(7000n);
    expect(parseDecimal("1e-5", 8)).toBe(1000n);
    expect(parseDecimal(".5", 1)).toBe(5n);
    expect(toScaled(0.1, 1)).toBe(1n);
    expect(toScaled(0.1 + 0.2, 2)).toBe(30n);
  });

  test("garbage and non-finite values are refused", () => {
    expect(() => parseDecimal("abc", 2)).toThrow(/not a decimal/);
    expect(() => parseDecimal("1.2.3", 2)).toThrow(/not a decimal/);
    expect(() => toScaled(Number.NaN, 2)).toThrow(/finite/);
  });
});

describe("Amount arithmetic", () => {
  test("notional is exact for price × size at their decimals", () => {
    // 65,432.10 × 0.00123 = 80.481483 exactly (65.4321 + 15.049383)
    expect(formatAmount(notional(6543210n, 2, 123n, 5), 6)).toBe("80.481483");
    // more than 12 decimals in the product is rounded once
    expect(notional(1n, 7, 1n, 7)).toBe(0n);
    expect(notional(5n, 7, 1n, 6)).toBe(1n);
  });

  test("fee = notional × rate, rounded half away from zero once", () => {
    const n = notional(6543210n, 2, 123n, 5);
    expect(formatAmount(mulRate(n, 1n, 3), 9)).toBe("0.080481483");
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(5n, -2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(() => divRound(1n, 0n)).toThrow(/division by zero/);
  });

  test("formatting and conversion back to number", () => {
    expect(formatAmount(amountFromNumber(-1234.5), 2)).toBe("-1234.50");
    expect(formatAmount(amountFromNumber(-0.001), 2)).toBe("0.00");
    expect(amountToNumber(amountFromNumber(10000.25))).toBe(10000.25);
  });

  test("property: sums of notionals are associative and match a string-free recomputation", () => {
    const rng = new SeededRng(11);
    let total = 0n;
    let check = 0n;
    for (let i = 0; i < 2000; i++) {
      const p = BigInt(1 + rng.int(10_000_000)); // up to 100,000.00
      const q = BigInt(1 + rng.int(1_000_000)); // up to 10.00000
      total += notional(p, 2, q, 5);
      check += p * q * 10n ** 5n; // 2 + 5 decimals rescaled to 12
    }
    expect(total).toBe(check);
  });
});
