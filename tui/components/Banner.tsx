/**
 * Connection banner shown above every screen while the daemon's stream is not open: what is wrong,
 * where, and when the next attempt happens. Nothing is drawn while connected.
 *
 *   ⚠ Daemon unreachable at http://127.0.0.1:8080: connection refused — retry #3 in 2.0s (r: now)
 */
import { Box, Text } from "ink";
import type { ConnectionStatus } from "../client/stream-client.ts";
import { truncate } from "../lib/format.ts";
import { theme } from "../theme.ts";

export interface BannerProps {
  readonly status: ConnectionStatus;
  readonly url: string;
  readonly width: number;
  /** True once a bot list has been shown (the data below is then stale, not absent). */
  readonly stale: boolean;
}

export function bannerText(status: ConnectionStatus, url: string, stale: boolean): string | null {
  switch (status.kind) {
    case "open":
      return null;
    case "closed":
      return `Disconnected from ${url}`;
    case "connecting":
      return status.attempt <= 1 && !stale ? `Connecting to ${url} …` : `Reconnecting to ${url} (attempt ${status.attempt}) …`;
    case "retrying":
      return `⚠ Daemon unreachable at ${url}: ${status.reason} — retry #${status.attempt} in ${(status.delayMs / 1000).toFixed(1)}s${stale ? "; data below may be stale" : ""} (r: retry now)`;
  }
}

/** Lines the banner occupies at `width` (0 when connected); the layout subtracts them. */
export function bannerLines(status: ConnectionStatus, url: string, stale: boolean, width: number): number {
  const text = bannerText(status, url, stale);
  if (text === null) return 0;
  return Math.min(2, Math.ceil([...text].length / Math.max(1, width)));
}

export function Banner({ status, url, width, stale }: BannerProps) {
  const text = bannerText(status, url, stale);
  if (text === null) return null;
  const color = status.kind === "retrying" || status.kind === "closed" ? theme.error : theme.warning;
  return (
    <Box width={width}>
      <Text color={color} bold wrap="hard">
        {truncate(text, width * 2)}
      </Text>
    </Box>
  );
}
