/**
 * Commission = price × quantity × rate, exact and rounded half away from zero to 1e-12: the fast
 * double path must agree with plain bigint arithmetic for real prices (BTC/ETH closes) and
 * random lots, rates and grids, including values outside the fast path's safe range.
 */
import { describe, expect, test } from "bun:test";
import { makeInstrument, parseDecimal, SeededRng } from "../core/index.ts";
import { dataFile } from "../testkit/data-path.ts";
import { readCsvBars } from "../testkit/engine/read-csv-bars.ts";
import { notionalOf } from "./exact.ts";
import { FeeModel } from "./fees.ts";

const closes = readCsvBars(dataFile("binance_spot_ETHUSDT_1h_2017-08_2026-05.csv.gz"), { limit: 5000 }).series.close;

function reference(priceText: string, qtyText: string, rateText: string): bigint {
  // Everything as integers at 30 decimals, then round half up to 12.
  const p = parseDecimal(priceText, 30);
  const q = parseDecimal(qtyText, 30);
  const r = parseDecimal(rateText, 30);
  const prod = p * q * r; // 90 decimals
  const scale = 10n ** 78n;
  return (prod + scale / 2n) / scale;
}

describe("FeeModel.commission", () => {
  const rng = new SeededRng(5);
  const grids = [
    ["0.01", "0.00001"],
    ["0.01", "0.000001"],
    ["0.1", "0.001"],
    ["0.00000001", "0.00000001"], // pd + sd > 12: bigint path
    ["1", "1"],
  ] as const;
  for (const [tick, lot] of grids) {
    test(`tick ${tick}, lot ${lot}: equals exact integer arithmetic`, () => {
      const i = makeInstrument({ symbol: "X", tick, lot });
      for (let k = 0; k < 2000; k++) {
        const rate = ["0.001", "0.0005", "0.00025", "0.0001", "0.00035", "0.0000123", "0.075"][rng.int(7)]!;
        const fm = new FeeModel(Number(rate));
        const price = Math.round(closes[rng.int(closes.length)]! / Number(tick)) * Number(tick);
        const lots = 1 + rng.int(k % 10 === 0 ? 1e9 : 5000);
        const qtyUnits = lots * i.lotUnits;
        const qty = qtyUnits / 10 ** i.sizeDecimals;
        const priceText = price.toFixed(i.priceDecimals);
        const qtyText = qty.toFixed(i.sizeDecimals);
        expect(fm.commission(i, price, qty)).toBe(reference(priceText, qtyText, rate));
      }
    });
  }
  test("maker and taker rates; zero rate", () => {
    const i = makeInstrument({ symbol: "X", tick: "0.01", lot: "0.001" });
    const fm = new FeeModel(0.0005, 0.0001);
    expect(fm.commission(i, 2000, 1.5, "taker")).toBe(1_500_000_000_000n);
    expect(fm.commission(i, 2000, 1.5, "maker")).toBe(300_000_000_000n);
    expect(new FeeModel(0).commission(i, 2000, 1.5)).toBe(0n);
    expect(notionalOf(200000, 2, 1500, 3)).toBe(3_000_000_000_000_000n);
  });
});
