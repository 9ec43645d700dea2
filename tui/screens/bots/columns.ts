/**
 * Which bot-list columns fit a terminal width, and each bot as table cells. 80 columns show the
 * essentials (id, symbol, strategy, mode, state, equity, return, Sharpe, trades); wider terminals
 * add interval, max drawdown, win rate, feed status and the last bar time.
 *
 * Invariant: the row (1 marker column + widths + 1 space between columns) never exceeds `width`
 * (from 40 columns up; below ~70 the least essential columns are dropped).
 */
import type { BotSummary } from "../../client/api-types.ts";
import type { Cell, Column } from "../../components/Table.tsx";
import { dateTime, money, pctOfFraction, pctPoints, ratio } from "../../lib/format.ts";
import { STATE_STYLE, signColor, theme } from "../../theme.ts";

type Key = "id" | "symbol" | "interval" | "strategy" | "mode" | "state" | "equity" | "ret" | "sharpe" | "dd" | "win" | "trades" | "feed" | "last";

interface Def extends Column {
  readonly key: Key;
}

const BASE: readonly Def[] = [
  { key: "id", title: "ID", width: 12 },
  { key: "symbol", title: "SYMBOL", width: 6 },
  { key: "strategy", title: "STRATEGY", width: 11 },
  { key: "mode", title: "MODE", width: 5 },
  { key: "state", title: "STATE", width: 8 },
  { key: "equity", title: "EQUITY", width: 10, align: "right" },
  { key: "ret", title: "RET%", width: 7, align: "right" },
  { key: "sharpe", title: "SHARPE", width: 6, align: "right" },
  { key: "trades", title: "TRADES", width: 6, align: "right" },
];

/** Extra columns in the order they are added as width allows. */
const EXTRA: readonly { readonly after: Key; readonly def: Def }[] = [
  { after: "symbol", def: { key: "interval", title: "INT", width: 4 } },
  { after: "sharpe", def: { key: "dd", title: "MAX DD", width: 6, align: "right" } },
  { after: "dd", def: { key: "win", title: "WIN%", width: 6, align: "right" } },
  { after: "trades", def: { key: "feed", title: "FEED", width: 9 } },
  { after: "feed", def: { key: "last", title: "LAST BAR (UTC)", width: 16 } },
];

const rowWidth = (cols: readonly Def[]): number => 1 + cols.reduce((n, c) => n + c.width, 0) + (cols.length - 1);

export function botColumns(width: number): Def[] {
  let cols = [...BASE];
  for (const { after, def } of EXTRA) {
    const i = cols.findIndex((c) => c.key === after);
    const next = [...cols.slice(0, i + 1), def, ...cols.slice(i + 1)];
    if (rowWidth(next) > width) break;
    cols = next;
  }
  // Spare room goes to the id and strategy columns (long names are common there).
  let spare = width - rowWidth(cols);
  const grow = (key: Key, max: number) => {
    const i = cols.findIndex((c) => c.key === key);
    const add = Math.max(0, Math.min(spare, max - cols[i]!.width));
    cols[i] = { ...cols[i]!, width: cols[i]!.width + add };
    spare -= add;
  };
  grow("id", 24);
  grow("strategy", 20);
  if (rowWidth(cols) > width) {
    // Narrower than 80: shrink id and strategy down to a floor rather than overflow.
    for (const key of ["strategy", "id"] as const) {
      const i = cols.findIndex((c) => c.key === key);
      const cut = Math.min(rowWidth(cols) - width, cols[i]!.width - 6);
      if (cut > 0) cols[i] = { ...cols[i]!, width: cols[i]!.width - cut };
    }
  }
  // Still too wide (under ~70 columns): drop the least essential columns.
  for (const key of ["sharpe", "mode", "trades", "symbol", "ret"] as const) {
    if (rowWidth(cols) <= width) break;
    cols = cols.filter((c) => c.key !== key);
  }
  return cols;
}

function cellOf(key: Key, b: BotSummary): Cell {
  switch (key) {
    case "id":
      return { text: b.id };
    case "symbol":
      return { text: b.symbol };
    case "interval":
      return { text: b.interval, color: theme.muted };
    case "strategy":
      return { text: b.strategy };
    case "mode":
      return { text: b.mode, color: b.mode === "live" ? theme.warning : undefined };
    case "state":
      return { text: STATE_STYLE[b.state]?.label ?? b.state, color: STATE_STYLE[b.state]?.color };
    case "equity":
      return { text: money(b.equity) };
    case "ret":
      return { text: pctPoints(b.return_pct), color: signColor(b.return_pct) };
    case "sharpe":
      return { text: ratio(b.sharpe), color: signColor(b.sharpe) };
    case "dd":
      return { text: pctOfFraction(b.max_drawdown), color: b.max_drawdown > 0 ? theme.loss : theme.muted };
    case "win":
      return { text: pctOfFraction(b.win_rate) };
    case "trades":
      return { text: String(b.trades) };
    case "feed":
      return { text: b.feed_status.state, color: b.feed_status.state === "retrying" ? theme.warning : b.feed_status.state === "ok" ? theme.ok : theme.muted };
    case "last":
      return { text: dateTime(b.last_bar_time), color: theme.muted };
  }
}

export function botCells(cols: readonly Def[], b: BotSummary): Cell[] {
  return cols.map((c) => cellOf(c.key, b));
}
