/**
 * Layout only: header, connection banner, the current screen (or the help overlay), the delete
 * confirmation and the status bar, sized to the terminal. No keys and no I/O here.
 *
 *   algo-trade · Bots                          ● http://127.0.0.1:8080  2 bots: 1 running 1 paused
 *   ⚠ Daemon unreachable at … — retry #2 in 1.0s (r: retry now)        ← only while disconnected
 *   <screen>
 *   ✓ started btc-sma (now running)
 *   ↑↓ move  Enter detail  s start  x stop  p pause/resume  a add  e edit  d delete  ? help  q quit
 */
import { Box } from "ink";
import type { ReactNode } from "react";
import { Banner, bannerLines } from "../components/Banner.tsx";
import { ConfirmDialog } from "../components/ConfirmDialog.tsx";
import { Header } from "../components/Header.tsx";
import { HelpOverlay } from "../components/HelpOverlay.tsx";
import { StatusBar, statusLines } from "../components/StatusBar.tsx";
import { hintsFor, type KeyContext } from "../keymap.ts";
import type { UIState } from "../state/types.ts";

export interface AppProps {
  readonly state: UIState;
  readonly columns: number;
  readonly rows: number;
  /** Renders the current screen into the given body size. */
  readonly screen: (width: number, height: number) => ReactNode;
}

export function keyContext(s: UIState): KeyContext | null {
  if (s.overlay?.kind === "help") return "help";
  if (s.overlay?.kind === "confirmDelete") return "confirm";
  if (s.screen.name === "form") return null;
  return s.screen.name;
}

function title(s: UIState): string {
  switch (s.screen.name) {
    case "list":
      return "Bots";
    case "detail":
      return `Bot ${s.screen.id}`;
    case "form":
      return s.screen.mode === "add" ? "Add bot" : `Edit ${s.screen.id}`;
  }
}

export function App({ state, columns, rows, screen }: AppProps) {
  const stale = state.loaded;
  const banner = bannerLines(state.connection, state.url, stale, columns);
  const confirm = state.overlay?.kind === "confirmDelete" ? state.overlay : null;
  const confirmLines = confirm ? 5 : 0;
  const status = statusLines(state.notice, state.busy, columns);
  const body = Math.max(3, rows - 1 - banner - status - confirmLines);
  const ctx = keyContext(state);
  const hints = ctx ? hintsFor(ctx) : [];
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header title={title(state)} url={state.url} connection={state.connection} bots={state.bots} width={columns} />
      <Banner status={state.connection} url={state.url} width={columns} stale={stale} />
      <Box height={body} flexDirection="column" overflow="hidden">
        {state.overlay?.kind === "help" ? <HelpOverlay width={columns} height={body} /> : screen(columns, body)}
      </Box>
      {confirm ? <ConfirmDialog question={`Delete bot '${confirm.id}'?`} detail="It is stopped and removed with its history (trades, events)." width={columns} /> : null}
      <StatusBar notice={state.notice} busy={state.busy} hints={hints} width={columns} />
    </Box>
  );
}
