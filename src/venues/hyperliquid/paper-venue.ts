/**
 * Paper execution venue: the engine's orders are filled by simulation against live market data —
 * the next bar (open ± slippage, limit/stop by range, exactly as the backtest simulator), or the
 * live l2Book / mid when one arrives first (market orders walk the book levels; limits fill when
 * the book crosses them). The engine's Portfolio books the fills; nothing is sent to the venue.
 *
 * The price and fee arithmetic is injected (PaperFillModel, wired in src/app/ from the engine's
 * fill model and FeeModel), so a paper bot fed the same bars as a backtest produces the same fills
 * to the last tick and the last 1e-12 of commission. Orders never fill synchronously in submit():
 * at the earliest on the next market observation after submission (no look-ahead).
 */
import { floorSize, roundPrice, type Amount, type Bar, type BookSnapshot, type Instrument, type OrderEvent, type OrderSide, type OrderType } from "../../core/index.ts";
import type { ExecutionVenue, VenueSink } from "../../engine/ports.ts";

export interface PaperFillModel {
  /** Market fill from a reference price (bar open or mid), slippage included, on the tick grid. */
  marketPrice(i: Instrument, side: OrderSide, reference: number): number;
  /** Limit/stop fill on a bar, NaN when the bar does not reach it. */
  barPrice(i: Instrument, type: Exclude<OrderType, "market">, side: OrderSide, price: number, open: number, high: number, low: number): number;
  commission(i: Instrument, price: number, quantity: number, liquidity: "maker" | "taker"): Amount;
}

interface Working {
  readonly order: OrderEvent;
  readonly instrument: Instrument;
  /** Survived one market observation: a later cross fills it as a resting (maker) order. */
  rested: boolean;
}

export class PaperVenue implements ExecutionVenue {
  readonly name = "paper";
  private book: Working[] = [];
  private sink: VenueSink | null = null;

  constructor(private readonly model: PaperFillModel) {}

  connect(sink: VenueSink): void {
    this.sink = sink;
  }

  get hasWork(): boolean {
    return this.book.length > 0;
  }

  submit(order: OrderEvent, instrument: Instrument): void {
    this.book.push({ order, instrument, rested: false });
  }

  cancel(orderId: number): boolean {
    const i = this.book.findIndex((w) => w.order.id === orderId);
    if (i < 0) return false;
    this.book.splice(i, 1);
    this.sink?.cancelled({ orderId, reason: "cancelled" });
    return true;
  }

  openOrders(): readonly OrderEvent[] {
    return this.book.map((w) => w.order);
  }

  /** Next bar of an instrument (called by the engine before the strategy sees it). */
  onBar(bar: Bar): void {
    this.matchAll(bar.instrumentId, (w, qty) => {
      const o = w.order;
      if (o.type === "limit" && o.timeInForce === "alo" && (o.side === "buy" ? bar.open <= o.price! : bar.open >= o.price!)) return "post-only order would take liquidity";
      const price = o.type === "market" ? this.model.marketPrice(w.instrument, o.side, bar.open) : this.model.barPrice(w.instrument, o.type, o.side, o.price!, bar.open, bar.high, bar.low);
      if (Number.isNaN(price)) return o.timeInForce === "ioc" ? "ioc order not filled on its first bar" : null;
      return this.fill(w, qty, price, o.type === "limit" ? "maker" : "taker", bar.tsEvent, bar.index);
    });
  }

  /** Live book update: market orders take the levels; limits/stops fill when the book reaches them. */
  onBook(b: BookSnapshot): void {
    this.matchAll(b.instrumentId, (w, qty) => {
      const o = w.order;
      const side = o.side === "buy" ? b.asks : b.bids;
      const best = side[0]?.price;
      if (best === undefined) return null;
      if (o.type === "market") return this.fill(w, qty, this.walk(w.instrument, o.side, side, qty), "taker", b.tsEvent, -1);
      const crosses = o.side === "buy" ? best <= o.price! : best >= o.price!;
      if (o.type === "limit") {
        if (o.timeInForce === "alo" && crosses) return "post-only order would take liquidity";
        if (!crosses) return o.timeInForce === "ioc" ? "ioc order not filled against the book" : null;
        // Marketable on arrival: takes the touch. Resting and crossed later: fills at its limit.
        if (w.rested) return this.fill(w, qty, o.price!, "maker", b.tsEvent, -1);
        return this.fill(w, qty, o.side === "buy" ? Math.min(o.price!, best) : Math.max(o.price!, best), "taker", b.tsEvent, -1);
      }
      // stop: triggers when the touch reaches the stop price, fills as a market order
      const triggered = o.side === "buy" ? best >= o.price! : best <= o.price!;
      return triggered ? this.fill(w, qty, this.walk(w.instrument, o.side, side, qty), "taker", b.tsEvent, -1) : null;
    });
  }

  /** Live mid (e.g. allMids) for instruments without a book feed. */
  onMid(instrumentId: number, mid: number, tsEvent: number): void {
    this.matchAll(instrumentId, (w, qty) => {
      const o = w.order;
      if (o.type === "market") return this.fill(w, qty, this.model.marketPrice(w.instrument, o.side, mid), "taker", tsEvent, -1);
      const reached = o.type === "limit" ? (o.side === "buy" ? mid <= o.price! : mid >= o.price!) : o.side === "buy" ? mid >= o.price! : mid <= o.price!;
      if (!reached) return o.timeInForce === "ioc" ? "ioc order not filled at the mid" : null;
      if (o.type === "limit" && o.timeInForce === "alo") return "post-only order would take liquidity";
      return this.fill(w, qty, o.type === "limit" ? o.price! : this.model.marketPrice(w.instrument, o.side, mid), o.type === "limit" ? "maker" : "taker", tsEvent, -1);
    });
  }

  /** Runs `attempt` on each working order of the instrument; "filled"/reason string removes it. */
  private matchAll(instrumentId: number, attempt: (w: Working, qty: number) => "filled" | string | null): void {
    const sink = this.sink;
    if (!sink) throw new Error("PaperVenue used before connect()");
    const work = this.book;
    this.book = [];
    let kept = 0;
    for (const w of work) {
      let done = false;
      if (w.order.instrumentId === instrumentId) {
        const qty = this.quantity(w, sink);
        const r = qty <= 0 ? "reduce-only order with nothing to reduce" : attempt(w, qty);
        if (r === "filled") done = true;
        else if (r !== null) {
          sink.cancelled({ orderId: w.order.id, reason: r });
          done = true;
        }
      }
      if (!done) {
        if (w.order.instrumentId === instrumentId) w.rested = true;
        work[kept++] = w;
      }
    }
    work.length = kept;
    for (const w of this.book) work.push(w); // orders submitted from fill callbacks
    this.book = work;
  }

  private quantity(w: Working, sink: VenueSink): number {
    const o = w.order;
    if (!o.reduceOnly) return o.quantity;
    const pos = sink.position(o.instrumentId);
    const reducible = o.side === "buy" ? Math.max(0, -pos) : Math.max(0, pos);
    return o.quantity > reducible ? floorSize(w.instrument, reducible) : o.quantity;
  }

  private fill(w: Working, qty: number, price: number, liquidity: "maker" | "taker", tsEvent: number, barIndex: number): "filled" {
    this.sink!.fill({
      orderId: w.order.id, quantity: qty, price, commission: this.model.commission(w.instrument, price, qty, liquidity),
      tsEvent, barIndex, liquidity, remaining: 0,
    });
    return "filled";
  }

  /** Volume-weighted price of taking `qty` from the levels; beyond the book, the last level. */
  private walk(i: Instrument, side: OrderSide, levels: BookSnapshot["asks"], qty: number): number {
    let left = qty;
    let cost = 0;
    let last = levels[0]!.price;
    for (const l of levels) {
      const take = Math.min(left, l.size);
      cost += take * l.price;
      left -= take;
      last = l.price;
      if (left <= 0) break;
    }
    if (left > 0) cost += left * last;
    return roundPrice(i, cost / qty, side === "buy" ? "up" : "down");
  }
}
