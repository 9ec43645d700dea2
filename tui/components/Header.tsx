/**
 * Top line: product name, the screen's title, the daemon address with a live/offline dot and a
 * count of bots per state.
 *
 *   algo-trade · Bots                 ● 127.0.0.1:8080   3 bots: 1 running 1 paused 1 error
 *   algo-trade · Bot btc-sma   ● 127.0.0.1:8080  4 bots: 1 run 1 paused 1 err 1 stop   (narrow)
 */
import { Box, Text } from "ink";
import type { BotSummary } from "../client/api-types.ts";
import type { ConnectionStatus } from "../client/stream-client.ts";
import { truncate } from "../lib/format.ts";
import { STATE_STYLE, theme } from "../theme.ts";

export interface HeaderProps {
  readonly title: string;
  readonly url: string;
  readonly connection: ConnectionStatus;
  readonly bots: readonly BotSummary[];
  readonly width: number;
}

const SHORT: Readonly<Record<string, string>> = { running: "run", paused: "paused", stopped: "stop", error: "err", starting: "start", stopping: "stop…" };

/** "3 bots: 1 running 1 paused 1 error"; `short` uses abbreviations for narrow terminals. */
export function countsText(bots: readonly BotSummary[], short = false): string {
  const counts = new Map<string, number>();
  for (const b of bots) counts.set(b.state, (counts.get(b.state) ?? 0) + 1);
  const label = (s: string) => (short ? (SHORT[s] ?? s) : ((STATE_STYLE as Record<string, { label: string }>)[s]?.label.toLowerCase() ?? s));
  const parts = [...counts.entries()].map(([s, n]) => `${n} ${label(s)}`);
  return `${bots.length} bot${bots.length === 1 ? "" : "s"}${parts.length ? `: ${parts.join(" ")}` : ""}`;
}

export function Header({ title, url, connection, bots, width }: HeaderProps) {
  const online = connection.kind === "open";
  const left = `algo-trade · ${title}`;
  const addrFull = url.replace(/^https?:\/\//, "");
  // Keep the address readable: abbreviate the counts before cutting the address.
  const room = (counts: string) => width - left.length - counts.length - 6;
  let right = countsText(bots);
  if (room(right) < Math.min(addrFull.length, 24)) right = countsText(bots, true);
  if (room(right) < Math.min(addrFull.length, 16)) right = countsText(bots).replace(/:.*/, "");
  const addr = truncate(addrFull, Math.max(0, room(right)));
  return (
    <Box width={width} justifyContent="space-between">
      <Text bold color={theme.title} wrap="truncate-end">
        {left}
      </Text>
      <Text wrap="truncate-end">
        {addr ? (
          <Text color={online ? theme.ok : theme.error}>
            {online ? "●" : "○"} <Text color={theme.muted}>{addr}</Text>
          </Text>
        ) : null}
        {"  "}
        <Text>{right}</Text>
      </Text>
    </Box>
  );
}
