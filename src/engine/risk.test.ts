/**
 * The sizing risk manager in isolation, at real BTCUSDT closes: seed sizing formula with the
 * max-position cap and leverage, flips, exits, holds on repeated signals and too-small entries.
 */
import { describe, expect, test } from "bun:test";
import type { SignalDirection, SignalEvent } from "../core/index.ts";
import { dataFile } from "../testkit/data-path.ts";
import { readCsvBars, testInstrument } from "../testkit/engine/read-csv-bars.ts";
import { SizingRiskManager } from "./risk.ts";

const closes = readCsvBars(dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), { limit: 50 }).series.close;
const inst = testInstrument("BTCUSDT", "0.01", "0.00001");
const price = closes[42]!;
const sig = (direction: SignalDirection): SignalEvent => ({ instrumentId: 0, direction, strength: 1, price, tsEvent: 0, barIndex: 42, strategy: "t" });
const floor5 = (x: number) => Math.floor(x * 1e5) / 1e5;

describe("SizingRiskManager", () => {
  const rm = new SizingRiskManager({ riskPerTradePct: 0.05, maxPositionPct: 0.2, leverage: 1 });

  test("entry size = min(equity × leverage × risk, equity × max) / close, floored to the lot", () => {
    const d = rm.evaluate(sig("long"), { instrument: inst, equity: 10_000, position: 0, price });
    expect(d.orders).toEqual([{ side: "buy", type: "market", quantity: floor5(500 / price), timeInForce: "gtc", reduceOnly: false, reason: "entry" }]);
    const lev = new SizingRiskManager({ riskPerTradePct: 0.05, maxPositionPct: 0.2, leverage: 10 });
    const capped = lev.evaluate(sig("short"), { instrument: inst, equity: 10_000, position: 0, price });
    expect(capped.orders[0]!.quantity).toBe(floor5(2000 / price)); // 10 × 5 % = 50 % capped at 20 %
    expect(capped.orders[0]!.side).toBe("sell");
  });

  test("flip: reduce-only close of the whole position, then the new entry", () => {
    const d = rm.evaluate(sig("short"), { instrument: inst, equity: 9_000, position: 0.12345, price });
    expect(d.orders.map((o) => [o.side, o.quantity, o.reduceOnly, o.reason])).toEqual([
      ["sell", 0.12345, true, "flip-close"],
      ["sell", floor5(450 / price), false, "flip-open"],
    ]);
  });

  test("exit closes; exit while flat and repeated direction do nothing, with a reason", () => {
    expect(rm.evaluate(sig("exit"), { instrument: inst, equity: 1, position: -0.5, price }).orders.map((o) => [o.side, o.quantity, o.reason])).toEqual([["buy", 0.5, "exit"]]);
    expect(rm.evaluate(sig("exit"), { instrument: inst, equity: 1, position: 0, price })).toEqual({ orders: [], note: "exit while flat" });
    expect(rm.evaluate(sig("long"), { instrument: inst, equity: 1e4, position: 0.1, price })).toEqual({ orders: [], note: "already long" });
  });

  test("an entry below one lot is skipped (a flip still closes); no equity, no entry", () => {
    const tiny = rm.evaluate(sig("long"), { instrument: inst, equity: 0.001, position: -0.2, price });
    expect(tiny.orders.map((o) => o.reason)).toEqual(["flip-close"]);
    expect(tiny.note).toBe("entry size below one lot");
    expect(rm.evaluate(sig("long"), { instrument: inst, equity: -5, position: 0, price }).orders).toEqual([]);
  });
});
