/**
 * The storage catalog: every table the tiers hold, described once. Warm (PostgreSQL/DuckDB),
 * cold (Parquet) and the ingest boundary all read these definitions; migrations are literal
 * SQL checked against this catalog by tests (so a migration never silently drifts from it).
 *
 * Invariants:
 *  - every table has a time column named `ts` (timestamptz, epoch ms in JS) and it is the FIRST
 *    column of the primary key, so partitions/hypertable chunks and range scans line up;
 *  - money/price/size/rate columns are `numeric`: NUMERIC(38,12) in PostgreSQL and DuckDB,
 *    DECIMAL(38,12) in Parquet — the same 1e-12 resolution as core `Amount`, so no tier turns
 *    a decimal into a binary float;
 *  - `layout` names the columns (or literals) that place a row in the cold tree
 *    `<kind>/<venue>/<symbol>/date=YYYY-MM-DD.parquet`.
 */

export type ColumnType = "ts" | "text" | "numeric" | "int" | "bigint" | "bool" | "json";

/** Boundary check applied at ingest; a failing row is rejected with the column named. */
export type ColumnCheck = "positive" | "nonneg" | "prob" | "any";

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable?: boolean;
  readonly check?: ColumnCheck;
  /** Allowed values of a text column. */
  readonly values?: readonly string[];
}

export interface TableDef {
  /** Table name in every tier, also the `--kind` users type. */
  readonly name: TableName;
  readonly description: string;
  readonly columns: readonly ColumnDef[];
  /** Primary key; `ts` first. Re-delivered rows with the same key replace the stored row. */
  readonly key: readonly string[];
  /** Native-partitioning period and TimescaleDB chunk interval. */
  readonly partition: "day" | "week" | "month";
  /** Where a row goes in the cold tree: a column name, or "=literal". */
  readonly layout: { readonly venue: string; readonly symbol: string };
  /** Extra row-level check (e.g. OHLC consistency); returns an error message or null. */
  readonly rowCheck?: "ohlc";
}

export const TABLE_NAMES = [
  "candles",
  "trades",
  "orderbook_snapshots",
  "funding_rates",
  "liquidations",
  "liquidation_aggregates",
  "polymarket_odds",
  "paper_trades",
  "signal_snapshots",
  "cross_market_opportunities",
  "window_settlements",
  "backtest_results",
  "fills",
] as const;

export type TableName = (typeof TABLE_NAMES)[number];

const ts = (name = "ts", nullable = false): ColumnDef => ({ name, type: "ts", nullable });
const text = (name: string, nullable = false, values?: readonly string[]): ColumnDef => (values ? { name, type: "text", nullable, values } : { name, type: "text", nullable });
const num = (name: string, check: ColumnCheck = "any", nullable = false): ColumnDef => ({ name, type: "numeric", check, nullable });
const int = (name: string, nullable = false): ColumnDef => ({ name, type: "int", check: "nonneg", nullable });
const json = (name: string, nullable = true): ColumnDef => ({ name, type: "json", nullable });
const VS = [text("venue"), text("symbol")];

const DEFS: readonly TableDef[] = [
  {
    name: "candles",
    description: "OHLCV bars; ts is the bar OPEN time",
    columns: [ts(), ...VS, text("interval"), num("open", "positive"), num("high", "positive"), num("low", "positive"), num("close", "positive"), num("volume", "nonneg"), num("quote_volume", "nonneg", true), { name: "trades", type: "bigint", check: "nonneg", nullable: true }],
    key: ["ts", "venue", "symbol", "interval"],
    partition: "month",
    layout: { venue: "venue", symbol: "symbol" },
    rowCheck: "ohlc",
  },
  {
    name: "trades",
    description: "Public trade prints; side is the aggressor",
    columns: [ts(), ...VS, text("trade_id"), num("price", "positive"), num("size", "positive"), text("side", false, ["buy", "sell"]), ts("ts_init", true)],
    key: ["ts", "venue", "symbol", "trade_id"],
    partition: "day",
    layout: { venue: "venue", symbol: "symbol" },
  },
  {
    name: "orderbook_snapshots",
    description: "L2 snapshots; levels as JSON arrays of [price, size] decimal strings, best first",
    columns: [ts(), ...VS, json("bids", false), json("asks", false), num("bid_volume", "nonneg"), num("ask_volume", "nonneg"), num("imbalance"), num("mid_price", "positive"), num("spread_bps", "nonneg"), ts("ts_init", true)],
    key: ["ts", "venue", "symbol"],
    partition: "day",
    layout: { venue: "venue", symbol: "symbol" },
  },
  {
    name: "funding_rates",
    description: "Realised funding per funding event (rate is a fraction per period)",
    columns: [ts(), ...VS, num("funding_rate"), num("annual_rate", "any", true), num("mark_price", "positive", true)],
    key: ["ts", "venue", "symbol"],
    partition: "month",
    layout: { venue: "venue", symbol: "symbol" },
  },
  {
    name: "liquidations",
    description: "Forced liquidation prints; side is the liquidated position",
    columns: [ts(), ...VS, text("side", false, ["long", "short"]), num("price", "positive"), num("quantity", "positive"), num("usd_value", "nonneg")],
    key: ["ts", "venue", "symbol", "side", "price", "quantity"],
    partition: "day",
    layout: { venue: "venue", symbol: "symbol" },
  },
  {
    name: "liquidation_aggregates",
    description: "Liquidation volume per rolling window",
    columns: [ts(), ...VS, int("window_minutes"), num("long_volume", "nonneg"), num("short_volume", "nonneg"), num("net_delta"), int("count_long"), int("count_short")],
    key: ["ts", "venue", "symbol", "window_minutes"],
    partition: "month",
    layout: { venue: "venue", symbol: "symbol" },
  },
  {
    name: "polymarket_odds",
    description: "Polymarket outcome prices (yes = Up for up/down markets)",
    columns: [ts(), text("market_id"), text("question", true), num("outcome_yes_price", "prob"), num("outcome_no_price", "prob"), num("volume_24h", "nonneg", true), num("liquidity", "nonneg", true), ts("end_date", true)],
    key: ["ts", "market_id"],
    partition: "day",
    layout: { venue: "=polymarket", symbol: "market_id" },
  },
  {
    name: "paper_trades",
    description: "Paper trades of binary markets; updated in place when settled",
    columns: [
      ts(), text("id"), text("session_id", true), text("market_id"), text("market_question", true), text("direction", false, ["yes", "no"]),
      num("shares", "positive"), num("entry_price", "prob"), num("stake", "nonneg"), num("estimated_prob", "prob", true), num("expected_value", "any", true),
      num("kelly_fraction", "any", true), num("signal_strength", "prob", true), json("signals_snapshot"),
      text("status", false, ["pending", "settled", "cancelled"]), text("outcome", true, ["win", "loss"]), num("pnl", "any", true), num("fees", "nonneg", true),
      ts("settled_at", true), ts("market_end_date", true),
    ],
    key: ["ts", "id"],
    partition: "month",
    layout: { venue: "=polymarket", symbol: "market_id" },
  },
  {
    name: "signal_snapshots",
    description: "Signal outputs with their later forward return (for validation)",
    columns: [ts(), text("signal_name"), ...VS, text("direction", false, ["up", "down", "neutral"]), num("strength", "prob"), num("confidence", "prob"), json("metadata"), num("forward_return_15m", "any", true)],
    key: ["ts", "signal_name", "venue", "symbol"],
    partition: "week",
    layout: { venue: "venue", symbol: "symbol" },
  },
  {
    name: "cross_market_opportunities",
    description: "Two-leg Polymarket correlation opportunities and their settlement",
    columns: [
      ts(), text("id"), text("session_id", true), text("coin1"), text("coin2"),
      text("combination", false, ["Coin1UpCoin2Down", "Coin1DownCoin2Up", "BothUp", "BothDown"]),
      text("leg1_direction", false, ["UP", "DOWN"]), num("leg1_price", "prob"), text("leg1_token_id"),
      text("leg2_direction", false, ["UP", "DOWN"]), num("leg2_price", "prob"), text("leg2_token_id"),
      num("total_cost", "nonneg"), num("spread"), num("expected_value"), num("win_probability", "prob"), num("assumed_correlation"),
      text("status", false, ["pending", "settled", "expired", "error"]), ts("window_end", true),
      text("trade_result", true, ["WIN", "LOSE", "DOUBLE_WIN"]), num("actual_pnl", "any", true), ts("settled_at", true),
    ],
    key: ["ts", "id"],
    partition: "month",
    layout: { venue: "=polymarket", symbol: "coin1" },
  },
  {
    name: "window_settlements",
    description: "Up/down window outcomes; ts is the window start",
    columns: [
      ts(), text("coin"), ts("window_end"), text("outcome", false, ["UP", "DOWN"]), text("settlement_source", false, ["gamma", "chainlink"]),
      text("gamma_slug", true), text("condition_id", true), num("chainlink_start_price", "positive", true), num("chainlink_end_price", "positive", true),
      ts("settled_at", true), text("session_id", true),
    ],
    key: ["ts", "coin"],
    partition: "month",
    layout: { venue: "=polymarket", symbol: "coin" },
  },
  {
    name: "backtest_results",
    description: "One row per backtest run",
    columns: [
      ts(), text("run_id"), ...VS, text("strategy"), text("interval"), json("params"), num("sharpe", "any", true), num("sortino", "any", true),
      num("total_pnl"), num("total_return"), num("win_rate", "prob", true), num("max_drawdown", "nonneg", true), int("num_trades"),
    ],
    key: ["ts", "run_id"],
    partition: "month",
    layout: { venue: "venue", symbol: "symbol" },
  },
  {
    name: "fills",
    description: "Execution fills (paper and live)",
    columns: [
      ts(), ...VS, text("fill_id"), text("order_id"), text("side", false, ["buy", "sell"]), num("quantity", "positive"), num("price", "positive"),
      num("commission"), text("liquidity", false, ["maker", "taker"]), text("strategy", true), text("bot_id", true),
    ],
    key: ["ts", "venue", "fill_id"],
    partition: "month",
    layout: { venue: "venue", symbol: "symbol" },
  },
];

export const CATALOG: Readonly<Record<TableName, TableDef>> = Object.fromEntries(DEFS.map((d) => [d.name, d])) as Record<TableName, TableDef>;

export function isTableName(s: string): s is TableName {
  return (TABLE_NAMES as readonly string[]).includes(s);
}

/** The table definition for a user-supplied kind, or a RangeError listing the valid kinds. */
export function tableDef(kind: string): TableDef {
  if (isTableName(kind)) return CATALOG[kind];
  throw new RangeError(`unknown kind "${kind}" (valid: ${TABLE_NAMES.join(", ")})`);
}

/** Non-key columns (the ones an upsert overwrites). */
export function valueColumns(def: TableDef): readonly ColumnDef[] {
  return def.columns.filter((c) => !def.key.includes(c.name));
}
