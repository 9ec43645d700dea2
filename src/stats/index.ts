/**
 * Public entry of the statistics library (pure, deterministic; imports only src/core).
 * Cross-folder imports go through this file; it lists its exports by name.
 */
export { normalCdf, normalQuantile, betaQuantile, binomialLogPmf, binomialLowerTail, binomialUpperTail } from "./dists.ts";
export { binomialTest, ALTERNATIVES } from "./binomial-test.ts";
export type { Alternative, BinomialTestResult } from "./binomial-test.ts";
export { wilsonInterval, clopperPearsonInterval } from "./intervals.ts";
export type { Interval } from "./intervals.ts";
export { breakEvenWinRate, expectedReturnPerStake, FEE_MODELS } from "./break-even.ts";
export type { FeeModel, FeeSpec } from "./break-even.ts";
export { analyzeWinRate, fmtP, MIN_TRADES_FOR_CONFIDENCE } from "./win-rate-analysis.ts";
export type { WinRateInput, WinRateAnalysis, Verdict, VerdictKind } from "./win-rate-analysis.ts";
export { mean, stdev, moments, sharpe, sortino, maxDrawdown, percentileSorted, sortedCopy, simpleReturns } from "./descriptive.ts";
export { bootstrapTrades, tradeReturnsFromPnl } from "./bootstrap.ts";
export type { TradeSeries, BootstrapOptions, BootstrapCI, BootstrapResult } from "./bootstrap.ts";
export { kellyFraction, binaryKelly, binaryOutcomes } from "./kelly.ts";
export { monteCarlo, niceStep, BAND_LEVELS } from "./monte-carlo.ts";
export type { OutcomeModel, Sizing, MonteCarloOptions, MonteCarloResult } from "./monte-carlo.ts";
export { probabilisticSharpe, expectedMaxSharpe, deflatedSharpe, EULER_GAMMA } from "./deflated-sharpe.ts";
export type { DeflatedSharpeResult } from "./deflated-sharpe.ts";
export { probabilityOfBacktestOverfitting, combinations } from "./pbo.ts";
export type { PboOptions, PboResult } from "./pbo.ts";
export { tradeStatistics, statisticsRows } from "./trade-statistics.ts";
export type { TradeStatistics, TradeStatisticsOptions } from "./trade-statistics.ts";
export {
  parseGridAxis,
  parseGrid,
  gridSize,
  gridPoints,
  formatPoint,
  MAX_GRID_POINTS,
  generateFolds,
  parseDuration,
  OBJECTIVES,
  objectiveValue,
  selectBest,
  degradationRatio,
  overfitRisk,
  walkForwardEfficiency,
  parameterStability,
  stitchEquity,
  bucketReturns,
} from "./walk-forward/index.ts";
export type { GridAxis, GridPoint, Fold, FoldSpec, Objective, ObjectiveMetrics, OverfitRisk, ParamStability } from "./walk-forward/index.ts";
