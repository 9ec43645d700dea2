/**
 * Bot vocabulary and the JSON shapes the API and the TUI rely on (stable contract: fields are
 * only ever added). Wire names are snake_case; times are epoch milliseconds; money is a float
 * for display, with the exact value as a decimal string where accounting matters (`*_exact`).
 *
 * `BotSpec` mirrors the zod schema in src/config/sections/bots.ts (the composition root checks
 * at compile time that the two agree); this module cannot import config.
 */

export type BotState = "stopped" | "starting" | "running" | "paused" | "stopping" | "error";
export const BOT_STATES: readonly BotState[] = ["stopped", "starting", "running", "paused", "stopping", "error"];

export type BotCommandName = "start" | "stop" | "pause" | "resume";

export interface BotRiskSpec {
  readonly capital: number;
  readonly fee_rate: number;
  readonly slippage_bps: number;
  readonly risk_per_trade_pct: number;
  readonly max_position_pct: number;
  readonly leverage: number;
  readonly seed: number;
}

export interface ReplayFeedSpec {
  readonly kind: "replay";
  readonly file?: string | undefined;
  readonly tier?: "hot" | "warm" | "cold" | undefined;
  readonly bars_per_second: number;
  readonly from?: number | string | undefined;
  readonly to?: number | string | undefined;
}

export interface LiveFeedSpec {
  readonly kind: "hyperliquid";
  readonly warmup_bars: number;
}

export type BotFeedSpec = ReplayFeedSpec | LiveFeedSpec;

export interface BotSpec {
  readonly id: string;
  readonly symbol: string;
  readonly interval: string;
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly mode: "paper" | "live";
  readonly feed: BotFeedSpec;
  readonly risk: BotRiskSpec;
  readonly enabled: boolean;
  readonly autostart: boolean;
}

/** Where a bot was declared: the config file's [[bots]] or the API. */
export type BotSource = "config" | "api";

/** Health of the data feed, independent of the bot state (a running bot may be retrying). */
export interface FeedStatus {
  readonly state: "idle" | "connecting" | "ok" | "retrying" | "ended";
  readonly message: string | null;
}

export interface PositionView {
  readonly symbol: string;
  readonly side: "long" | "short";
  readonly quantity: number;
  readonly entry_price: number;
  readonly mark_price: number;
  readonly unrealized_pnl: number;
  readonly opened_at: number | null;
}

export interface TradeView {
  /** 1-based number of the trade within its epoch (an epoch starts when the book is reset). */
  readonly id: number;
  readonly epoch: number;
  readonly symbol: string;
  readonly direction: "long" | "short";
  readonly entry_time: number;
  readonly exit_time: number;
  readonly entry_price: number;
  readonly exit_price: number;
  readonly quantity: number;
  readonly pnl: number;
  readonly pnl_pct: number;
  readonly fees: number;
  readonly entry_bar: number;
  readonly exit_bar: number;
  /** Exact net PnL as a decimal string (12 decimals). */
  readonly pnl_exact: string;
}

export interface EquityPoint {
  /** Market time of the mark (bar close), epoch ms. */
  readonly ts: number;
  readonly equity: number;
  readonly bar_index: number;
}

/** One row of GET /api/bots and of WS `status` messages: the bot's spec (without `enabled`) plus its status. */
export interface BotSummary extends Omit<BotSpec, "enabled"> {
  readonly source: BotSource;
  readonly state: BotState;
  /** Set when state = error (and kept as the last error otherwise until the next start). */
  readonly error: string | null;
  readonly feed_status: FeedStatus;
  readonly equity: number;
  readonly initial_capital: number;
  readonly return_pct: number;
  /** Annualised Sharpe of per-bar returns (0 until two bars). */
  readonly sharpe: number;
  /** Maximum drawdown as a fraction of the peak (0.12 = 12 %). */
  readonly max_drawdown: number;
  /** Winning closed trades / closed trades (0 with no trades). */
  readonly win_rate: number;
  readonly trades: number;
  readonly open_positions: readonly PositionView[];
  readonly bars: number;
  readonly signals: number;
  readonly orders: number;
  readonly fills: number;
  /** Close time of the latest processed bar. */
  readonly last_bar_time: number | null;
  /** Wall time of the latest sign of life of the bot's loop (bar, feed message, start). */
  readonly last_heartbeat: number | null;
  readonly started_at: number | null;
  /** Monotonic per bot; increases on every status change (cheap change detection for clients). */
  readonly version: number;
}

/** GET /api/bots/:id: the summary plus the latest events. */
export interface BotDetail extends BotSummary {
  readonly recent_events: readonly BotEvent[];
  readonly epoch: number;
}

interface EventBase {
  /** Monotonic per bot. */
  readonly seq: number;
  readonly bot_id: string;
  /** Wall time of emission, epoch ms. */
  readonly ts: number;
  /** Market time the event refers to (bar close, fill time), if any. */
  readonly market_ts: number | null;
}

export type BotEventBody =
  | { readonly type: "state"; readonly data: { readonly from: BotState; readonly to: BotState; readonly error?: string } }
  | { readonly type: "signal"; readonly data: { readonly direction: "long" | "short" | "exit"; readonly strength: number; readonly price: number; readonly bar_index: number } }
  | { readonly type: "signal_ignored"; readonly data: { readonly direction: "long" | "short" | "exit"; readonly reason: string } }
  | {
      readonly type: "order";
      readonly data: { readonly order_id: number; readonly side: "buy" | "sell"; readonly order_type: string; readonly quantity: number; readonly price: number | null; readonly reason: string };
    }
  | { readonly type: "cancel"; readonly data: { readonly order_id: number; readonly reason: string } }
  | {
      readonly type: "fill";
      readonly data: {
        readonly order_id: number;
        readonly side: "buy" | "sell";
        readonly quantity: number;
        readonly price: number;
        readonly commission: number;
        readonly liquidity: "maker" | "taker";
        readonly reason: string;
      };
    }
  | { readonly type: "trade"; readonly data: TradeView }
  | { readonly type: "notice"; readonly data: { readonly message: string } }
  | { readonly type: "error"; readonly data: { readonly code: string; readonly message: string } }
  | { readonly type: "config"; readonly data: { readonly changed: readonly string[]; readonly restart_required: readonly string[] } };

export type BotEvent = EventBase & BotEventBody;
export type BotEventType = BotEvent["type"];

/** A page of a list endpoint. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}
