/**
 * A bot's state as a coloured word; an errored bot also shows its message when `withError`.
 *
 *   Running          (green)
 *   Error: feed file not found: /data/x.csv   (red)
 */
import { Text } from "ink";
import type { BotState } from "../client/api-types.ts";
import { truncate } from "../lib/format.ts";
import { STATE_STYLE } from "../theme.ts";

export interface StateBadgeProps {
  readonly state: BotState;
  readonly error?: string | null;
  readonly withError?: boolean;
  /** Maximum columns (the error message is cut to fit). */
  readonly width?: number;
}

export function stateText(state: BotState, error: string | null | undefined, withError: boolean, width = Number.MAX_SAFE_INTEGER): string {
  const style = STATE_STYLE[state] ?? { label: String(state), color: "white" };
  const text = withError && state === "error" && error ? `${style.label}: ${error}` : style.label;
  return truncate(text, width);
}

export function StateBadge({ state, error = null, withError = false, width }: StateBadgeProps) {
  const color = STATE_STYLE[state]?.color ?? "white";
  return (
    <Text color={color} bold={state === "error"}>
      {stateText(state, error, withError, width)}
    </Text>
  );
}
