/**
 * One-line descriptions of bot events for the detail screen's event list.
 *
 *   state   running → paused
 *   fill    buy 0.0153 @ 64,120.5 fee 0.25 (taker)
 *   trade   #3 long +12.40 (+0.61%)
 */
import type { BotEvent } from "../client/api-types.ts";
import { price, quantity, signedMoney, pctOfFraction, money } from "./format.ts";
import { theme } from "../theme.ts";

export function describeEvent(e: BotEvent): string {
  switch (e.type) {
    case "state":
      return `${e.data.from} → ${e.data.to}${e.data.error ? `: ${e.data.error}` : ""}`;
    case "signal":
      return `${e.data.direction} strength ${e.data.strength.toFixed(2)} @ ${price(e.data.price)}`;
    case "signal_ignored":
      return `${e.data.direction} ignored: ${e.data.reason}`;
    case "order":
      return `${e.data.side} ${quantity(e.data.quantity)} ${e.data.order_type}${e.data.price !== null ? ` @ ${price(e.data.price)}` : ""}${e.data.reason ? ` (${e.data.reason})` : ""}`;
    case "cancel":
      return `order ${e.data.order_id} cancelled: ${e.data.reason}`;
    case "fill":
      return `${e.data.side} ${quantity(e.data.quantity)} @ ${price(e.data.price)} fee ${money(e.data.commission)} (${e.data.liquidity})`;
    case "trade":
      return `#${e.data.id} ${e.data.direction} ${signedMoney(e.data.pnl)} (${pctOfFraction(e.data.pnl_pct, 2, true)})`;
    case "notice":
      return e.data.message;
    case "error":
      return `${e.data.code}: ${e.data.message}`;
    case "config":
      return `changed ${e.data.changed.join(", ") || "nothing"}${e.data.restart_required.length ? `; restart needed for ${e.data.restart_required.join(", ")}` : ""}`;
    default: {
      const u = e as { type: string; data?: unknown };
      return JSON.stringify(u.data ?? {}).slice(0, 120);
    }
  }
}

export function eventColor(e: BotEvent): string {
  switch (e.type) {
    case "error":
      return theme.error;
    case "trade":
      return e.data.pnl >= 0 ? theme.profit : theme.loss;
    case "state":
      return e.data.to === "error" ? theme.error : theme.info;
    case "fill":
      return "white";
    case "notice":
    case "config":
      return theme.warning;
    default:
      return theme.muted;
  }
}
