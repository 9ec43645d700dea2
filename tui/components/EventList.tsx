/**
 * The newest bot events, newest at the bottom (like a log), each on one line.
 *
 *   07-17 14:00 fill    buy 0.0153 @ 64,120.5 fee 0.25 (taker)
 *   07-17 14:00 trade   #3 long +12.40 (+0.61%)
 */
import { Box, Text } from "ink";
import type { BotEvent } from "../client/api-types.ts";
import { describeEvent, eventColor } from "../lib/describe-event.ts";
import { cell, shortDateTime, truncate } from "../lib/format.ts";
import { theme } from "../theme.ts";

export interface EventListProps {
  readonly events: readonly BotEvent[];
  readonly height: number;
  readonly width: number;
}

export function EventList({ events, height, width }: EventListProps) {
  const shown = events.slice(-Math.max(1, height));
  if (shown.length === 0) return <Text color={theme.muted}> no events yet</Text>;
  return (
    <Box flexDirection="column">
      {shown.map((e) => {
        // Market time when the event refers to a bar (replays run far ahead of the wall clock).
        const when = shortDateTime(e.market_ts ?? e.ts);
        return (
          <Text key={e.seq} wrap="truncate-end">
            <Text color={theme.muted}>{when} </Text>
            <Text color={eventColor(e)}>{cell(e.type, 7)} </Text>
            {truncate(describeEvent(e), Math.max(10, width - 21))}
          </Text>
        );
      })}
    </Box>
  );
}
