/**
 * Parsers and error mapping on the recorded/documented payloads (__fixtures__/recorded.json), plus
 * malformed input: every failure is a DataError naming the message and field.
 */
import { describe, expect, test } from "bun:test";
import { DataError } from "../../core/index.ts";
import rec from "./__fixtures__/recorded.json" with { type: "json" };
import { classifyVenueMessage, httpError } from "./errors.ts";
import { AssetTable } from "./meta.ts";
import { parseAllMids, parseCandles, parseL2Book, parseTrades } from "./parse.ts";

describe("recorded payloads", () => {
  test("candleSnapshot: string numbers become numbers; times stay ms", () => {
    const [c] = parseCandles(rec.candleSnapshot, 5);
    expect(c).toEqual({ t: 1681923600000, T: 1681924499999, coin: "BTC", interval: "15m", open: 29295, high: 29309, low: 29250, close: 29258, volume: 0.98639, trades: 189, tsInit: 5 });
  });
  test("meta → asset table (index, szDecimals) and instruments", () => {
    const a = AssetTable.fromMeta(rec.meta);
    expect(a.require("ETH")).toMatchObject({ index: 1, szDecimals: 4, maxLeverage: 25 });
    expect(a.instrument("ETH", 3, 1900)).toMatchObject({ id: 3, priceDecimals: 1, sizeDecimals: 4, lotUnits: 1 });
    expect(() => a.require("DOGE")).toThrow(/--symbol: unknown Hyperliquid coin "DOGE"/);
  });
  test("l2Book and allMids", () => {
    const b = parseL2Book(rec.l2Book, 1, 9);
    expect(b).toEqual({ instrumentId: 1, tsEvent: 1754450974231, tsInit: 9, bids: [{ price: 113377, size: 7.6699, count: 17 }, { price: 113376, size: 4.13714, count: 8 }], asks: [{ price: 113397, size: 0.11543, count: 3 }] });
    expect(parseAllMids(rec.allMids).get("ETH")).toBe(1903.95);
    expect(parseAllMids({ mids: rec.allMids }).get("BTC")).toBe(30135);
  });
  test("venue error strings map to code and action", () => {
    const err = rec.orderError.response.data.statuses[0] as { error: string };
    expect(classifyVenueMessage(err.error)).toEqual({ code: "HL_MIN_NOTIONAL", action: "fix-input" });
    expect(classifyVenueMessage(rec.topLevelError.response)).toEqual({ code: "HL_UNKNOWN_SIGNER", action: "stop" });
    expect(classifyVenueMessage("Order could not immediately match against any resting orders. asset=0")).toEqual({ code: "HL_IOC_UNFILLED", action: "retry" });
    expect(httpError(429, "", "x")).toMatchObject({ action: "retry" });
    expect(httpError(502, "", "x")).toMatchObject({ action: "retry" });
    expect(httpError(422, "Failed to deserialize", "x")).toMatchObject({ action: "fix-input", code: "HL_BAD_REQUEST" });
  });
});

describe("malformed input names message and field", () => {
  const bad = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(DataError);
      return (e as Error).message;
    }
    throw new Error("expected a DataError");
  };
  test("candles", () => {
    expect(bad(() => parseCandles([rec.candleSnapshot[0], { ...rec.candleSnapshot[0], o: "abc" }], 0))).toBe('candleSnapshot[1].o: "abc" is not a decimal string');
    expect(bad(() => parseCandles([{ ...rec.candleSnapshot[0], t: "1" }], 0))).toBe('candleSnapshot[0].t: "1" is not an integer');
    expect(bad(() => parseCandles([{ ...rec.candleSnapshot[0], T: 1 }], 0))).toContain("close time T=1 is before open time");
    expect(bad(() => parseCandles(null, 0))).toContain("expected an array of candles");
  });
  test("books and trades", () => {
    expect(bad(() => parseL2Book({ ...rec.l2Book, levels: [[{ px: "", sz: "1", n: 1 }], []] }, 0, 0))).toBe('l2Book.levels[0][0].px: "" is not a decimal string');
    expect(bad(() => parseTrades([{ coin: "BTC", side: "X", px: "1", sz: "1", time: 1, tid: 1 }], 0, 0))).toBe('trades[0].side: "X" is not "B" or "A"');
    expect(bad(() => parseTrades([{ coin: "BTC", side: "B", px: "1", sz: 1, time: 1, tid: 1 }], 0, 0))).toBe("trades[0].sz: 1 is not a decimal string");
  });
});
