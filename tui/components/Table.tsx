/**
 * A fixed-width text table with a header, an optional highlighted row and a vertical window.
 * Columns are laid out by the caller (screens pick which columns fit the terminal width).
 *
 *   ID          SYMBOL  STATE      EQUITY
 *  ▸btc-sma     BTC     Running  10,234.10     ← selected row, inverse
 *   eth-rsi     ETH     Paused    9,870.00
 *   … 3 more
 *
 * Invariants: each line is at most the sum of column widths + separators; the selected row is
 * always inside the window; `offset` (when given) wins over following the selection.
 */
import { Box, Text } from "ink";
import { cell } from "../lib/format.ts";
import { theme } from "../theme.ts";

export interface Column {
  readonly title: string;
  readonly width: number;
  readonly align?: "left" | "right";
}

export interface Cell {
  readonly text: string;
  readonly color?: string | undefined;
}

export interface Row {
  readonly key: string;
  readonly cells: readonly Cell[];
}

export interface TableProps {
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** Rows visible below the header. */
  readonly height: number;
  readonly selected?: number;
  /** First visible row; default follows `selected`. */
  readonly offset?: number;
  readonly emptyText?: string;
}

/** Window start that keeps `selected` visible, roughly centred. */
export function windowStart(count: number, height: number, selected: number): number {
  if (count <= height) return 0;
  const s = Math.max(0, Math.min(count - 1, selected));
  return Math.max(0, Math.min(count - height, s - Math.floor(height / 2)));
}

export function Table({ columns, rows, height, selected = -1, offset, emptyText = "nothing to show" }: TableProps) {
  const h = Math.max(2, height);
  const overflow = rows.length > h;
  // When rows overflow, the last line says how many are hidden, so the table never exceeds h lines.
  const shown = overflow ? h - 1 : h;
  const maxStart = Math.max(0, rows.length - shown);
  const start = offset !== undefined ? Math.max(0, Math.min(offset, maxStart)) : windowStart(rows.length, shown, selected);
  const visible = rows.slice(start, start + shown);
  const below = rows.length - start - visible.length;
  const header = columns.map((c) => cell(c.title, c.width, c.align)).join(" ");
  return (
    <Box flexDirection="column">
      <Text bold color={theme.muted}>
        {" "}
        {header}
      </Text>
      {rows.length === 0 ? <Text color={theme.muted}> {emptyText}</Text> : null}
      {visible.map((r, i) => {
        const isSel = start + i === selected;
        return (
          <Text key={r.key} inverse={isSel}>
            {isSel ? "▸" : " "}
            {columns.map((c, j) => {
              const cl = r.cells[j];
              return (
                <Text key={j} color={isSel ? undefined : cl?.color}>
                  {cell(cl?.text ?? "", c.width, c.align)}
                  {j < columns.length - 1 ? " " : ""}
                </Text>
              );
            })}
          </Text>
        );
      })}
      {overflow ? (
        <Text color={theme.muted}>
          {" "}… {[below > 0 ? `${below} more below` : "", start > 0 ? `${start} above` : ""].filter(Boolean).join(", ")}
        </Text>
      ) : null}
    </Box>
  );
}
