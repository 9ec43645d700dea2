/**
 * One bot: metrics, equity chart, open positions, trade history (newest first, scrollable with
 * ↑/↓/PgUp/PgDn) and recent events. Status, positions and the chart's latest point come live from
 * the WebSocket; history was loaded over REST when the screen opened.
 *
 *   Equity 10,234.10  Return +2.34%  Sharpe 1.23  Max DD 4.5%  Win 55.0%  Trades 12
 *   State Running  Mode paper  Strategy ma_crossover  Market BTC 1h  Feed replay 20/s: ok
 *   Params fast=10 slow=30  Bars 1,234  Last bar 2026-07-01 14:00  Open 1 position
 *   Equity (1,234 marks)
 *   10,400.00 ┤        ▂▄▆█▇▆▅▆▇█
 *    9,800.00 ┤▂▄▆▇███████████████
 *   Open positions
 *    SYMBOL   SIDE         QTY      ENTRY       MARK  UNREAL PNL OPENED (UTC)
 *    BTC      long      0.0153   64,120.5   64,300.0      +2.75 2026-07-01 12:00
 *   Trades (12) · Tab: events
 *      #  DIR   EXIT (UTC)          ENTRY       EXIT       QTY        PNL    PNL%
 *     12  long  2026-07-01 11:00 64,000.0   64,500.0   0.0153      +7.65  +0.78%
 */
import { Box, Text } from "ink";
import type { BotSummary } from "../../client/api-types.ts";
import { EventList } from "../../components/EventList.tsx";
import { MetricsPanel } from "../../components/MetricsPanel.tsx";
import { Sparkline } from "../../components/Sparkline.tsx";
import { Table } from "../../components/Table.tsx";
import { money } from "../../lib/format.ts";
import type { DetailState } from "../../state/types.ts";
import { theme } from "../../theme.ts";
import { detailLayout } from "./layout.ts";
import { POSITION_COLUMNS, positionCells, tradeCells, tradeColumns } from "./trade-columns.ts";

export interface BotDetailScreenProps {
  readonly bot: BotSummary | null;
  readonly detail: DetailState | null;
  readonly width: number;
  readonly height: number;
}

/** Rows of trades visible at this size (the container uses it to clamp scrolling). */
export function visibleTradeRows(bot: BotSummary | null, width: number, height: number): number {
  const l = detailLayout(width, height, { hasError: bot?.state === "error" && !!bot.error, positions: bot?.open_positions.length ?? 0 });
  return Math.max(1, l.pane - 3);
}

function Title({ children }: { children: string }) {
  return (
    <Text bold color={theme.title}>
      {children}
    </Text>
  );
}

export function BotDetailScreen({ bot, detail, width, height }: BotDetailScreenProps) {
  if (!bot) {
    return (
      <Box height={height}>
        <Text color={theme.muted}>{detail?.error ? `Could not load: ${detail.error}` : "loading …"}</Text>
      </Box>
    );
  }
  const positions = bot.open_positions;
  const l = detailLayout(width, height, { hasError: bot.state === "error" && !!bot.error, positions: positions.length });
  const trades = detail ? [...detail.trades].reverse() : [];
  const paneWidth = l.tradesWidth;
  const tCols = tradeColumns(paneWidth);
  const equity = detail?.equity ?? [];
  const status = detail?.loading ? " · loading …" : detail?.error ? ` · ${detail.error}` : "";
  const tradesTitle = `Trades (${detail?.tradesTotal ?? bot.trades})${l.split ? "" : " · Tab: events"}`;
  const tradesTable = (
    <Box flexDirection="column" width={paneWidth}>
      <Title>{tradesTitle}</Title>
      <Table
        columns={tCols}
        rows={trades.map((t) => ({ key: `${t.epoch}:${t.id}`, cells: tradeCells(tCols, t) }))}
        height={l.pane - 2}
        offset={detail?.tradeScroll ?? 0}
        emptyText="no closed trades yet"
      />
    </Box>
  );
  const events = (
    <Box flexDirection="column" width={l.eventsWidth}>
      <Title>{`Events${l.split ? "" : " · Tab: trades"}`}</Title>
      <EventList events={detail?.events ?? []} height={l.pane - 1} width={l.eventsWidth} />
    </Box>
  );
  return (
    <Box flexDirection="column" width={width} height={height}>
      <MetricsPanel bot={bot} width={width} />
      <Text>
        <Text bold color={theme.title}>
          Equity
        </Text>
        <Text color={theme.muted}>
          {" "}
          ({money(equity.length, 0)} marks{status})
        </Text>
      </Text>
      <Sparkline values={equity.map((p) => p.equity)} width={width} height={l.chart} />
      {positions.length === 0 ? (
        <Text>
          <Text bold color={theme.title}>
            Open positions
          </Text>
          <Text color={theme.muted}> none</Text>
        </Text>
      ) : (
        <Box flexDirection="column">
          <Title>Open positions</Title>
          <Table columns={POSITION_COLUMNS} rows={positions.map((p, i) => ({ key: `${p.symbol}:${i}`, cells: positionCells(p) }))} height={Math.min(positions.length, 4)} />
        </Box>
      )}
      {l.split ? (
        <Box flexDirection="row" gap={2}>
          {tradesTable}
          {events}
        </Box>
      ) : detail?.pane === "events" ? (
        events
      ) : (
        tradesTable
      )}
    </Box>
  );
}
