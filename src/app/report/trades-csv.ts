/**
 * `--trades-out` CSV: one row per closed trade, header
 * id,direction,entry_time,exit_time,entry_bar,exit_bar,entry_price,exit_price,quantity,pnl,pnl_pct,fees
 * Times are ISO-8601 UTC; pnl and fees are the exact booked amounts (12 decimals, trailing zeros
 * removed); prices are the average fill prices of the entry and exit legs.
 */
import { formatAmount } from "../../core/index.ts";
import type { BacktestResult } from "../../engine/index.ts";
import { fmtPlain } from "./format.ts";

export const TRADES_CSV_HEADER = "id,direction,entry_time,exit_time,entry_bar,exit_bar,entry_price,exit_price,quantity,pnl,pnl_pct,fees";

export function tradesCsv(r: BacktestResult): string {
  const pd = r.instrument.priceDecimals + 4;
  const sd = r.instrument.sizeDecimals;
  const out = [TRADES_CSV_HEADER];
  for (const t of r.trades) {
    out.push(
      [
        t.id,
        t.direction,
        new Date(t.entryTime).toISOString(),
        new Date(t.exitTime).toISOString(),
        t.entryBar,
        t.exitBar,
        fmtPlain(t.entryPrice, pd),
        fmtPlain(t.exitPrice, pd),
        fmtPlain(t.quantity, sd),
        trimAmount(formatAmount(t.pnlAmount, 12)),
        fmtPlain(t.pnlPct, 10),
        trimAmount(formatAmount(t.feesAmount, 12)),
      ].join(","),
    );
  }
  return out.join("\n") + "\n";
}

function trimAmount(s: string): string {
  return s.replace(/0+$/, "").replace(/\.$/, "");
}
