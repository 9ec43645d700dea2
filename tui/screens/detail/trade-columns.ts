/**
 * Columns of the trade history and open-positions tables for a given width.
 */
import type { PositionView, TradeView } from "../../client/api-types.ts";
import type { Cell, Column } from "../../components/Table.tsx";
import { dateTime, pctOfFraction, price, quantity, signedMoney, money } from "../../lib/format.ts";
import { signColor, theme } from "../../theme.ts";

type TradeKey = "id" | "dir" | "entryTime" | "exitTime" | "entry" | "exit" | "qty" | "pnl" | "pnlPct" | "fees";

interface TradeCol extends Column {
  readonly key: TradeKey;
}

const ALL: readonly TradeCol[] = [
  { key: "id", title: "#", width: 4, align: "right" },
  { key: "dir", title: "DIR", width: 5 },
  { key: "entryTime", title: "ENTRY (UTC)", width: 16 },
  { key: "exitTime", title: "EXIT (UTC)", width: 16 },
  { key: "entry", title: "ENTRY", width: 10, align: "right" },
  { key: "exit", title: "EXIT", width: 10, align: "right" },
  { key: "qty", title: "QTY", width: 9, align: "right" },
  { key: "pnl", title: "PNL", width: 10, align: "right" },
  { key: "pnlPct", title: "PNL%", width: 7, align: "right" },
  { key: "fees", title: "FEES", width: 8, align: "right" },
];

const rowWidth = (cols: readonly Column[]): number => 1 + cols.reduce((n, c) => n + c.width, 0) + cols.length - 1;

/**
 * Trade columns that fit `width`: all ten from 118 columns; dropped first are entry time, fees,
 * quantity, then the entry price (80 columns show the essentials).
 */
export function tradeColumns(width: number): TradeCol[] {
  let cols = [...ALL];
  for (const drop of ["entryTime", "fees", "qty", "entry", "pnlPct"] as const) {
    if (rowWidth(cols) <= width) break;
    cols = cols.filter((c) => c.key !== drop);
  }
  return cols;
}

export function tradeCells(cols: readonly TradeCol[], t: TradeView): Cell[] {
  return cols.map((c): Cell => {
    switch (c.key) {
      case "id":
        return { text: String(t.id), color: theme.muted };
      case "dir":
        return { text: t.direction, color: t.direction === "long" ? theme.profit : theme.loss };
      case "entryTime":
        return { text: dateTime(t.entry_time), color: theme.muted };
      case "exitTime":
        return { text: dateTime(t.exit_time) };
      case "entry":
        return { text: price(t.entry_price) };
      case "exit":
        return { text: price(t.exit_price) };
      case "qty":
        return { text: quantity(t.quantity) };
      case "pnl":
        return { text: signedMoney(t.pnl), color: signColor(t.pnl) };
      case "pnlPct":
        return { text: pctOfFraction(t.pnl_pct, 2, true), color: signColor(t.pnl) };
      case "fees":
        return { text: money(t.fees), color: theme.muted };
    }
  });
}

export const POSITION_COLUMNS: readonly Column[] = [
  { title: "SYMBOL", width: 8 },
  { title: "SIDE", width: 5 },
  { title: "QTY", width: 10, align: "right" },
  { title: "ENTRY", width: 10, align: "right" },
  { title: "MARK", width: 10, align: "right" },
  { title: "UNREAL PNL", width: 11, align: "right" },
  { title: "OPENED (UTC)", width: 16 },
];

export function positionCells(p: PositionView): Cell[] {
  return [
    { text: p.symbol },
    { text: p.side, color: p.side === "long" ? theme.profit : theme.loss },
    { text: quantity(p.quantity) },
    { text: price(p.entry_price) },
    { text: price(p.mark_price) },
    { text: signedMoney(p.unrealized_pnl), color: signColor(p.unrealized_pnl) },
    { text: dateTime(p.opened_at), color: theme.muted },
  ];
}
