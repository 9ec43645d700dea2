/** Public entry of bot orchestration (actors, registry, engine runtime, replay feed, wire types). */
export { BotRegistry } from "./bot-registry.ts";
export type { RegistryDeps, SyncReport, RegistryListener } from "./bot-registry.ts";
export { BotActor, intervalMsOf } from "./bot-actor.ts";
export type { ActorSettings, BotNotification, UpdateResult } from "./bot-actor.ts";
export { BotMetrics } from "./bot-metrics.ts";
export type { MetricsState } from "./bot-metrics.ts";
export { EngineBotRuntime } from "./engine-runtime.ts";
export type { RuntimeEnvironment, ResolvedStrategy } from "./engine-runtime.ts";
export { SeriesReplayFeed, sleep } from "./replay-feed.ts";
export type { ReplayOptions } from "./replay-feed.ts";
export { diffSpecs } from "./spec-diff.ts";
export type { SpecDiff } from "./spec-diff.ts";
export { assertCommand, canApply, isActive } from "./state-machine.ts";
export { Mailbox } from "./mailbox.ts";
export { BOT_STATES } from "./types.ts";
export type {
  BotState,
  BotCommandName,
  BotSpec,
  BotRiskSpec,
  BotFeedSpec,
  ReplayFeedSpec,
  LiveFeedSpec,
  BotSource,
  FeedStatus,
  PositionView,
  TradeView,
  EquityPoint,
  BotSummary,
  BotDetail,
  BotEvent,
  BotEventBody,
  BotEventType,
  Page,
} from "./types.ts";
export type {
  BarFeed,
  BotRuntime,
  BotRuntimeFactory,
  BotStore,
  FeedCursor,
  ListQuery,
  PersistBatch,
  PersistedBotState,
  RuntimeCounters,
  RuntimeHooks,
  RuntimeSnapshot,
  StoredBot,
} from "./ports.ts";
