/**
 * Bottom lines: the result of the last action (green ok, red error with the API's message), what
 * is in flight, and the keys of the current screen.
 *
 * A long error message wraps onto a second line rather than losing its end.
 *
 *   ✓ started btc-sma
 *   ↑↓ select  Enter detail  s start  x stop  p pause/resume  a add  e edit  d delete  ? help  q quit
 */
import { Box, Text } from "ink";
import type { Notice } from "../state/types.ts";
import { truncate } from "../lib/format.ts";
import { theme } from "../theme.ts";

export interface StatusBarProps {
  readonly notice: Notice | null;
  readonly busy: string | null;
  readonly hints: readonly (readonly [key: string, what: string])[];
  readonly width: number;
}

const ICON = { ok: "✓", error: "✗", info: "•" } as const;
const COLOR = { ok: theme.ok, error: theme.error, info: theme.info } as const;

/** Hints that fit in `width`, dropping from the end ("? help" and "q quit" are listed last but kept). */
export function fitHints(hints: readonly (readonly [string, string])[], width: number): string {
  const parts = hints.map(([k, w]) => `${k} ${w}`);
  const keep = parts.filter((p) => p.startsWith("? ") || p.startsWith("q "));
  const rest = parts.filter((p) => !keep.includes(p));
  while (rest.length > 0 && [...rest, ...keep].join("  ").length > width) rest.pop();
  return truncate([...rest, ...keep].join("  "), width);
}

/** Lines the status bar needs: the notice (up to two lines when long) plus the key hints. */
export function statusLines(notice: Notice | null, busy: string | null, width: number): number {
  const text = `${busy ? `… ${busy} ` : ""}${notice ? `${ICON[notice.kind]} ${notice.text}` : ""}`;
  return 1 + Math.min(2, Math.max(1, Math.ceil([...text].length / Math.max(1, width))));
}

export function StatusBar({ notice, busy, hints, width }: StatusBarProps) {
  const lines = statusLines(notice, busy, width) - 1;
  return (
    <Box flexDirection="column" width={width}>
      <Box height={lines} overflow="hidden">
        <Text wrap="wrap">
          {busy ? <Text color={theme.warning}>… {busy} </Text> : null}
          {notice ? (
            <Text color={COLOR[notice.kind]}>
              {ICON[notice.kind]} {truncate(notice.text, width * 2 - 4)}
            </Text>
          ) : busy ? null : (
            <Text> </Text>
          )}
        </Text>
      </Box>
      <Text color={theme.muted}>{fitHints(hints, width)}</Text>
    </Box>
  );
}
