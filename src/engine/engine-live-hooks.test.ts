/**
 * The engine hooks paper/live bots use, on REAL Binance BTCUSDT trade prints (2024-08-08 capture):
 * processTrade marks the position and lets onTrade signal (sized at the trade price); orders then
 * fill at the next bar's open (bars aggregated here from the same prints); warm() feeds a strategy
 * without trading; a resting order survives snapshot → restore and fills in the new engine.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import type { Bar, TradeTick } from "../core/index.ts";
import { dataFile } from "../testkit/data-path.ts";
import { testInstrument } from "../testkit/engine/read-csv-bars.ts";
import { makeSeedEngine } from "../testkit/engine/seed-engine.ts";
import { MutableBar } from "./bar-view.ts";
import type { EngineSnapshot } from "./engine.ts";
import type { EngineListener } from "./ports.ts";
import type { Strategy } from "./strategy.ts";

const trades: TradeTick[] = new TextDecoder()
  .decode(Bun.gunzipSync(readFileSync(dataFile("binance_spot_BTCUSDT_L2depth_trades_raw_20240808T2354Z.jsonl.gz"))))
  .split("\n")
  .filter((l) => l.includes('"e":"trade"'))
  .map((l) => JSON.parse(l.slice(l.indexOf(" ") + 1)).data as { p: string; q: string; T: number; t: number; m: boolean })
  .map((d) => ({ instrumentId: 0, tsEvent: d.T, tsInit: d.T, price: Number(d.p), size: Number(d.q), side: d.m ? "sell" : "buy", tradeId: String(d.t) }) as TradeTick);

/** 1-minute bars aggregated from the prints (open time = minute start). */
function minuteBars(): Bar[] {
  const out: Bar[] = [];
  for (const t of trades) {
    const open = Math.floor(t.tsEvent / 60_000) * 60_000;
    const last = out.at(-1) as (Bar & { high: number; low: number; close: number; volume: number }) | undefined;
    if (last && last.tsEvent === open) {
      Object.assign(last, { high: Math.max(last.high, t.price), low: Math.min(last.low, t.price), close: t.price, volume: last.volume + t.size });
    } else {
      out.push({ instrumentId: 0, tsEvent: open, tsInit: open + 60_000, intervalMs: 60_000, open: t.price, high: t.price, low: t.price, close: t.price, volume: t.size, index: out.length });
    }
  }
  return out;
}

const inst = testInstrument("BTCUSDT", "0.01", "0.00001");

function make(strategy: Strategy, listener: EngineListener = {}, snapshot?: EngineSnapshot) {
  return makeSeedEngine(inst, strategy, listener, snapshot);
}

describe("engine hooks for paper/live", () => {
  const bars = minuteBars();

  test("the capture has prints over several minutes", () => {
    expect(trades.length).toBeGreaterThan(9000);
    expect(bars.length).toBeGreaterThanOrEqual(5);
  });

  test("onTrade signals are sized at the trade price and fill at the open of the next bar that starts after them", () => {
    const first = trades.find((t) => t.tsEvent >= bars[1]!.tsEvent)!;
    let fired = false;
    const s: Strategy = {
      name: "on-trade",
      warmup: 0,
      onBar: () => null,
      onTrade: (t) => (fired ? null : ((fired = true), "long")),
    };
    const orders: number[] = [];
    const fills: number[] = [];
    const { engine, clock } = make(s, { onOrder: (o) => orders.push(o.quantity), onFill: (f) => fills.push(f.price) });
    engine.processBar(bars[0]!);
    clock.advance(first.tsEvent);
    engine.processTrade(first);
    expect(orders).toEqual([Math.floor((500 / first.price) * 1e5) / 1e5]);
    expect(engine.portfolio.position(0).mark).toBe(first.price);
    engine.processBar(bars[1]!); // opened before the print: no fill (no look-ahead)
    expect(fills).toEqual([]);
    clock.advance(bars[2]!.tsInit);
    engine.processBar(bars[2]!);
    expect(fills).toEqual([Math.round(bars[2]!.open * 1.0005 * 100) / 100]);
    // Marking on later prints moves equity by qty × Δprice.
    const q = engine.portfolio.position(0).qtyF;
    const later = trades.at(-1)!;
    const before = engine.equity;
    const markBefore = engine.portfolio.position(0).mark;
    engine.processTrade(later);
    expect(engine.equity - before).toBeCloseTo(q * (later.price - markBefore), 9);
  });

  test("quote and book hooks reach the strategy with the mid as reference price", () => {
    const prices: number[] = [];
    const s: Strategy = { name: "q", warmup: 0, onBar: () => null, onQuote: () => "short", onBook: () => null };
    const { engine } = make(s, { onSignal: (x) => prices.push(x.price) });
    const t = trades[100]!;
    engine.processQuote({ instrumentId: 0, tsEvent: t.tsEvent, tsInit: t.tsEvent, bid: t.price - 0.01, bidSize: 1, ask: t.price + 0.01, askSize: 1 });
    expect(prices[0]).toBeCloseTo(t.price, 9);
    engine.processBook({ instrumentId: 0, tsEvent: t.tsEvent, tsInit: t.tsEvent, bids: [{ price: t.price - 1, size: 1 }], asks: [{ price: t.price + 1, size: 1 }] });
    expect(prices.length).toBe(1);
  });

  test("warm() feeds the strategy and marks without placing orders", () => {
    const seen: number[] = [];
    const s: Strategy = { name: "w", warmup: 0, onBar: (b) => (seen.push(b.index), "long") };
    const orders: unknown[] = [];
    const { engine } = make(s, { onOrder: (o) => orders.push(o) });
    for (const b of bars) engine.warm(b);
    expect(seen).toEqual(bars.map((b) => b.index));
    expect(orders).toEqual([]);
    expect(engine.portfolio.position(0).mark).toBe(bars.at(-1)!.close);
  });

  test("a resting limit order survives snapshot → JSON → restore and fills in the new engine", () => {
    const idle: Strategy = { name: "idle", warmup: 0, onBar: () => null };
    const a = make(idle);
    a.engine.processBar(bars[0]!);
    const low = Math.min(...bars.slice(1).map((b) => b.low));
    const limit = Math.round((low + 0.5) * 100) / 100;
    const o = a.engine.placeOrder({ instrumentId: 0, side: "buy", type: "limit", quantity: 0.01, price: limit });
    const snap = JSON.parse(JSON.stringify(a.engine.snapshot())) as EngineSnapshot;
    expect(snap.openOrders.map((x) => x.id)).toEqual([o.id]);
    const fills: { id: number; price: number }[] = [];
    const b = make(idle, { onFill: (f) => fills.push({ id: f.orderId, price: f.price }) }, snap);
    for (const bar of bars.slice(1)) b.engine.processBar(bar);
    expect(fills.length).toBe(1);
    expect(fills[0]!.id).toBe(o.id);
    expect(fills[0]!.price).toBeLessThanOrEqual(limit);
    const next = b.engine.placeOrder({ instrumentId: 0, side: "sell", type: "market", quantity: 0.01 });
    expect(next.id).toBe(o.id + 1);
  });

  test("an order placed before any bar fills on the first bar; equity is defined inside the fill callback", () => {
    const idle: Strategy = { name: "idle", warmup: 0, onBar: () => null };
    const seen: bigint[] = [];
    const h = make(idle, { onFill: () => seen.push(h.engine.portfolio.equity()) });
    h.engine.placeOrder({ instrumentId: 0, side: "buy", type: "market", quantity: 0.01 });
    h.engine.processBar(bars[0]!);
    expect(seen.length).toBe(1);
    expect(seen[0]! < 10_000_000_000_000_000n).toBe(true); // capital minus the commission, position at cost
    expect(Number.isFinite(h.engine.equity)).toBe(true);
  });
});
