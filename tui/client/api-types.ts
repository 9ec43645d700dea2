/**
 * The daemon's wire types as the TUI sees them: type-only re-exports of src/api/types.ts (the
 * only src/ module besides src/core the TUI may `import type` from), so a change to the API's
 * contract is a compile error here rather than a blank column on screen.
 *
 * The few shapes the API does not export yet are declared below and marked as such.
 */
export type {
  BotDetail,
  BotEvent,
  BotEventBody,
  BotFeedSpec,
  BotRiskSpec,
  BotSource,
  BotSpec,
  BotState,
  BotSummary,
  EquityPoint,
  FeedStatus,
  LiveFeedSpec,
  Page,
  PositionView,
  ReplayFeedSpec,
  TradeView,
  BotListResponse,
  ErrorBody,
  HealthResponse,
  PositionsResponse,
  StrategyInfo as ApiStrategyInfo,
  UpdateBotResponse,
  WsClientMessage,
  WsServerMessage,
  WsChannel,
} from "../../src/api/index.ts";

import type { BotFeedSpec, BotRiskSpec } from "../../src/api/index.ts";

/** Not exported by src/api: the command routes POST /api/bots/:id/{start,stop,pause,resume}. */
export type BotCommandName = "start" | "stop" | "pause" | "resume";

/** Not exported by src/api (it is `z.input<typeof botSpecSchema>`): body of POST /api/bots. */
export interface BotSpecInput {
  readonly id: string;
  readonly symbol: string;
  readonly interval: string;
  readonly strategy: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly mode?: "paper" | "live";
  readonly feed: Partial<BotFeedSpec> & { readonly kind: BotFeedSpec["kind"] };
  readonly risk?: Partial<BotRiskSpec>;
  readonly autostart?: boolean;
}
