/**
 * The API's wire contract as TypeScript types, for typed clients (the TUI imports these with
 * `import type`). Fields are only ever added; renames or removals would bump the WS protocol
 * number in `WsHello`. Times are epoch milliseconds.
 */
import type { BotDetail, BotEvent, BotSummary, EquityPoint, Page, PositionView, TradeView, BotState } from "../bots/index.ts";

export type { BotDetail, BotEvent, BotSummary, EquityPoint, Page, PositionView, TradeView, BotState };
/** Body of POST /api/bots (defaults not yet applied) — the input side of the bot schema. */
export type { BotSpecInput } from "../config/sections/bots.ts";

export type {
  BotCommandName,
  BotEventBody,
  BotEventType,
  BotFeedSpec,
  BotRiskSpec,
  BotSource,
  BotSpec,
  FeedStatus,
  LiveFeedSpec,
  ReplayFeedSpec,
} from "../bots/index.ts";

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

/** GET /api/bots */
export interface BotListResponse {
  readonly bots: readonly BotSummary[];
}

/** PATCH /api/bots/:id */
export interface UpdateBotResponse {
  readonly bot: BotSummary;
  readonly changed: readonly string[];
  readonly applied_at_next_bar: readonly string[];
  readonly restart_required: readonly string[];
}

/** GET /api/bots/:id/positions */
export interface PositionsResponse {
  readonly items: readonly PositionView[];
}

export interface HealthComponent {
  readonly status: "ok" | "degraded" | "down" | "off";
  readonly message: string | null;
}

/** GET /api/health */
export interface HealthResponse {
  readonly status: "ok" | "degraded";
  readonly version: string;
  readonly uptime_s: number;
  readonly bots: Record<BotState, number>;
  readonly components: Record<string, HealthComponent>;
}

/** GET /api/config */
export interface ConfigView {
  readonly path: string | null;
  readonly loaded_at: number;
  /** The config in force with secrets replaced by "***". */
  readonly config: Record<string, unknown>;
  readonly last_reload: { readonly at: number; readonly ok: boolean; readonly error: string | null; readonly changes: Record<string, unknown> } | null;
  readonly restart_required: readonly string[];
}

/** GET /api/strategies: what a bot or backtest can run, with each parameter's default. */
export interface StrategyInfo {
  readonly name: string;
  readonly description: string;
  /** `type` is the JSON Schema type; bounds and `enum` appear when the parameter has them. */
  readonly params: readonly {
    readonly name: string;
    readonly type: string;
    readonly default: unknown;
    readonly description: string | null;
    readonly minimum?: number;
    readonly maximum?: number;
    readonly exclusiveMinimum?: number;
    readonly exclusiveMaximum?: number;
    readonly enum?: readonly unknown[];
  }[];
}

/** POST /api/backtests body */
export interface BacktestRequest {
  readonly data: string;
  readonly symbol?: string | undefined;
  readonly interval?: string | undefined;
  readonly strategy: string;
  readonly params: Record<string, unknown>;
  readonly from?: number | string | undefined;
  readonly to?: number | string | undefined;
  readonly capital?: number | undefined;
  readonly fee_rate?: number | undefined;
  readonly slippage_bps?: number | undefined;
  readonly risk_per_trade_pct?: number | undefined;
  readonly max_position_pct?: number | undefined;
  readonly leverage?: number | undefined;
}

/** POST /api/backtests (202) and GET /api/backtests/:id */
export interface BacktestJob {
  readonly id: string;
  readonly state: "queued" | "running" | "done" | "error";
  readonly progress: number;
  readonly submitted_at: number;
  readonly started_at: number | null;
  readonly finished_at: number | null;
  readonly request: BacktestRequest;
  readonly result: Record<string, unknown> | null;
  readonly error: ErrorBody | null;
}

// ---- WebSocket /ws ------------------------------------------------------------------------

export type WsChannel = "status" | "events" | "fills";

/** Client → server. `bots` omitted or "*" = every bot (including bots created later). */
export type WsClientMessage =
  | {
      readonly op: "subscribe";
      readonly channels: readonly WsChannel[];
      readonly bots?: readonly string[] | "*";
      /** Deliver events/fills as one `events`/`fills` frame per bot per flush (set on the first subscribe). */
      readonly batch?: boolean;
    }
  | { readonly op: "unsubscribe"; readonly channels?: readonly WsChannel[]; readonly bots?: readonly string[] | "*" }
  | { readonly op: "ping"; readonly id?: string | number };

export interface WsHello {
  readonly type: "hello";
  readonly protocol: 1;
  readonly server_time: number;
  readonly heartbeat_ms: number;
  readonly channels: readonly WsChannel[];
}

/** Server → client. */
export type WsServerMessage =
  | WsHello
  | { readonly type: "subscribed"; readonly channels: readonly WsChannel[]; readonly bots: readonly string[] | "*"; readonly batch: boolean }
  | { readonly type: "status"; readonly bot: BotSummary }
  | { readonly type: "removed"; readonly bot_id: string }
  | { readonly type: "event"; readonly bot_id: string; readonly event: BotEvent }
  | { readonly type: "fill"; readonly bot_id: string; readonly event: BotEvent }
  | { readonly type: "events"; readonly bot_id: string; readonly events: readonly BotEvent[] }
  | { readonly type: "fills"; readonly bot_id: string; readonly events: readonly BotEvent[] }
  | { readonly type: "heartbeat"; readonly ts: number; readonly dropped_clients: number }
  | { readonly type: "pong"; readonly id: string | number | null; readonly ts: number }
  | { readonly type: "error"; readonly code: string; readonly message: string };
