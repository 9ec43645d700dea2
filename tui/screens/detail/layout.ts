/**
 * How the detail screen splits the rows it is given. At 80×24 everything is stacked and the
 * bottom pane shows trades or events (Tab switches); from 120×34 the chart grows and trades and
 * events sit side by side (the trade table keeps at least 80 columns, events get the rest).
 *
 * Invariant: metrics + chart + positions + pane ≤ height (the screen never scrolls the terminal).
 */
export interface DetailLayout {
  readonly metrics: number;
  readonly chart: number;
  readonly positions: number;
  /** Rows for the trades table including its header (and for events beside it when split). */
  readonly pane: number;
  readonly split: boolean;
  /** Columns of the trades pane and (when split) of the events pane beside it (2 columns gap). */
  readonly tradesWidth: number;
  readonly eventsWidth: number;
}

export function detailLayout(width: number, height: number, opts: { readonly hasError: boolean; readonly positions: number }): DetailLayout {
  const metrics = 3 + (opts.hasError ? 1 : 0);
  // Side by side only when the trade table keeps its 80 columns and events get 40.
  const split = width >= 122 && height >= 30;
  const tradesWidth = split ? Math.min(100, Math.max(80, Math.floor(width * 0.55))) : width;
  const eventsWidth = split ? width - tradesWidth - 2 : width;
  const chart = height >= 40 ? 8 : height >= 30 ? 5 : 3;
  // Positions: a title line plus header and rows when there are any (at most 4 rows).
  const positions = opts.positions === 0 ? 1 : 2 + Math.min(opts.positions, 4);
  // One title line above the chart and one above the pane.
  const pane = Math.max(3, height - metrics - 1 - chart - positions - 1);
  return { metrics, chart, positions, pane, split, tradesWidth, eventsWidth };
}
