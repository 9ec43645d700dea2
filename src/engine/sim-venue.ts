/**
 * Simulated execution venue for backtests (and paper trading on bars). Orders wait in a FIFO
 * book until the engine hands the venue the next bar of their instrument; then they are matched
 * by fill-model.ts: market orders at that bar's open ± slippage, limit/stop orders when the
 * bar's range reaches their price. An order only matches bars that open at or after its
 * submission time (order.tsEvent, from the engine's clock), so it never fills on the bar during
 * which it was submitted and no look-ahead is possible — also for signals from trades or quotes.
 *
 * Time in force: gtc rests until filled or cancelled; ioc is cancelled if the first bar does
 * not fill it; alo (post-only) is cancelled if it would take liquidity at the open.
 * Reduce-only orders are clamped to the position at fill time and cancelled when flat.
 */
import { floorSize, type Amount, type Bar, type Instrument, type OrderEvent } from "../core/index.ts";
import { unitsOrBig } from "./exact.ts";
import { FeeModel } from "./fees.ts";
import { limitMarketableAtOpen, marketFillPrice, restingFillPrice } from "./fill-model.ts";
import type { ExecutionVenue, FillReport, VenueSink } from "./ports.ts";

/**
 * The venue's one scratch fill report. The commission is kept in 1e-12 units when doubles hold it
 * exactly; the bigint is made only if a consumer reads `commission`.
 */
class ScratchReport implements FillReport {
  orderId = 0;
  quantity = 0;
  price = 0;
  commissionUnits = 0;
  commissionBig: Amount = 0n;
  tsEvent = 0;
  barIndex = 0;
  liquidity: "maker" | "taker" = "taker";
  remaining = 0;

  get commission(): Amount {
    return unitsOrBig(this.commissionUnits, this.commissionBig);
  }
}

export class SimulatedVenue implements ExecutionVenue {
  readonly name = "sim";
  private book: OrderEvent[] = [];
  /** Spare array swapped with `book` on every matching pass (no allocation per bar). */
  private spare: OrderEvent[] = [];
  /** Instruments of submitted orders, by instrument id. */
  private readonly instruments: Instrument[] = [];
  private sink: VenueSink | null = null;
  private readonly report = new ScratchReport();

  constructor(
    readonly fees: FeeModel,
    readonly slippageBps: number,
  ) {}

  connect(sink: VenueSink): void {
    this.sink = sink;
  }

  get hasWork(): boolean {
    return this.book.length > 0;
  }

  submit(order: OrderEvent, instrument: Instrument): void {
    this.instruments[instrument.id] = instrument;
    this.book.push(order);
  }

  cancel(orderId: number): boolean {
    const i = this.book.findIndex((o) => o.id === orderId);
    if (i < 0) return false;
    this.book.splice(i, 1);
    this.sink?.cancelled({ orderId, reason: "cancelled" });
    return true;
  }

  openOrders(): readonly OrderEvent[] {
    return this.book.slice();
  }

  onBar(bar: Bar): void {
    const sink = this.sink;
    if (!sink) throw new Error("SimulatedVenue.onBar before connect()");
    // Take the current book; orders submitted by callbacks during matching land in a new book
    // and are appended after the survivors, so FIFO order is preserved.
    const work = this.book;
    this.book = this.spare;
    let kept = 0;
    for (let k = 0; k < work.length; k++) {
      const o = work[k]!;
      // Never match against a bar that opened before the order existed (intra-bar submissions).
      if (o.instrumentId !== bar.instrumentId || bar.tsEvent < o.tsEvent || !this.match(o, bar, sink)) work[kept++] = o;
    }
    work.length = kept;
    for (let k = 0; k < this.book.length; k++) work.push(this.book[k]!);
    this.book.length = 0;
    this.spare = this.book;
    this.book = work;
  }

  /** Tries to fill one order on a bar of its instrument; returns true when it left the book. */
  private match(o: OrderEvent, bar: Bar, sink: VenueSink): boolean {
    const i = this.instruments[o.instrumentId]!;
    let quantity = o.quantity;
    if (o.reduceOnly) {
      const pos = sink.position(o.instrumentId);
      const reducible = o.side === "buy" ? (pos < 0 ? -pos : 0) : pos > 0 ? pos : 0;
      if (reducible <= 0) {
        sink.cancelled({ orderId: o.id, reason: "reduce-only order with nothing to reduce" });
        return true;
      }
      if (quantity > reducible) quantity = floorSize(i, reducible);
    }
    if (o.type === "limit" && o.timeInForce === "alo" && limitMarketableAtOpen(o.side, o.price!, bar.open)) {
      sink.cancelled({ orderId: o.id, reason: "post-only order would take liquidity" });
      return true;
    }
    const price = o.type === "market" ? marketFillPrice(i, o.side, bar.open, this.slippageBps) : restingFillPrice(i, o.type, o.side, o.price!, bar.open, bar.high, bar.low);
    if (Number.isNaN(price)) {
      if (o.timeInForce !== "ioc") return false;
      sink.cancelled({ orderId: o.id, reason: "ioc order not filled on its first bar" });
      return true;
    }
    const liquidity = o.type === "limit" ? "maker" : "taker";
    // One scratch report: the sink consumes it synchronously and keeps nothing.
    const r = this.report;
    r.orderId = o.id;
    r.quantity = quantity;
    r.price = price;
    const units = this.fees.commissionUnitsOf(i, price, quantity, liquidity);
    r.commissionUnits = units;
    if (units !== units) r.commissionBig = this.fees.commission(i, price, quantity, liquidity);
    r.tsEvent = bar.tsEvent;
    r.barIndex = bar.index;
    r.liquidity = liquidity;
    r.remaining = 0;
    sink.fill(r);
    return true;
  }
}
