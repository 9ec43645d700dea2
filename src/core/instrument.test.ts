/** Tick and lot grids: rounding modes, floors that never exceed the budget, grid parsing. */
import { describe, expect, test } from "bun:test";
import { floorSize, gridStep, lotSize, makeInstrument, priceUnits, roundPrice, sizeUnits, tickSize } from "./instrument.ts";
import { SeededRng } from "./rng.ts";

const btc = makeInstrument({ symbol: "BTCUSDT", tick: "0.01", lot: "0.00001" });
const half = makeInstrument({ symbol: "X", tick: "0.05", lot: "0.5" });

describe("instrument grids", () => {
  test("tick and lot sizes come from their decimal strings", () => {
    expect(tickSize(btc)).toBe(0.01);
    expect(lotSize(btc)).toBe(0.00001);
    expect(tickSize(half)).toBe(0.05);
    expect(() => makeInstrument({ symbol: "Y", tick: "0", lot: "1" })).toThrow(/tick must be > 0/);
    expect(() => makeInstrument({ symbol: "Y", tick: "abc", lot: "1" })).toThrow(/tick must be a positive decimal/);
  });

  test("gridStep writes one unit at n decimals, the inverse of the grid parsing", () => {
    expect([0, 1, 2, 5].map(gridStep)).toEqual(["1", "0.1", "0.01", "0.00001"]);
    expect(gridStep(-1)).toBe("1");
    const i = makeInstrument({ symbol: "Z", tick: gridStep(3), lot: gridStep(0) });
    expect([i.priceDecimals, i.tickUnits, i.sizeDecimals, i.lotUnits]).toEqual([3, 1, 0, 1]);
  });

  test("prices round to the tick: nearest, up, down, without float drift", () => {
    expect(roundPrice(btc, 65432.105)).toBe(65432.11);
    expect(roundPrice(btc, 100.00999999999999)).toBe(100.01);
    expect(roundPrice(btc, 0.1 + 0.2)).toBe(0.3);
    expect(roundPrice(half, 1.12, "up")).toBe(1.15);
    expect(roundPrice(half, 1.12, "down")).toBe(1.1);
    expect(roundPrice(half, 1.15, "up")).toBe(1.15);
  });

  test("sizes floor to the lot and never exceed the input", () => {
    expect(floorSize(btc, 0.000019)).toBe(0.00001);
    expect(floorSize(btc, 0.000009)).toBe(0);
    expect(floorSize(half, 1.49)).toBe(1);
    const rng = new SeededRng(3);
    for (let i = 0; i < 5000; i++) {
      const s = rng.next() * 3;
      const f = floorSize(btc, s);
      expect(f).toBeLessThanOrEqual(s + 1e-12);
      expect(s - f).toBeLessThan(0.00001 + 1e-12);
      expect(Number.isInteger(Math.round(f * 1e5)) && Math.abs(f * 1e5 - Math.round(f * 1e5)) < 1e-6).toBe(true);
    }
  });

  test("integer units", () => {
    expect(priceUnits(btc, 65432.11)).toBe(6543211n);
    expect(sizeUnits(btc, 0.00123)).toBe(123n);
  });
});
