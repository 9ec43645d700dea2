import { describe, expect, test } from "bun:test";
import { age, cell, dateTime, money, pctOfFraction, pctPoints, price, quantity, ratio, shortDateTime, signedMoney, truncate } from "./format.ts";

describe("format", () => {
  test("money groups thousands and rounds; never prints -0.00", () => {
    expect(money(1234567.891)).toBe("1,234,567.89");
    expect(money(-1234.5)).toBe("-1,234.50");
    expect(money(-0.001)).toBe("0.00");
    expect(money(999.999)).toBe("1,000.00");
    expect(money(12, 0)).toBe("12");
    expect(money(Number.NaN)).toBe("—");
    expect(signedMoney(12.5)).toBe("+12.50");
    expect(signedMoney(-3.1)).toBe("-3.10");
    expect(signedMoney(0.001)).toBe("0.00");
  });

  test("percent units: return_pct is in percent, drawdown/win rate/pnl_pct are fractions", () => {
    expect(pctPoints(2.345)).toBe("+2.35%");
    expect(pctPoints(-0.5)).toBe("-0.50%");
    expect(pctPoints(0.0001)).toBe("0.00%");
    expect(pctOfFraction(0.123)).toBe("12.3%");
    expect(pctOfFraction(-0.0048, 2, true)).toBe("-0.48%");
    expect(ratio(1.234)).toBe("1.23");
    expect(ratio(-0.001)).toBe("0.00");
  });

  test("prices and quantities keep meaningful digits", () => {
    expect(price(64123.46)).toBe("64,123.5");
    expect(price(12.3456)).toBe("12.35");
    expect(price(0.00012346)).toBe("0.0001235");
    expect(quantity(0.031970000001)).toBe("0.03197");
    expect(quantity(2)).toBe("2");
  });

  test("times are UTC", () => {
    expect(dateTime(Date.UTC(2026, 6, 1, 14, 5))).toBe("2026-07-01 14:05");
    expect(shortDateTime(Date.UTC(2026, 6, 1, 14, 5))).toBe("07-01 14:05");
    expect(dateTime(null)).toBe("—");
    expect(age(59_000)).toBe("59s");
    expect(age(3 * 3600_000)).toBe("3h");
  });

  test("cells are exactly their width", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("abc", 4)).toBe("abc");
    expect(cell("ab", 4)).toBe("ab  ");
    expect(cell("ab", 4, "right")).toBe("  ab");
    expect(cell("abcdef", 4)).toBe("abc…");
    for (let w = 0; w < 10; w++) expect([...cell("x".repeat(w * 2), w)].length).toBe(w);
  });
});
