/**
 * The human-readable backtest report printed on stdout: run, period, portfolio performance,
 * trade statistics, costs and any open position / pending orders at the end.
 */
import { fmtDuration, fmtInt, fmtNum, fmtPct, fmtPlain, fmtSigned, fmtTime } from "./format.ts";
import { paramsText, type ReportInput } from "./run-info.ts";
import { statisticsRows, tradeStatistics } from "../../stats/index.ts";
import { REPORT_BOOTSTRAP } from "./sections.ts";

export function humanReport({ result: r, info }: ReportInput): string {
  const m = r.metrics;
  const s = r.settings;
  const pd = r.instrument.priceDecimals;
  const row = (label: string, value: string, extra = ""): string => `  ${label.padEnd(18)}${value.padStart(14)}${extra ? "   " + extra : ""}`;
  const p = paramsText(info.params);
  const lines = [
    `Backtest  ${info.strategy}${p ? ` (${p})` : ""} on ${r.symbol} ${info.interval}`,
    `Data      ${info.dataFile} (${fmtInt(r.bars)} bars${info.skippedRows ? `, ${fmtInt(info.skippedRows)} bad rows skipped` : ""})`,
    `Period    ${fmtTime(m.startTime)} → ${fmtTime(m.endTime)} UTC (${fmtDuration(m.durationMs)})`,
    "",
    "Portfolio",
    row("Initial capital", fmtNum(m.initialCapital)),
    row("Final equity", fmtNum(m.finalEquity), `peak ${fmtNum(m.peakEquity)}`),
    row("Total return", fmtPct(m.totalReturn, 2, true), `CAGR ${fmtPct(m.cagr, 2, true)}`),
    row("Buy & hold", fmtPct(m.buyHoldReturn, 2, true)),
    row("Sharpe", fmtNum(m.sharpe, 4), `Sortino ${fmtNum(m.sortino, 4)}  (per-bar returns, annualised ×√${fmtNum(m.periodsPerYear, 0)})`),
    row("Max drawdown", fmtPct(-m.maxDrawdown), m.maxDrawdown > 0 ? `lasting ${fmtDuration(m.maxDrawdownDurationMs)} (${fmtInt(m.maxDrawdownDurationBars)} bars) from ${fmtTime(m.maxDrawdownStart)}` : ""),
    row("Exposure", fmtPct(m.exposure)),
    "",
    "Trades",
    row("Closed trades", fmtInt(m.trades), `${fmtInt(r.fills.length)} fills, ${fmtInt(r.signals)} signals (${fmtInt(r.ignoredSignals)} without orders)`),
    row("Win rate", fmtPct(m.winRate), `${fmtInt(m.wins)} won / ${fmtInt(m.losses)} lost (zero-PnL trades excluded)`),
    row("Profit factor", fmtNum(m.profitFactor, 4)),
    row("Expectancy", fmtSigned(m.expectancy), "per closed trade, net of fees"),
    row("Fees paid", fmtNum(m.feesPaid)),
    "",
    `Costs     fee ${fmtPct(s.feeRate, 4)} of notional, slippage ${fmtNum(s.slippageBps, 2)} bps; tick ${info.tickSize}, lot ${info.lotSize}`,
    `Sizing    ${fmtPct(s.riskPerTradePct, 2)} of equity × ${s.leverage}x leverage, capped at ${fmtPct(s.maxPositionPct, 2)} of equity`,
  ];
  const op = r.openPosition;
  if (op) {
    lines.push(
      `Open      ${op.direction} ${fmtPlain(op.quantity, r.instrument.sizeDecimals)} ${r.symbol} @ ${fmtNum(op.entryPrice, pd)} since ${fmtTime(op.entryTime)}, marked at ${fmtNum(op.markPrice, pd)} (unrealized ${fmtSigned(op.unrealizedPnl)}; not closed)`,
    );
  }
  if (r.pendingOrders.length) lines.push(`Pending   ${r.pendingOrders.length} order(s) from the last bar's signal were not filled (no next bar)`);
  if (r.trades.length > 0) {
    // Statistics section (src/stats): same numbers as the HTML report's (same bootstrap seed).
    const st = tradeStatistics(r.trades, { initialCapital: s.capital, seed: REPORT_BOOTSTRAP.seed, resamples: REPORT_BOOTSTRAP.resamples });
    lines.push("", "Statistics", ...statisticsRows(st).map(([k, v]) => `  ${k.padEnd(34)}${v}`));
  }
  if (m.trades === 0) lines.push("", "Warning: no closed trades in this period — the metrics above say little.");
  return lines.join("\n") + "\n";
}
