/**
 * Public entry of the engine (exports listed by name). Outside src/engine, import from here;
 * strategies import only ./strategy.ts and ./bar-series.ts.
 *
 * Typical use:
 *   const r = runBacktest(series, instrument, strategy, { capital: 10_000 });
 *   r.metrics.sharpe; r.trades; r.equity (Float64Array, per bar at close)
 * Paper/live: build a TradingEngine with an ExecutionVenue of your own and call processBar per
 * closed bar; subscribe to the audit stream with an EngineListener (or busListener(bus)).
 */
export { runBacktest, BacktestRun } from "./backtest.ts";
export type { BacktestOptions, BacktestResult, OpenPositionReport } from "./backtest.ts";
export { runPortfolioBacktest } from "./portfolio-backtest.ts";
export type { PortfolioFeed, PortfolioBacktestResult } from "./portfolio-backtest.ts";
export { TradingEngine } from "./engine.ts";
export type { EngineFeed, EngineSnapshot, TradingEngineOptions, OrderRequest, EngineCounters } from "./engine.ts";
export type { ExecutionVenue, VenueSink, FillReport, OrderCancel, EngineListener } from "./ports.ts";
export { SimulatedVenue } from "./sim-venue.ts";
export { marketFillPrice, restingFillPrice } from "./fill-model.ts";
export { FeeModel } from "./fees.ts";
export { SizingRiskManager } from "./risk.ts";
export type { RiskManager, RiskContext, RiskDecision, OrderIntent } from "./risk.ts";
export { Portfolio } from "./portfolio.ts";
export type { BookedFill } from "./portfolio.ts";
export type { PortfolioSnapshot, PositionJson, TradeJson } from "./portfolio-state.ts";
export { Position } from "./position.ts";
export type { TradeRecord } from "./trade-ledger.ts";
export { computeMetrics, returnStats, drawdownStats, MS_PER_YEAR } from "./metrics.ts";
export type { BacktestMetrics, MetricsInput, ReturnStats, DrawdownStats } from "./metrics.ts";
export { DEFAULT_SETTINGS, resolveSettings, validateSettings } from "./settings.ts";
export type { EngineSettings } from "./settings.ts";
export { busListener, teeListeners } from "./audit-bus.ts";
export type { BusBridge } from "./audit-bus.ts";
export { MutableBar } from "./bar-view.ts";
export { sliceSeries, lowerBound } from "./bar-series.ts";
export type { BarSeries } from "./bar-series.ts";
export { defineStrategy } from "./strategy.ts";
export type { Strategy, StrategyContext, StrategyDefinition, SignalIntent } from "./strategy.ts";
