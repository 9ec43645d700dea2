/** Float-to-wire and tick/lot rules: the documented examples plus a property test on random prices. */
import { describe, expect, test } from "bun:test";
import { SeededRng } from "../../core/index.ts";
import { canonicalDecimal, checkPriceWire, checkSizeWire, floatToWire, formatPrice, formatSize, isCanonicalDecimal } from "./wire.ts";

describe("floatToWire", () => {
  test("documented examples", () => {
    expect(floatToWire(100.0)).toBe("100");
    expect(floatToWire(0.1)).toBe("0.1");
    expect(floatToWire(1670.1)).toBe("1670.1");
    expect(floatToWire(-0)).toBe("0");
    expect(floatToWire(0.0147)).toBe("0.0147");
    expect(floatToWire(1e-8)).toBe("0.00000001");
  });
  test("refuses values with more than 8 decimals", () => {
    expect(() => floatToWire(0.000012312312)).toThrow(/more than 8 decimals/);
  });
  test("canonical form", () => {
    expect(isCanonicalDecimal("100")).toBe(true);
    expect(isCanonicalDecimal("100.0")).toBe(false);
    expect(isCanonicalDecimal("0.10")).toBe(false);
    expect(isCanonicalDecimal("01")).toBe(false);
    expect(canonicalDecimal("100.0")).toBe("100");
    expect(canonicalDecimal("0.10")).toBe("0.1");
  });
});

describe("formatPrice / formatSize", () => {
  test("5 significant figures, integer always allowed, decimals capped at 6 - szDecimals", () => {
    expect(formatPrice(1234.56, 2)).toBe("1234.6");
    expect(formatPrice(123456.7, 5)).toBe("123457");
    expect(formatPrice(0.0012345, 0)).toBe("0.001235"); // 6-decimal cap binds before 5 sig figs; half-up on the decimal value
    expect(formatPrice(0.0012344, 0)).toBe("0.001234");
    expect(formatPrice(105055.49, 5)).toBe("105055");
    expect(formatPrice(3.14159, 4)).toBe("3.14"); // 6-4 = 2 decimals
    expect(formatPrice(65416.5, 5, "down")).toBe("65416");
    expect(formatPrice(65416.5, 5, "up")).toBe("65417");
    expect(formatPrice(0.00000001, 0)).toBe("0.000001"); // never rounds a positive price to 0
  });
  test("sizes are floored to szDecimals", () => {
    expect(formatSize(0.123456, 5)).toBe("0.12345");
    expect(formatSize(1.9999, 0)).toBe("1");
    expect(formatSize(0.1 + 0.2, 1)).toBe("0.3");
  });
  test("validators name the venue's error", () => {
    expect(checkPriceWire("1234.5", 2)).toBeNull();
    expect(checkPriceWire("1234.56", 2)).toBe("Price must be divisible by tick size.");
    expect(checkPriceWire("123456", 5)).toBeNull();
    expect(checkPriceWire("12345.6", 0)).toBe("Price must be divisible by tick size.");
    expect(checkPriceWire("0.001234", 0)).toBeNull();
    expect(checkPriceWire("0.0012345", 0)).toBe("Price must be divisible by tick size.");
    expect(checkSizeWire("1.001", 3)).toBeNull();
    expect(checkSizeWire("1.0001", 3)).toBe("Order has invalid size.");
    expect(checkSizeWire("0", 3)).toBe("Order has zero size.");
  });
  test("property: every formatted price passes the venue's check and is within half a grid step", () => {
    const rng = new SeededRng(7);
    for (let i = 0; i < 5000; i++) {
      const szd = rng.int(6);
      const px = Math.exp(rng.next() * 24 - 10); // 4.5e-5 … 1.2e6
      const w = formatPrice(px, szd);
      expect(checkPriceWire(w, szd)).toBeNull();
      expect(isCanonicalDecimal(w)).toBe(true);
      const rel = Math.abs(Number(w) - px) / px;
      // 5 significant figures → relative error ≤ 5e-5, unless the decimals cap binds on tiny prices
      if (px > 10 ** -(6 - szd - 4)) expect(rel).toBeLessThanOrEqual(5.0001e-5);
    }
  });
});
