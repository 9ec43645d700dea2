/**
 * Semantic colour tokens for the TUI. Components name what a colour means (running, loss, muted),
 * never a raw colour, so the palette can change in one place.
 *
 * Invariant: every bot state the daemon can report has a colour and a label here (the
 * exhaustive Record makes a new state a compile error until it is styled).
 */
import type { BotState } from "./client/api-types.ts";

export const theme = {
  accent: "cyan",
  muted: "gray",
  profit: "green",
  loss: "red",
  warning: "yellow",
  error: "red",
  ok: "green",
  info: "cyan",
  selectedBg: "blue",
  selectedFg: "white",
  border: "gray",
  title: "cyan",
} as const;

export interface StateStyle {
  readonly label: string;
  readonly color: string;
}

/** Running green, Paused yellow, Stopped grey, Error red (issue #6); transitions in cyan. */
export const STATE_STYLE: Readonly<Record<BotState, StateStyle>> = {
  running: { label: "Running", color: "green" },
  paused: { label: "Paused", color: "yellow" },
  stopped: { label: "Stopped", color: "gray" },
  error: { label: "Error", color: "red" },
  starting: { label: "Starting", color: "cyan" },
  stopping: { label: "Stopping", color: "cyan" },
};

/** Colour of a signed number: profit green, loss red, zero muted. */
export function signColor(x: number): string {
  if (x > 0) return theme.profit;
  if (x < 0) return theme.loss;
  return theme.muted;
}
