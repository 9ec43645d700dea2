/**
 * The bot list: every bot the daemon runs, live from the WebSocket, with errored bots' messages
 * underneath. Layout only; keys are handled by the app container.
 *
 *    ID           SYMBOL STRATEGY    MODE  STATE        EQUITY    RET% SHARPE TRADES
 *   ▸btc-sma      BTC    ma_crossov… paper Running   10,234.10  +2.34%   1.23     12
 *    eth-rsi      ETH    rsi         paper Error     10,000.00   0.00%   0.00      0
 *   ✗ eth-rsi: feed file not found: /data/eth.csv
 */
import { Box, Text } from "ink";
import type { BotSummary } from "../../client/api-types.ts";
import { Table } from "../../components/Table.tsx";
import { truncate } from "../../lib/format.ts";
import { theme } from "../../theme.ts";
import { botCells, botColumns } from "./columns.ts";

export interface BotListScreenProps {
  readonly bots: readonly BotSummary[];
  readonly selectedId: string | null;
  readonly loaded: boolean;
  readonly width: number;
  readonly height: number;
}

export function BotListScreen({ bots, selectedId, loaded, width, height }: BotListScreenProps) {
  const cols = botColumns(width);
  const errored = bots.filter((b) => b.state === "error" && b.error);
  const errLines = Math.min(errored.length, Math.max(0, Math.floor((height - 4) / 3)), 4);
  const tableHeight = Math.max(2, height - 1 - errLines);
  const selected = bots.findIndex((b) => b.id === selectedId);
  const empty = loaded ? "no bots yet: press a to add one (or declare [[bots]] in the daemon's config)" : "waiting for the daemon …";
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Table columns={cols} rows={bots.map((b) => ({ key: b.id, cells: botCells(cols, b) }))} height={tableHeight} selected={selected} emptyText={empty} />
      {errored.slice(0, errored.length > errLines ? errLines - 1 : errLines).map((b) => (
        <Text key={b.id} color={theme.error} wrap="truncate-end">
          {truncate(`✗ ${b.id}: ${b.error}`, width)}
        </Text>
      ))}
      {errored.length > errLines && errLines > 0 ? <Text color={theme.error}>… {errored.length - errLines + 1} more bots in error</Text> : null}
    </Box>
  );
}
