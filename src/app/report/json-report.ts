/**
 * The `--json` backtest report: one object with stable field names (documented in
 * docs/readme/backtest.md). Times are epoch ms plus ISO strings; undefined ratios are null;
 * exact books are decimal strings with 12 decimals.
 */
import { formatAmount } from "../../core/index.ts";
import { isoTime, jsonSafe } from "./format.ts";
import type { ReportInput } from "./run-info.ts";
import { tradeStatistics } from "../../stats/index.ts";
import { REPORT_BOOTSTRAP } from "./sections.ts";

export const JSON_REPORT_VERSION = 1;

export function jsonReport({ result: r, info }: ReportInput): Record<string, unknown> {
  const m = r.metrics;
  const s = r.settings;
  return jsonSafe({
    version: JSON_REPORT_VERSION,
    data: {
      file: info.dataFile,
      symbol: r.symbol,
      interval: info.interval,
      intervalMs: r.intervalMs,
      bars: r.bars,
      skippedRows: info.skippedRows,
      from: info.from ?? null,
      to: info.to ?? null,
    },
    strategy: { name: info.strategy, params: info.params },
    settings: {
      capital: s.capital,
      feeRate: s.feeRate,
      slippageBps: s.slippageBps,
      riskPerTradePct: s.riskPerTradePct,
      maxPositionPct: s.maxPositionPct,
      leverage: s.leverage,
      tickSize: info.tickSize,
      lotSize: info.lotSize,
    },
    period: { start: isoTime(m.startTime), end: isoTime(m.endTime) },
    metrics: { ...m, maxDrawdownStartIso: isoTime(m.maxDrawdownStart) },
    counts: { trades: r.trades.length, fills: r.fills.length, orders: r.orders, signals: r.signals, ignoredSignals: r.ignoredSignals, pendingOrders: r.pendingOrders.length },
    openPosition: r.openPosition,
    // Statistics section (src/stats tradeStatistics; bootstrap seed/resamples as the HTML report).
    statistics: r.trades.length > 0 ? tradeStatistics(r.trades, { initialCapital: s.capital, seed: REPORT_BOOTSTRAP.seed, resamples: REPORT_BOOTSTRAP.resamples }) : null,
    exact: {
      finalEquity: formatAmount(r.finalEquityExact, 12),
      cash: formatAmount(r.cash, 12),
      realizedPnl: formatAmount(r.realizedPnl, 12),
      feesPaid: formatAmount(r.feesPaid, 12),
    },
  }) as Record<string, unknown>;
}
