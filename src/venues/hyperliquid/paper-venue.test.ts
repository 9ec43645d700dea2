/**
 * Paper venue: on bars it fills exactly like the backtest simulator (same model injected), and
 * against a live book (the real captured Hyperliquid l2Book) market orders walk the levels,
 * limits fill when crossed, post-only orders that would cross are cancelled.
 */
import { describe, expect, test } from "bun:test";
import { HistoricalClock, makeInstrument, type Bar, type FillEvent, type OrderEvent } from "../../core/index.ts";
import { FeeModel, marketFillPrice, restingFillPrice, SimulatedVenue, SizingRiskManager, TradingEngine, type ExecutionVenue, type OrderCancel } from "../../engine/index.ts";
import { captureLines, hyperliquidCandles } from "../../testkit/fakes/hyperliquid/index.ts";
import { parseL2Book } from "./parse.ts";
import { PaperVenue, type PaperFillModel } from "./paper-venue.ts";

const btc = makeInstrument({ id: 0, symbol: "BTC", venue: "hyperliquid", tick: "1", lot: "0.00001" });
const fees = new FeeModel(0.00045, 0.00015);
const model = (slippageBps: number): PaperFillModel => ({
  marketPrice: (i, side, ref) => marketFillPrice(i, side, ref, slippageBps),
  barPrice: restingFillPrice,
  commission: (i, p, q, l) => fees.commission(i, p, q, l),
});

function engineWith(venue: ExecutionVenue) {
  const fills: FillEvent[] = [];
  const cancels: OrderCancel[] = [];
  const engine = new TradingEngine({
    feeds: [{ instrument: btc, strategy: { name: "none", warmup: 0, onBar: () => null } }],
    venue, risk: new SizingRiskManager({ riskPerTradePct: 0.05, maxPositionPct: 0.2, leverage: 1 }),
    clock: new HistoricalClock(0), capital: 100_000,
    listener: { onFill: (f) => fills.push(f), onOrderCancelled: (c) => cancels.push(c) },
  });
  return { engine, fills, cancels };
}

const hourly = hyperliquidCandles().get("BTC:1h")!.slice(0, 300);
const bars: Bar[] = hourly.map((c, index) => ({ instrumentId: 0, tsEvent: c.t, tsInit: c.T + 1, intervalMs: 3_600_000, open: +c.o, high: +c.h, low: +c.l, close: +c.c, volume: +c.v, index }));

describe("PaperVenue on bars", () => {
  test("same fills as the backtest simulator for market, limit, stop, ioc and alo orders on real bars", () => {
    const runs = [engineWith(new PaperVenue(model(5))), engineWith(new SimulatedVenue(fees, 5))];
    for (const r of runs) {
      bars.forEach((b, k) => {
        r.engine.processBar(b);
        const c = b.close;
        const o = (x: Parameters<TradingEngine["placeOrder"]>[0]): OrderEvent => r.engine.placeOrder(x);
        if (k % 7 === 0) o({ instrumentId: 0, side: k % 14 === 0 ? "buy" : "sell", type: "market", quantity: 0.01 });
        if (k % 11 === 0) o({ instrumentId: 0, side: "buy", type: "limit", price: Math.round(c * 0.995), quantity: 0.02 });
        if (k % 13 === 0) o({ instrumentId: 0, side: "sell", type: "stop", price: Math.round(c * 0.99), quantity: 0.01 });
        if (k % 17 === 0) o({ instrumentId: 0, side: "buy", type: "limit", price: Math.round(c * 0.999), quantity: 0.01, timeInForce: "ioc" });
        if (k % 19 === 0) o({ instrumentId: 0, side: "sell", type: "limit", price: Math.round(c * 0.999), quantity: 0.01, timeInForce: "alo" });
      });
    }
    const [paper, sim] = runs;
    expect(paper!.fills.length).toBeGreaterThan(80);
    expect(paper!.fills).toEqual(sim!.fills);
    expect(paper!.cancels).toEqual(sim!.cancels);
    expect(paper!.engine.portfolio.cash).toBe(sim!.engine.portfolio.cash);
  });
});

describe("PaperVenue against the live book", () => {
  const raw = captureLines().find((l) => l.text.startsWith('{"channel":"l2Book"'))!;
  const book = parseL2Book(JSON.parse(raw.text).data, 0, 1);

  test("a market buy walks the real ask levels (VWAP, rounded against us); fills at the next book, not on submit", () => {
    const { engine, fills } = engineWith(new PaperVenue(model(5)));
    const paper = (engine as unknown as { venue: PaperVenue }).venue;
    engine.placeOrder({ instrumentId: 0, side: "buy", type: "market", quantity: 8 });
    expect(fills.length).toBe(0);
    paper.onBook(book);
    let left = 8;
    let cost = 0;
    for (const l of book.asks) {
      const take = Math.min(left, l.size);
      cost += take * l.price;
      left -= take;
      if (left <= 0) break;
    }
    expect(fills[0]!.price).toBe(Math.ceil(cost / 8));
    expect(fills[0]!.price).toBeGreaterThan(book.asks[0]!.price); // 8 BTC is deeper than the touch
    expect(fills[0]!.liquidity).toBe("taker");
  });

  test("limits fill only when the book crosses; post-only that would cross is cancelled; mids fill market orders ± slippage", () => {
    const { engine, fills, cancels } = engineWith(new PaperVenue(model(10)));
    const paper = (engine as unknown as { venue: PaperVenue }).venue;
    const ask = book.asks[0]!.price;
    engine.placeOrder({ instrumentId: 0, side: "buy", type: "limit", price: ask - 50, quantity: 0.1 });
    engine.placeOrder({ instrumentId: 0, side: "buy", type: "limit", price: ask, quantity: 0.1, timeInForce: "alo" });
    paper.onBook(book);
    expect(fills.length).toBe(0);
    expect(cancels.map((c) => c.reason)).toEqual(["post-only order would take liquidity"]);
    paper.onBook({ ...book, asks: [{ price: ask - 60, size: 1 }] });
    expect(fills[0]).toMatchObject({ price: ask - 50, quantity: 0.1, liquidity: "maker" }); // rested, then crossed
    engine.placeOrder({ instrumentId: 0, side: "buy", type: "limit", price: ask, quantity: 0.1 });
    paper.onBook(book);
    expect(fills.at(-1)).toMatchObject({ price: ask, liquidity: "taker" }); // marketable on arrival: the touch
    engine.placeOrder({ instrumentId: 0, side: "sell", type: "market", quantity: 0.1 });
    paper.onMid(0, 100_000, 5);
    expect(fills.at(-1)!.price).toBe(99_900); // 10 bps below the mid
  });
});
