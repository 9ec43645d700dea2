/**
 * Risk manager: turns a signal into 0, 1 or 2 orders (the seed's SimpleRiskManager semantics,
 * with its known bug fixed — see docs/readme/backtest.md):
 *  - size: value = min(equity × leverage × riskPerTradePct, equity × maxPositionPct),
 *    quantity = value / reference price (close of the signal bar), floored to the lot;
 *  - long/short while flat → one entry order; the opposite of the current side → a reduce-only
 *    close of the whole position ("flip-close") then an entry ("flip-open"), both sized from the
 *    equity at the signal bar's close; exit → close the whole position;
 *  - a signal in the direction already held, an exit while flat, or an entry that floors to
 *    zero lots produces no order and is reported with a reason (the seed added a second full
 *    entry on repeated signals; we hold instead). Signal strength does not scale the size.
 * All orders are market orders.
 */
import { floorSize, type Instrument, type OrderSide, type OrderType, type SignalEvent, type TimeInForce } from "../core/index.ts";
import type { EngineSettings } from "./settings.ts";

export interface OrderIntent {
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: number;
  readonly price?: number;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly: boolean;
  readonly reason: string;
}

export interface RiskContext {
  readonly instrument: Instrument;
  /** Account equity at the reference price (cash + mark-to-market of every position). */
  readonly equity: number;
  /** Signed position in base units (0 when flat). */
  readonly position: number;
  /** Reference price: close of the bar that produced the signal. */
  readonly price: number;
}

export interface RiskDecision {
  readonly orders: readonly OrderIntent[];
  /** Why some or all of the signal was not acted upon (set when an entry was skipped). */
  readonly note?: string;
}

export interface RiskManager {
  evaluate(signal: SignalEvent, ctx: RiskContext): RiskDecision;
}

const NONE: readonly OrderIntent[] = [];

export class SizingRiskManager implements RiskManager {
  constructor(private readonly s: Pick<EngineSettings, "riskPerTradePct" | "maxPositionPct" | "leverage">) {}

  /** Entry quantity for an equity and reference price, floored to the lot (0 when too small). */
  size(i: Instrument, equity: number, price: number): number {
    if (!(equity > 0) || !(price > 0)) return 0;
    const value = Math.min(equity * this.s.leverage * this.s.riskPerTradePct, equity * this.s.maxPositionPct);
    return floorSize(i, value / price);
  }

  evaluate(signal: SignalEvent, ctx: RiskContext): RiskDecision {
    const pos = ctx.position;
    if (signal.direction === "exit") {
      if (pos === 0) return { orders: NONE, note: "exit while flat" };
      return { orders: [close(pos, "exit")] };
    }
    const want = signal.direction === "long" ? 1 : -1;
    if (pos * want > 0) return { orders: NONE, note: `already ${signal.direction}` };
    const qty = this.size(ctx.instrument, ctx.equity, ctx.price);
    // Array literals of the final length (no growth on push); a flip closes before it opens.
    if (qty > 0) {
      const entry: OrderIntent = { side: want > 0 ? "buy" : "sell", type: "market", quantity: qty, timeInForce: "gtc", reduceOnly: false, reason: pos !== 0 ? "flip-open" : "entry" };
      return { orders: pos !== 0 ? [close(pos, "flip-close"), entry] : [entry] };
    }
    return { orders: pos !== 0 ? [close(pos, "flip-close")] : NONE, note: "entry size below one lot" };
  }
}

function close(pos: number, reason: string): OrderIntent {
  return { side: pos > 0 ? "sell" : "buy", type: "market", quantity: Math.abs(pos), timeInForce: "gtc", reduceOnly: true, reason };
}
