/** Public entry of the HTTP/WebSocket API. Typed clients (the TUI) `import type` from here. */
export { createApi, API_TITLE } from "./app.ts";
export type { ApiApp } from "./app.ts";
export type { ApiDeps, AuthSettings, BacktestService } from "./ports.ts";
export { isLoopback } from "./auth.ts";
export { ApiMetrics } from "./metrics.ts";
export { WsHub } from "./ws-hub.ts";
export type {
  BacktestJob,
  BacktestRequest,
  BotCommandName,
  BotDetail,
  BotEvent,
  BotEventBody,
  BotEventType,
  BotFeedSpec,
  BotListResponse,
  BotRiskSpec,
  BotSource,
  BotSpec,
  BotSpecInput,
  BotState,
  BotSummary,
  ConfigView,
  EquityPoint,
  ErrorBody,
  FeedStatus,
  HealthComponent,
  HealthResponse,
  LiveFeedSpec,
  Page,
  PositionView,
  PositionsResponse,
  ReplayFeedSpec,
  StrategyInfo,
  TradeView,
  UpdateBotResponse,
  WsChannel,
  WsClientMessage,
  WsHello,
  WsServerMessage,
} from "./types.ts";
