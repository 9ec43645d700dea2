/**
 * Performance and identity of one bot in exactly three lines (each cut to the width, so the
 * layout below never moves):
 *
 *   Equity 10,234.10  Return +2.34%  Sharpe 1.23  Max DD 4.5%  Win 55.0%  Trades 12
 *   State Running  Mode paper  Strategy sma_cross  BTC 1h  Feed replay 50/s: ok
 *   Params fast=10 slow=30  Bars 1,234  Last bar 2024-03-01 14:00  Open 1 position
 */
import { Box, Text } from "ink";
import { Fragment, type ReactNode } from "react";
import type { BotSummary } from "../client/api-types.ts";
import { dateTime, money, pctOfFraction, pctPoints, ratio } from "../lib/format.ts";
import { signColor, STATE_STYLE, theme } from "../theme.ts";

export interface MetricsPanelProps {
  readonly bot: BotSummary;
  readonly width: number;
}

export function paramsText(params: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return "defaults";
  return entries.map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ");
}

type Pair = readonly [label: string, value: ReactNode];

function Line({ pairs, width }: { pairs: readonly Pair[]; width: number }) {
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        {pairs.map(([label, value], i) => (
          <Fragment key={label}>
            {i > 0 ? "  " : ""}
            <Text color={theme.muted}>{label} </Text>
            {value}
          </Fragment>
        ))}
      </Text>
    </Box>
  );
}

export function MetricsPanel({ bot, width }: MetricsPanelProps) {
  const feed = bot.feed.kind === "replay" ? `replay${bot.feed.bars_per_second ? ` ${bot.feed.bars_per_second}/s` : ""}` : bot.feed.kind;
  const state = STATE_STYLE[bot.state];
  const npos = bot.open_positions.length;
  return (
    <Box flexDirection="column" width={width}>
      <Line
        width={width}
        pairs={[
          ["Equity", <Text bold>{money(bot.equity)}</Text>],
          ["Return", <Text color={signColor(bot.return_pct)}>{pctPoints(bot.return_pct)}</Text>],
          ["Sharpe", <Text color={signColor(bot.sharpe)}>{ratio(bot.sharpe)}</Text>],
          ["Max DD", <Text color={bot.max_drawdown > 0 ? theme.loss : theme.muted}>{pctOfFraction(bot.max_drawdown)}</Text>],
          ["Win", <Text>{pctOfFraction(bot.win_rate)}</Text>],
          ["Trades", <Text>{bot.trades}</Text>],
        ]}
      />
      <Line
        width={width}
        pairs={[
          ["State", <Text color={state.color} bold={bot.state === "error"}>{state.label}</Text>],
          ["Mode", <Text color={bot.mode === "live" ? theme.warning : undefined}>{bot.mode}</Text>],
          ["Strategy", <Text>{bot.strategy}</Text>],
          ["Market", <Text>{`${bot.symbol} ${bot.interval}`}</Text>],
          [
            "Feed",
            <Text color={bot.feed_status.state === "retrying" ? theme.warning : undefined}>
              {`${feed}: ${bot.feed_status.state}${bot.feed_status.message ? ` (${bot.feed_status.message})` : ""}`}
            </Text>,
          ],
        ]}
      />
      <Line
        width={width}
        pairs={[
          ["Params", <Text>{paramsText(bot.params)}</Text>],
          ["Bars", <Text>{money(bot.bars, 0)}</Text>],
          ["Last bar", <Text>{dateTime(bot.last_bar_time)}</Text>],
          ["Open", <Text>{`${npos} position${npos === 1 ? "" : "s"}`}</Text>],
        ]}
      />
      {bot.state === "error" && bot.error ? (
        <Box width={width}>
          <Text color={theme.error} wrap="truncate-end">
            Error: {bot.error}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
