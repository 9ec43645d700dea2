/**
 * What the API needs from the rest of the daemon, as plain interfaces filled in by src/app:
 * the bot registry (src/bots), background backtests, the config view (with hot-reload status)
 * and component health. The API never reads files, env or the clock on its own.
 */
import type { BotRegistry } from "../bots/index.ts";
import type { Clock } from "../core/index.ts";
import type { Logger } from "../lib/logger.ts";
import type { BacktestJob, BacktestRequest, ConfigView, HealthComponent, StrategyInfo } from "./types.ts";

export interface BacktestService {
  /** Queues a backtest; validation errors throw (ConfigError/UsageError → 422). */
  submit(req: BacktestRequest): BacktestJob;
  get(id: string): BacktestJob | undefined;
  list(): readonly BacktestJob[];
}

export interface AuthSettings {
  /** Bearer token; null = no token configured (then mutating routes are refused). */
  readonly token: string | null;
  /** Require the token on reads too (non-loopback bind). */
  readonly protectReads: boolean;
}

export interface ApiDeps {
  readonly registry: BotRegistry;
  readonly backtests: BacktestService;
  readonly config: () => ConfigView;
  readonly health: () => Record<string, HealthComponent>;
  /** Strategies available to bots and backtests. */
  readonly strategies: () => readonly StrategyInfo[];
  readonly auth: AuthSettings;
  /** Allowed CORS origins; empty = CORS off. */
  readonly corsOrigins: readonly string[];
  readonly version: string;
  readonly clock: Clock;
  readonly log: Logger;
  readonly ws: { readonly heartbeatMs: number; readonly maxBufferedBytes: number; readonly statusThrottleMs?: number };
}
