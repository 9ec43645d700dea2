/**
 * TradingEngine: the incremental, single-threaded core shared by backtest, paper and live.
 * For each closed bar of an instrument, `processBar` does, in this order:
 *   1. the venue fills orders still working against this bar (simulator: open / range);
 *   2. mark-to-market of the instrument at the bar's close;
 *   3. strategy.onBar(bar) → optional signal;
 *   4. risk manager → 0..2 orders, submitted to the venue; they can fill no earlier than the
 *      next bar of that instrument.
 * Fills reported by the venue (synchronously or later) are booked in the Portfolio and
 * announced on the EngineListener together with signals, orders, cancels and closed trades.
 *
 * The engine holds no wall clock, no I/O and no randomness besides the seeded rng it hands to
 * strategies. `snapshot()` + the `snapshot` option restore portfolio, order ids and open orders
 * (strategy indicator state is not persisted: warm strategies with `warm(bar)` after restore).
 */
import {
  BaseError,
  ConflictError,
  floorSize,
  OrderRejectedError,
  roundPrice,
  SeededRng,
  type Bar,
  type BookSnapshot,
  type Clock,
  type FillEvent,
  type OrderEvent,
  type Quote,
  type SignalEvent,
  type TradeTick,
} from "../core/index.ts";
import { toNumber } from "./exact.ts";
import { idText } from "./id-text.ts";
import { Portfolio } from "./portfolio.ts";
import type { EngineListener, ExecutionVenue, FillReport, OrderCancel, VenueSink } from "./ports.ts";
import type { OrderIntent, RiskManager } from "./risk.ts";
import type { SignalIntent } from "./strategy.ts";
import { SlotContext, type EngineCounters, type EngineSnapshot, type OrderRequest, type Slot, type TradingEngineOptions } from "./engine-types.ts";

export type { EngineFeed, EngineSnapshot, TradingEngineOptions, OrderRequest, EngineCounters } from "./engine-types.ts";

export class TradingEngine {
  readonly portfolio: Portfolio;
  readonly counters: EngineCounters = { bars: 0, signals: 0, ignoredSignals: 0, orders: 0, fills: 0, cancels: 0 };
  private readonly slots: Slot[] = [];
  /** Orders not yet done, in submission order (few at a time: linear search beats a Map here). */
  private readonly working: OrderEvent[] = [];
  private readonly venue: ExecutionVenue;
  private readonly risk: RiskManager;
  private readonly clock: Clock;
  private readonly listener: EngineListener;
  private readonly prefix: string;
  private nextOrderId = 1;

  constructor(o: TradingEngineOptions) {
    if (o.feeds.length === 0) throw new ConflictError("engine needs at least one instrument feed");
    const instruments = o.feeds.map((f) => f.instrument);
    this.portfolio = o.snapshot ? Portfolio.restore(o.snapshot.portfolio, instruments) : new Portfolio(o.capital, instruments);
    this.venue = o.venue;
    this.risk = o.risk;
    this.clock = o.clock;
    this.listener = o.listener ?? {};
    this.prefix = o.clientIdPrefix ?? "e";
    const rng = new SeededRng(o.seed ?? 1);
    for (const f of o.feeds) {
      const id = f.instrument.id;
      if (!Number.isInteger(id) || id < 0 || id > 65535) throw new ConflictError(`instrument id must be an integer in 0..65535, got ${id}`);
      if (this.slots[id]) throw new ConflictError(`two feeds use instrument id ${id}`);
      const position = this.portfolio.position(id);
      this.slots[id] = { instrument: f.instrument, strategy: f.strategy, position, ctx: new SlotContext(o.clock, f.instrument, rng, position), lastBarIndex: -1 };
    }
    const sink: VenueSink = {
      fill: (r) => this.onFill(r),
      cancelled: (c) => this.onCancelled(c),
      position: (id) => this.portfolio.position(id).qtyF,
    };
    this.venue.connect(sink);
    if (o.snapshot) {
      this.nextOrderId = o.snapshot.nextOrderId;
      for (const order of o.snapshot.openOrders) {
        this.working.push(order);
        this.venue.submit(order, this.slot(order.instrumentId).instrument);
      }
    }
  }

  /** The closed bar `bar` of instrument `bar.instrumentId` (see the file comment for the steps). */
  processBar(bar: Bar): void {
    const slot = this.slots[bar.instrumentId];
    if (slot === undefined) throw new ConflictError(`bar for unknown instrument id ${bar.instrumentId}`);
    if (this.venue.hasWork) this.venue.onBar(bar);
    const pos = slot.position;
    pos.mark = bar.close;
    pos.markTime = bar.tsEvent + bar.intervalMs;
    slot.lastBarIndex = bar.index;
    this.counters.bars++;
    if (this.listener.onEquity !== undefined) this.listener.onEquity(pos.markTime, this.portfolio.equityF(), bar.index);
    const intent = slot.strategy.onBar(bar, slot.ctx);
    if (intent != null) this.onIntent(slot, intent, bar.close, bar.tsEvent + bar.intervalMs, bar.index);
  }

  /** Feeds a bar to the strategy and marks the position without acting on signals (warm-up after restore). */
  warm(bar: Bar): void {
    const slot = this.slot(bar.instrumentId);
    slot.position.mark = bar.close;
    slot.position.markTime = bar.tsEvent + bar.intervalMs;
    slot.strategy.onBar(bar, slot.ctx);
  }

  /** A trade print: marks the instrument at the trade price and runs the strategy's onTrade. */
  processTrade(t: TradeTick): void {
    const slot = this.slot(t.instrumentId);
    slot.position.mark = t.price;
    slot.position.markTime = t.tsEvent;
    const intent = slot.strategy.onTrade?.(t, slot.ctx);
    if (intent != null) this.onIntent(slot, intent, t.price, t.tsEvent, slot.lastBarIndex);
  }

  processQuote(q: Quote): void {
    const slot = this.slot(q.instrumentId);
    const intent = slot.strategy.onQuote?.(q, slot.ctx);
    if (intent != null) this.onIntent(slot, intent, (q.bid + q.ask) / 2, q.tsEvent, slot.lastBarIndex);
  }

  processBook(b: BookSnapshot): void {
    const slot = this.slot(b.instrumentId);
    const intent = slot.strategy.onBook?.(b, slot.ctx);
    const mid = b.bids[0] && b.asks[0] ? (b.bids[0].price + b.asks[0].price) / 2 : slot.position.mark;
    if (intent != null) this.onIntent(slot, intent, mid, b.tsEvent, slot.lastBarIndex);
  }

  /** Places an order directly (bypassing strategy and risk sizing); validated against the grids. */
  placeOrder(r: OrderRequest): OrderEvent {
    const slot = this.slot(r.instrumentId);
    const i = slot.instrument;
    if (!(r.quantity > 0) || Math.abs(floorSize(i, r.quantity) - r.quantity) > 1e-12 * r.quantity) {
      throw new OrderRejectedError(`${i.symbol}: quantity ${r.quantity} must be > 0 and on the lot grid`, { field: "quantity" });
    }
    if (r.type !== "market") {
      const p = r.price;
      if (p === undefined || !(p > 0) || roundPrice(i, p) !== p) {
        throw new OrderRejectedError(`${i.symbol}: ${r.type} order needs a price > 0 on the tick grid, got ${String(p)}`, { field: "price" });
      }
    }
    return this.submit(slot, {
      side: r.side,
      type: r.type,
      quantity: r.quantity,
      ...(r.price !== undefined && r.type !== "market" ? { price: r.price } : {}),
      timeInForce: r.timeInForce ?? "gtc",
      reduceOnly: r.reduceOnly ?? false,
      reason: r.reason ?? "manual",
    }, slot.lastBarIndex);
  }

  cancelOrder(orderId: number): boolean {
    return this.venue.cancel(orderId);
  }

  /** Orders submitted and not yet completely filled or cancelled. */
  openOrders(): OrderEvent[] {
    return this.working.slice();
  }

  /** Float equity at the current marks (cash + unrealized PnL). */
  get equity(): number {
    return this.portfolio.equityF();
  }

  snapshot(): EngineSnapshot {
    return { version: 1, portfolio: this.portfolio.snapshot(), nextOrderId: this.nextOrderId, openOrders: this.openOrders() };
  }

  private findWorking(orderId: number): number {
    const ws = this.working;
    for (let k = 0; k < ws.length; k++) if (ws[k]!.id === orderId) return k;
    return -1;
  }

  /** Removes working[k] keeping the order (splice would allocate the removed-items array). */
  private removeWorking(k: number): void {
    const ws = this.working;
    const n = ws.length - 1;
    for (let j = k; j < n; j++) ws[j] = ws[j + 1]!;
    ws.pop();
  }

  private slot(id: number): Slot {
    const s = this.slots[id];
    if (s === undefined) throw new ConflictError(`unknown instrument id ${id}`);
    return s;
  }

  private onIntent(slot: Slot, intent: Exclude<SignalIntent, null | undefined | void>, price: number, time: number, barIndex: number): void {
    const direction = typeof intent === "string" ? intent : intent.direction;
    const strength = typeof intent === "string" ? 1 : intent.strength;
    if (direction !== "long" && direction !== "short" && direction !== "exit") {
      throw new BaseError(`strategy ${slot.strategy.name} returned an invalid signal direction ${JSON.stringify(direction)}`, { code: "STRATEGY_INVALID_SIGNAL" });
    }
    const signal: SignalEvent = { instrumentId: slot.instrument.id, direction, strength, price, tsEvent: time, barIndex, strategy: slot.strategy.name };
    this.counters.signals++;
    this.listener.onSignal?.(signal);
    const equity = this.portfolio.equityNumber(); // = toNumber(equity()), without bigints
    const decision = this.risk.evaluate(signal, { instrument: slot.instrument, equity, position: slot.position.qtyF, price });
    if (decision.orders.length === 0) {
      this.counters.ignoredSignals++;
      this.listener.onSignalIgnored?.(signal, decision.note ?? "no order");
      return;
    }
    for (const oi of decision.orders) this.submit(slot, oi, barIndex);
  }

  private submit(slot: Slot, oi: OrderIntent, barIndex: number): OrderEvent {
    const id = this.nextOrderId++;
    const order: OrderEvent = {
      id,
      clientId: this.prefix + idText(id),
      instrumentId: slot.instrument.id,
      side: oi.side,
      type: oi.type,
      quantity: oi.quantity,
      price: oi.price,
      timeInForce: oi.timeInForce,
      reduceOnly: oi.reduceOnly,
      tsEvent: this.clock.now(),
      barIndex,
      reason: oi.reason,
    };
    this.working.push(order);
    this.counters.orders++;
    this.listener.onOrder?.(order);
    this.venue.submit(order, slot.instrument);
    return order;
  }

  private onFill(r: FillReport): void {
    const k = this.findWorking(r.orderId);
    const o = this.working[k];
    if (o === undefined) throw new ConflictError(`venue reported a fill for unknown order ${r.orderId}`, { orderId: r.orderId });
    const cu = r.commissionUnits;
    const fee = cu !== undefined && cu === cu ? cu : r.commission; // units when the venue has them
    const booked = this.portfolio.applyFill(o.instrumentId, o.side, r.quantity, r.price, fee, r.tsEvent, r.barIndex);
    if (r.remaining <= 0) this.removeWorking(k);
    this.counters.fills++;
    const l = this.listener;
    if (l.onFill !== undefined) {
      const fill: FillEvent = {
        orderId: o.id,
        instrumentId: o.instrumentId,
        side: o.side,
        quantity: r.quantity,
        price: r.price,
        commission: typeof fee === "number" ? fee / 1e12 : toNumber(fee),
        tsEvent: r.tsEvent,
        barIndex: r.barIndex,
        liquidity: r.liquidity,
        reason: o.reason,
      };
      l.onFill(fill);
    }
    if (booked.closed !== null) l.onTradeClosed?.(booked.closed);
  }

  private onCancelled(c: OrderCancel): void {
    const k = this.findWorking(c.orderId);
    if (k < 0) return;
    this.removeWorking(k);
    this.counters.cancels++;
    this.listener.onOrderCancelled?.(c);
  }
}
