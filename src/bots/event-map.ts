/**
 * Engine audit records → bot event bodies and trade views (the wire shapes in types.ts).
 * Pure functions: the actor stamps seq/bot_id/ts.
 */
import type { FillEvent, OrderEvent, SignalEvent } from "../core/index.ts";
import { formatAmount } from "../core/index.ts";
import type { OrderCancel, TradeRecord } from "../engine/index.ts";
import type { BotEventBody, TradeView } from "./types.ts";

export function signalBody(s: SignalEvent): BotEventBody {
  return { type: "signal", data: { direction: s.direction, strength: s.strength, price: s.price, bar_index: s.barIndex } };
}

export function ignoredBody(s: SignalEvent, reason: string): BotEventBody {
  return { type: "signal_ignored", data: { direction: s.direction, reason } };
}

export function orderBody(o: OrderEvent): BotEventBody {
  return { type: "order", data: { order_id: o.id, side: o.side, order_type: o.type, quantity: o.quantity, price: o.price ?? null, reason: o.reason } };
}

export function cancelBody(c: OrderCancel): BotEventBody {
  return { type: "cancel", data: { order_id: c.orderId, reason: c.reason } };
}

export function fillBody(f: FillEvent): BotEventBody {
  return {
    type: "fill",
    data: { order_id: f.orderId, side: f.side, quantity: f.quantity, price: f.price, commission: f.commission, liquidity: f.liquidity, reason: f.reason },
  };
}

/** `id` is the bot's own trade number within the epoch (the engine's restarts from 1 after a restore). */
export function tradeView(t: TradeRecord, epoch: number, id: number): TradeView {
  return {
    id,
    epoch,
    symbol: t.symbol,
    direction: t.direction,
    entry_time: t.entryTime,
    exit_time: t.exitTime,
    entry_price: t.entryPrice,
    exit_price: t.exitPrice,
    quantity: t.quantity,
    pnl: t.pnl,
    pnl_pct: t.pnlPct,
    fees: t.fees,
    entry_bar: t.entryBar,
    exit_bar: t.exitBar,
    pnl_exact: formatAmount(t.pnlAmount, 12),
  };
}
