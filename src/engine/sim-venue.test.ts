/**
 * Limit/stop/market matching of the simulated venue, driven through the incremental engine on
 * REAL hourly BTCUSDT bars: orders placed after bar t closes can fill from bar t+1 on; a resting
 * order fills at its price when the bar's range reaches it, or at the open when the bar opens
 * beyond it (gap through); time-in-force and reduce-only rules.
 */
import { describe, expect, test } from "bun:test";
import { HistoricalClock, type FillEvent, type OrderSide } from "../core/index.ts";
import { dataFile } from "../testkit/data-path.ts";
import { feedBar } from "../testkit/engine/feed-bar.ts";
import { readCsvBars, testInstrument } from "../testkit/engine/read-csv-bars.ts";
import { MutableBar } from "./bar-view.ts";
import { TradingEngine, type OrderRequest } from "./engine.ts";
import { FeeModel } from "./fees.ts";
import { SizingRiskManager } from "./risk.ts";
import { SimulatedVenue } from "./sim-venue.ts";

const s = readCsvBars(dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), { limit: 3000 }).series;
const inst = testInstrument("BTCUSDT", "0.01", "0.00001");
const idle = { name: "idle", warmup: 0, onBar: () => null };

function harness() {
  const fills: FillEvent[] = [];
  const cancels: string[] = [];
  const clock = new HistoricalClock();
  const engine = new TradingEngine({
    feeds: [{ instrument: inst, strategy: idle }],
    venue: new SimulatedVenue(new FeeModel(0.001, 0.0002), 5),
    risk: new SizingRiskManager({ riskPerTradePct: 0.05, maxPositionPct: 0.2, leverage: 1 }),
    clock,
    capital: 10_000,
    listener: { onFill: (f) => fills.push(f), onOrderCancelled: (c) => cancels.push(c.reason) },
  });
  const bar = new MutableBar();
  bar.intervalMs = s.intervalMs;
  const feed = (t: number): void => feedBar(engine, clock, bar, s, t);
  return { engine, fills, cancels, feed };
}

/** Places an order after bar t-1 closed, feeds bar t; returns the fills of bar t. */
function onNextBar(t: number, req: Omit<OrderRequest, "instrumentId" | "quantity"> & { quantity?: number }, position = 0) {
  const h = harness();
  if (position !== 0) {
    h.engine.placeOrder({ instrumentId: 0, side: position > 0 ? "buy" : "sell", type: "market", quantity: Math.abs(position) });
    h.feed(t - 2);
  }
  h.feed(t - 1);
  h.fills.length = 0;
  h.engine.placeOrder({ instrumentId: 0, quantity: 0.01, ...req });
  h.feed(t);
  return h;
}

function find(pred: (t: number) => boolean): number {
  for (let t = 2; t < s.length; t++) if (pred(t)) return t;
  throw new Error("no bar in the slice matches");
}

const cent = (x: number) => Math.round(x * 100) / 100;

describe("simulated venue on real bars", () => {
  test("market order: next bar's open ± slippage, never the submission bar", () => {
    const h = harness();
    h.feed(0);
    h.engine.placeOrder({ instrumentId: 0, side: "buy", type: "market", quantity: 0.01 });
    expect(h.fills.length).toBe(0);
    h.feed(1);
    expect(h.fills.length).toBe(1);
    expect(h.fills[0]!.price).toBe(cent(s.open[1]! * 1.0005));
    expect(h.fills[0]!.barIndex).toBe(1);
    expect(h.fills[0]!.liquidity).toBe("taker");
  });

  const sides: [OrderSide, "limit" | "stop"][] = [
    ["buy", "limit"],
    ["sell", "limit"],
    ["buy", "stop"],
    ["sell", "stop"],
  ];
  for (const [side, type] of sides) {
    // A "touch" price between open and the bar's extreme in the direction the order waits for.
    const waitsBelow = (side === "buy") === (type === "limit");
    test(`${type} ${side}: fills at its price when the range reaches it`, () => {
      const t = find((k) => (waitsBelow ? s.open[k]! - s.low[k]! : s.high[k]! - s.open[k]!) > 20);
      const p = cent(waitsBelow ? s.low[t]! + 5 : s.high[t]! - 5);
      const h = onNextBar(t, { side, type, price: p });
      expect(h.fills.map((f) => f.price)).toEqual([p]);
      expect(h.fills[0]!.liquidity).toBe(type === "limit" ? "maker" : "taker");
    });
    test(`${type} ${side}: fills at the open when the bar opens beyond its price (gap)`, () => {
      // A real gap between the previous close and this open, with the order's price inside it.
      const t = find((k) => (waitsBelow ? s.close[k - 1]! - s.open[k]! : s.open[k]! - s.close[k - 1]!) > 5);
      const p = cent(waitsBelow ? s.open[t]! + 3 : s.open[t]! - 3);
      expect(waitsBelow ? p < s.close[t - 1]! : p > s.close[t - 1]!).toBe(true);
      const h = onNextBar(t, { side, type, price: p });
      expect(h.fills.map((f) => f.price)).toEqual([s.open[t]!]);
    });
    test(`${type} ${side}: no fill when the range does not reach it; it keeps resting`, () => {
      const t = find((k) => s.high[k]! - s.low[k]! > 10);
      const p = cent(waitsBelow ? s.low[t]! - 1 : s.high[t]! + 1);
      const h = onNextBar(t, { side, type, price: p });
      expect(h.fills.length).toBe(0);
      expect(h.engine.openOrders().length).toBe(1);
      let k = t + 1;
      while (h.fills.length === 0 && k < s.length) h.feed(k++);
      const at = k - 1;
      expect(waitsBelow ? s.low[at]! <= p : s.high[at]! >= p).toBe(true);
      expect(h.fills[0]!.price).toBe(waitsBelow ? Math.min(p, s.open[at]!) : Math.max(p, s.open[at]!));
    });
  }

  test("ioc limit that does not fill on its first bar is cancelled", () => {
    const t = find((k) => s.high[k]! - s.low[k]! > 10);
    const h = onNextBar(t, { side: "buy", type: "limit", price: cent(s.low[t]! - 1), timeInForce: "ioc" });
    expect(h.fills.length).toBe(0);
    expect(h.cancels).toEqual(["ioc order not filled on its first bar"]);
    expect(h.engine.openOrders().length).toBe(0);
  });

  test("post-only limit that would take liquidity at the open is cancelled", () => {
    const t = find(() => true);
    const h = onNextBar(t, { side: "buy", type: "limit", price: cent(s.open[t]! + 10), timeInForce: "alo" });
    expect(h.fills.length).toBe(0);
    expect(h.cancels).toEqual(["post-only order would take liquidity"]);
  });

  test("reduce-only orders are clamped to the position and cancelled when flat", () => {
    const t = 10;
    const h = onNextBar(t, { side: "sell", type: "market", quantity: 0.05, reduceOnly: true }, 0.02);
    expect(h.fills.map((f) => f.quantity)).toEqual([0.02]);
    expect(h.engine.portfolio.position(0).qty).toBe(0);
    const flat = onNextBar(t, { side: "sell", type: "market", reduceOnly: true });
    expect(flat.fills.length).toBe(0);
    expect(flat.cancels).toEqual(["reduce-only order with nothing to reduce"]);
  });

  test("orders off the grid are rejected with the field named", () => {
    const h = harness();
    expect(() => h.engine.placeOrder({ instrumentId: 0, side: "buy", type: "market", quantity: 0.000001 })).toThrow(/quantity/);
    expect(() => h.engine.placeOrder({ instrumentId: 0, side: "buy", type: "limit", quantity: 0.01, price: 100.001 })).toThrow(/price/);
    expect(() => h.engine.placeOrder({ instrumentId: 0, side: "buy", type: "stop", quantity: 0.01 })).toThrow(/price/);
  });

  test("cancelOrder removes a resting order", () => {
    const h = harness();
    h.feed(0);
    const o = h.engine.placeOrder({ instrumentId: 0, side: "buy", type: "limit", quantity: 0.01, price: 1 });
    expect(h.engine.cancelOrder(o.id)).toBe(true);
    expect(h.engine.cancelOrder(o.id)).toBe(false);
    h.feed(1);
    expect(h.fills.length).toBe(0);
    expect(h.engine.openOrders()).toEqual([]);
  });
});
