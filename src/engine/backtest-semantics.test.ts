/**
 * Bar-by-bar check of the default backtest semantics on a REAL slice (first 200 hourly BTCUSDT
 * bars): a scripted strategy emits entries, a flip, exits, a repeated signal and a last-bar
 * signal; the expected fills, trades and equity are recomputed here independently from the raw
 * CSV text (integer cents for prices, plain floats for sizing) and compared with the engine.
 */
import { describe, expect, test } from "bun:test";
import type { SignalDirection } from "../core/index.ts";
import { dataFile } from "../testkit/data-path.ts";
import { readCsvBars, testInstrument } from "../testkit/engine/read-csv-bars.ts";
import { ScriptedStrategy } from "../testkit/engine/test-strategies.ts";
import { runBacktest } from "./backtest.ts";

const raw = readCsvBars(dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), { limit: 200, keepText: true, symbol: "BTCUSDT" });
const s = raw.series;
const text = raw.text!;
const inst = testInstrument("BTCUSDT", "0.01", "0.00001");

/** Integer cents from the CSV text ("4261.48" → 426148n, "4300" → 430000n). */
function cents(t: string): bigint {
  const [a, b = ""] = t.split(".");
  return BigInt(a! + b.padEnd(2, "0").slice(0, 2));
}

/** Fill price in cents: open × (10000 ± 5) / 10000, half up. */
function fillCents(openText: string, side: "buy" | "sell"): bigint {
  const num = cents(openText) * (side === "buy" ? 10005n : 9995n);
  return (num + 5000n) / 10000n;
}

interface Exp {
  bar: number;
  side: "buy" | "sell";
  qty: number;
  price: number;
  fee: number;
  reason: string;
}

/** Independent model of the documented semantics. */
function expected(script: Map<number, SignalDirection>) {
  let cash = 10_000;
  let qty = 0; // signed
  let cost = 0; // signed entry value of the open position
  let entryFee = 0;
  let entryPrice = 0;
  const fills: Exp[] = [];
  const trades: { dir: string; entry: number; exit: number; qty: number; pnl: number }[] = [];
  const equity: number[] = [];
  let pending: { side: "buy" | "sell"; qty: number; reason: string }[] = [];
  for (let t = 0; t < s.length; t++) {
    for (const o of pending) {
      const price = Number(fillCents(text.open[t]!, o.side)) / 100;
      const fee = price * o.qty * 0.001;
      fills.push({ bar: t, side: o.side, qty: o.qty, price, fee, reason: o.reason });
      const signed = o.side === "buy" ? o.qty : -o.qty;
      if (qty !== 0 && Math.sign(signed) !== Math.sign(qty)) {
        const realized = qty > 0 ? price * o.qty - cost : cost * -1 - price * o.qty;
        cash += realized - fee;
        trades.push({ dir: qty > 0 ? "long" : "short", entry: entryPrice, exit: price, qty: o.qty, pnl: realized - fee - entryFee });
        qty = 0;
        cost = 0;
      } else {
        qty = signed;
        cost = price * signed;
        entryFee = fee;
        entryPrice = price;
        cash -= fee;
      }
    }
    pending = [];
    const close = s.close[t]!;
    const eq = cash + qty * close - cost;
    equity.push(eq);
    const sig = script.get(t);
    if (!sig) continue;
    const value = Math.min(eq * 1 * 0.05, eq * 0.2);
    const size = Math.floor((value / close) * 1e5) / 1e5;
    if (sig === "exit") {
      if (qty !== 0) pending.push({ side: qty > 0 ? "sell" : "buy", qty: Math.abs(qty), reason: "exit" });
    } else {
      const want = sig === "long" ? 1 : -1;
      if (qty * want > 0) continue; // already positioned that way: hold
      if (qty !== 0) pending.push({ side: qty > 0 ? "sell" : "buy", qty: Math.abs(qty), reason: "flip-close" });
      pending.push({ side: want > 0 ? "buy" : "sell", qty: size, reason: qty !== 0 ? "flip-open" : "entry" });
    }
  }
  return { fills, trades, equity, pending, cash, qty };
}

const script = new Map<number, SignalDirection>([
  [10, "long"],
  [30, "short"], // flip: close long, open short on bar 31
  [50, "exit"],
  [55, "exit"], // flat: ignored
  [60, "short"],
  [70, "short"], // same direction: hold (no second entry)
  [90, "long"], // flip
  [120, "exit"],
  [150, "long"], // stays open to the end (marked, not force-closed)
  [199, "short"], // last bar: orders stay pending
]);

describe("default backtest semantics on real BTCUSDT 1h bars", () => {
  const exp = expected(script);
  const strat = new ScriptedStrategy(script);
  const r = runBacktest(s, inst, strat);

  test("the strategy sees every bar once, in order, and signals act on the next bar", () => {
    expect(strat.seen.length).toBe(200);
    expect(strat.seen.every((v, i) => v === i)).toBe(true);
    for (const f of r.fills) expect([...script.keys()]).toContain(f.barIndex - 1);
  });

  test("fills: bar, side, quantity, price (open ± 5 bps, nearest cent) and commission", () => {
    expect(r.fills.length).toBe(exp.fills.length);
    expect(r.fills.length).toBe(9);
    r.fills.forEach((f, k) => {
      const e = exp.fills[k]!;
      expect({ bar: f.barIndex, side: f.side, qty: f.quantity, price: f.price, reason: f.reason }).toEqual({ bar: e.bar, side: e.side, qty: e.qty, price: e.price, reason: e.reason });
      expect(f.tsEvent).toBe(s.tsEvent[e.bar]!);
      expect(f.commission).toBeCloseTo(e.fee, 9);
    });
  });

  test("flip = close the whole position then open, both on the next bar", () => {
    const onBar31 = r.fills.filter((f) => f.barIndex === 31);
    expect(onBar31.map((f) => f.reason)).toEqual(["flip-close", "flip-open"]);
    expect(onBar31[0]!.quantity).toBe(r.fills[0]!.quantity);
  });

  test("repeated signal, exit while flat: no orders; counted as ignored", () => {
    expect(r.signals).toBe(10);
    expect(r.ignoredSignals).toBe(2);
    expect(r.fills.some((f) => f.barIndex === 71 || f.barIndex === 56)).toBe(false);
  });

  test("closed trades and their PnL net of both legs' fees", () => {
    expect(r.trades.length).toBe(exp.trades.length);
    r.trades.forEach((t, k) => {
      const e = exp.trades[k]!;
      expect(t.direction).toBe(e.dir as "long" | "short");
      expect(t.entryPrice).toBeCloseTo(e.entry, 9);
      expect(t.exitPrice).toBeCloseTo(e.exit, 9);
      expect(t.quantity).toBe(e.qty);
      expect(t.pnl).toBeCloseTo(e.pnl, 8);
    });
  });

  test("equity at every close = cash + mark-to-market", () => {
    expect(r.equity.length).toBe(200);
    for (let t = 0; t < 200; t++) expect(r.equity[t]!).toBeCloseTo(exp.equity[t]!, 6);
  });

  test("last bar: open position is marked, not closed; its signal's orders stay pending", () => {
    expect(r.openPosition?.direction).toBe("long");
    expect(r.openPosition?.markPrice).toBe(s.close[199]!);
    expect(r.pendingOrders.map((o) => o.reason)).toEqual(["flip-close", "flip-open"]);
    expect(exp.pending.length).toBe(2);
    expect(r.metrics.finalEquity).toBeCloseTo(exp.equity[199]!, 6);
  });

  test("exact books: cash − capital = realized − fees", () => {
    expect(r.cash - 10_000_000_000_000_000n).toBe(r.realizedPnl - r.feesPaid);
    expect(Number(r.cash) / 1e12).toBeCloseTo(exp.cash, 6);
  });
});
