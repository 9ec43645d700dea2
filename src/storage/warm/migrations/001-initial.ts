/**
 * Migration 001: the thirteen warm-tier tables, written once as literal SQL with type
 * placeholders so PostgreSQL and embedded DuckDB get the same columns and keys:
 *   {TS} timestamptz · {TEXT} text · {NUM} NUMERIC(38,12) · {INT} integer · {BIGINT} bigint · {JSON} jsonb/JSON
 * `{PART}` becomes `PARTITION BY RANGE (ts)` in partitioned mode and nothing otherwise.
 * Frozen once released: later changes go into a new migration (the runner checks checksums).
 * Tests compare the created tables with src/storage/catalog.ts column by column.
 */

export const TABLES_SQL = `
CREATE TABLE IF NOT EXISTS candles (
  ts {TS} NOT NULL, venue {TEXT} NOT NULL, symbol {TEXT} NOT NULL, interval {TEXT} NOT NULL,
  open {NUM} NOT NULL, high {NUM} NOT NULL, low {NUM} NOT NULL, close {NUM} NOT NULL, volume {NUM} NOT NULL,
  quote_volume {NUM}, trades {BIGINT},
  PRIMARY KEY (ts, venue, symbol, interval)
) {PART};
CREATE INDEX IF NOT EXISTS candles_series_idx ON candles (venue, symbol, interval, ts);

CREATE TABLE IF NOT EXISTS trades (
  ts {TS} NOT NULL, venue {TEXT} NOT NULL, symbol {TEXT} NOT NULL, trade_id {TEXT} NOT NULL,
  price {NUM} NOT NULL, size {NUM} NOT NULL, side {TEXT} NOT NULL CHECK (side IN ('buy', 'sell')), ts_init {TS},
  PRIMARY KEY (ts, venue, symbol, trade_id)
) {PART};
CREATE INDEX IF NOT EXISTS trades_series_idx ON trades (venue, symbol, ts);

CREATE TABLE IF NOT EXISTS orderbook_snapshots (
  ts {TS} NOT NULL, venue {TEXT} NOT NULL, symbol {TEXT} NOT NULL, bids {JSON} NOT NULL, asks {JSON} NOT NULL,
  bid_volume {NUM} NOT NULL, ask_volume {NUM} NOT NULL, imbalance {NUM} NOT NULL, mid_price {NUM} NOT NULL, spread_bps {NUM} NOT NULL, ts_init {TS},
  PRIMARY KEY (ts, venue, symbol)
) {PART};

CREATE TABLE IF NOT EXISTS funding_rates (
  ts {TS} NOT NULL, venue {TEXT} NOT NULL, symbol {TEXT} NOT NULL, funding_rate {NUM} NOT NULL, annual_rate {NUM}, mark_price {NUM},
  PRIMARY KEY (ts, venue, symbol)
) {PART};

CREATE TABLE IF NOT EXISTS liquidations (
  ts {TS} NOT NULL, venue {TEXT} NOT NULL, symbol {TEXT} NOT NULL, side {TEXT} NOT NULL CHECK (side IN ('long', 'short')),
  price {NUM} NOT NULL, quantity {NUM} NOT NULL, usd_value {NUM} NOT NULL,
  PRIMARY KEY (ts, venue, symbol, side, price, quantity)
) {PART};

CREATE TABLE IF NOT EXISTS liquidation_aggregates (
  ts {TS} NOT NULL, venue {TEXT} NOT NULL, symbol {TEXT} NOT NULL, window_minutes {INT} NOT NULL,
  long_volume {NUM} NOT NULL, short_volume {NUM} NOT NULL, net_delta {NUM} NOT NULL, count_long {INT} NOT NULL, count_short {INT} NOT NULL,
  PRIMARY KEY (ts, venue, symbol, window_minutes)
) {PART};

CREATE TABLE IF NOT EXISTS polymarket_odds (
  ts {TS} NOT NULL, market_id {TEXT} NOT NULL, question {TEXT}, outcome_yes_price {NUM} NOT NULL, outcome_no_price {NUM} NOT NULL,
  volume_24h {NUM}, liquidity {NUM}, end_date {TS},
  PRIMARY KEY (ts, market_id)
) {PART};

CREATE TABLE IF NOT EXISTS paper_trades (
  ts {TS} NOT NULL, id {TEXT} NOT NULL, session_id {TEXT}, market_id {TEXT} NOT NULL, market_question {TEXT},
  direction {TEXT} NOT NULL CHECK (direction IN ('yes', 'no')), shares {NUM} NOT NULL, entry_price {NUM} NOT NULL, stake {NUM} NOT NULL,
  estimated_prob {NUM}, expected_value {NUM}, kelly_fraction {NUM}, signal_strength {NUM}, signals_snapshot {JSON},
  status {TEXT} NOT NULL CHECK (status IN ('pending', 'settled', 'cancelled')), outcome {TEXT} CHECK (outcome IN ('win', 'loss')),
  pnl {NUM}, fees {NUM}, settled_at {TS}, market_end_date {TS},
  PRIMARY KEY (ts, id)
) {PART};
CREATE INDEX IF NOT EXISTS paper_trades_session_idx ON paper_trades (session_id, ts);

CREATE TABLE IF NOT EXISTS signal_snapshots (
  ts {TS} NOT NULL, signal_name {TEXT} NOT NULL, venue {TEXT} NOT NULL, symbol {TEXT} NOT NULL,
  direction {TEXT} NOT NULL CHECK (direction IN ('up', 'down', 'neutral')), strength {NUM} NOT NULL, confidence {NUM} NOT NULL,
  metadata {JSON}, forward_return_15m {NUM},
  PRIMARY KEY (ts, signal_name, venue, symbol)
) {PART};

CREATE TABLE IF NOT EXISTS cross_market_opportunities (
  ts {TS} NOT NULL, id {TEXT} NOT NULL, session_id {TEXT}, coin1 {TEXT} NOT NULL, coin2 {TEXT} NOT NULL,
  combination {TEXT} NOT NULL CHECK (combination IN ('Coin1UpCoin2Down', 'Coin1DownCoin2Up', 'BothUp', 'BothDown')),
  leg1_direction {TEXT} NOT NULL CHECK (leg1_direction IN ('UP', 'DOWN')), leg1_price {NUM} NOT NULL, leg1_token_id {TEXT} NOT NULL,
  leg2_direction {TEXT} NOT NULL CHECK (leg2_direction IN ('UP', 'DOWN')), leg2_price {NUM} NOT NULL, leg2_token_id {TEXT} NOT NULL,
  total_cost {NUM} NOT NULL, spread {NUM} NOT NULL, expected_value {NUM} NOT NULL, win_probability {NUM} NOT NULL, assumed_correlation {NUM} NOT NULL,
  status {TEXT} NOT NULL CHECK (status IN ('pending', 'settled', 'expired', 'error')), window_end {TS},
  trade_result {TEXT} CHECK (trade_result IN ('WIN', 'LOSE', 'DOUBLE_WIN')), actual_pnl {NUM}, settled_at {TS},
  PRIMARY KEY (ts, id)
) {PART};

CREATE TABLE IF NOT EXISTS window_settlements (
  ts {TS} NOT NULL, coin {TEXT} NOT NULL, window_end {TS} NOT NULL, outcome {TEXT} NOT NULL CHECK (outcome IN ('UP', 'DOWN')),
  settlement_source {TEXT} NOT NULL CHECK (settlement_source IN ('gamma', 'chainlink')), gamma_slug {TEXT}, condition_id {TEXT},
  chainlink_start_price {NUM}, chainlink_end_price {NUM}, settled_at {TS}, session_id {TEXT},
  PRIMARY KEY (ts, coin)
) {PART};

CREATE TABLE IF NOT EXISTS backtest_results (
  ts {TS} NOT NULL, run_id {TEXT} NOT NULL, venue {TEXT} NOT NULL, symbol {TEXT} NOT NULL, strategy {TEXT} NOT NULL, interval {TEXT} NOT NULL,
  params {JSON}, sharpe {NUM}, sortino {NUM}, total_pnl {NUM} NOT NULL, total_return {NUM} NOT NULL, win_rate {NUM}, max_drawdown {NUM},
  num_trades {INT} NOT NULL,
  PRIMARY KEY (ts, run_id)
) {PART};

CREATE TABLE IF NOT EXISTS fills (
  ts {TS} NOT NULL, venue {TEXT} NOT NULL, symbol {TEXT} NOT NULL, fill_id {TEXT} NOT NULL, order_id {TEXT} NOT NULL,
  side {TEXT} NOT NULL CHECK (side IN ('buy', 'sell')), quantity {NUM} NOT NULL, price {NUM} NOT NULL, commission {NUM} NOT NULL,
  liquidity {TEXT} NOT NULL CHECK (liquidity IN ('maker', 'taker')), strategy {TEXT}, bot_id {TEXT},
  PRIMARY KEY (ts, venue, fill_id)
) {PART};
`;

/** Chunk/partition period per table (also seeded into storage_partitioning). */
export const PERIODS: Readonly<Record<string, "day" | "week" | "month">> = {
  candles: "month",
  trades: "day",
  orderbook_snapshots: "day",
  funding_rates: "month",
  liquidations: "day",
  liquidation_aggregates: "month",
  polymarket_odds: "day",
  paper_trades: "month",
  signal_snapshots: "week",
  cross_market_opportunities: "month",
  window_settlements: "month",
  backtest_results: "month",
  fills: "month",
};

/** TimescaleDB: compression segmenting and default retention (days; none = keep). */
export const TIMESCALE_POLICIES: Readonly<Record<string, { segmentBy: string; compressAfterDays: number; retentionDays?: number }>> = {
  candles: { segmentBy: "venue, symbol, interval", compressAfterDays: 7 },
  trades: { segmentBy: "venue, symbol", compressAfterDays: 1, retentionDays: 7 },
  orderbook_snapshots: { segmentBy: "venue, symbol", compressAfterDays: 7, retentionDays: 90 },
  funding_rates: { segmentBy: "venue, symbol", compressAfterDays: 30, retentionDays: 180 },
  liquidations: { segmentBy: "venue, symbol", compressAfterDays: 30, retentionDays: 180 },
  liquidation_aggregates: { segmentBy: "venue, symbol", compressAfterDays: 14, retentionDays: 90 },
  polymarket_odds: { segmentBy: "market_id", compressAfterDays: 30, retentionDays: 180 },
  paper_trades: { segmentBy: "market_id", compressAfterDays: 30, retentionDays: 180 },
  signal_snapshots: { segmentBy: "signal_name, venue, symbol", compressAfterDays: 7, retentionDays: 90 },
  cross_market_opportunities: { segmentBy: "coin1, coin2", compressAfterDays: 7, retentionDays: 180 },
  window_settlements: { segmentBy: "coin", compressAfterDays: 7, retentionDays: 365 },
  backtest_results: { segmentBy: "symbol", compressAfterDays: 30 },
  fills: { segmentBy: "venue, symbol", compressAfterDays: 30 },
};

/** Candle roll-ups from 1m bars, as views named candles_<bucket>. */
export const ROLLUPS: readonly { name: string; bucket: string; startOffset: string; endOffset: string; schedule: string }[] = [
  { name: "candles_1h", bucket: "1 hour", startOffset: "3 days", endOffset: "1 hour", schedule: "30 minutes" },
  { name: "candles_1d", bucket: "1 day", startOffset: "30 days", endOffset: "1 day", schedule: "1 day" },
];
