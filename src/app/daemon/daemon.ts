/**
 * Composition of the daemon (and of `server`, its API-only in-memory variant): bot database,
 * runtime factory (engine + replay/Hyperliquid feeds + simulated venue), registry, background
 * backtests, the API on server.host:server.port, config hot reload, and ordered shutdown.
 *
 * Start order: token/bind checks → bot database → registry restore (Stopped) → reconcile
 * `[[bots]]` → autostart → listen → watch config. Stop order: stop accepting requests → close
 * WebSockets → stop watching → stop every bot (each saves its state) → close the database.
 */
import { dirname, resolve } from "node:path";
import { mkdirSync } from "node:fs";
import { createApi, isLoopback, type ApiDeps, type HealthComponent } from "../../api/index.ts";
import { BotRegistry, type BotSpec as BotsSpec } from "../../bots/index.ts";
import type { BotSpec as ConfigBotSpec } from "../../config/sections/bots.ts";
import type { AppConfig } from "../../config/index.ts";
import { ConfigError, type Clock } from "../../core/index.ts";
import { loadBars } from "../../data/index.ts";
import type { Logger } from "../../lib/logger.ts";
import { LiveClock } from "../../lib/live-clock.ts";
import { resolveApiToken, type ResolvedToken } from "./api-token.ts";
import { BacktestJobs } from "./backtest-jobs.ts";
import { createRuntimeFactory } from "./bot-environment.ts";
import { openBotStore, type AppBotStore } from "./bot-store.ts";
import { ConfigState } from "./config-view.ts";
import { ConfigWatcher } from "./config-watcher.ts";
import { createHyperliquidLive } from "./hyperliquid-live.ts";
import { resolveNamedStrategy, strategyInfos, strategyNames } from "./strategy-resolver.ts";
import { loadBarsFromTier, openStorageRuntime, type StorageRuntime } from "../../storage/index.ts";
import { CandleCollectors } from "./collectors.ts";

// Compile-time check: the config schema's bot type is what the bots module expects.
const _specsAgree: (s: ConfigBotSpec) => BotsSpec = (s) => s;
void _specsAgree;

export interface DaemonOptions {
  readonly config: AppConfig;
  readonly configPath: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: Logger;
  readonly version: string;
  /** Overrides of server.host / server.port (command-line flags). */
  readonly host?: string;
  readonly port?: number;
  /** `server` command: in-memory bot store, no config bots, no watcher. */
  readonly inMemory?: boolean;
  readonly clock?: Clock;
}

export interface DaemonHandle {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly registry: BotRegistry;
  readonly token: ResolvedToken;
  readonly watcher: ConfigWatcher | null;
  /** Graceful stop; resolves when everything is saved and closed. Idempotent. */
  stop(reason?: string): Promise<void>;
}

export async function startDaemon(o: DaemonOptions): Promise<DaemonHandle> {
  const cfg = o.config;
  const log = o.log;
  const clock = o.clock ?? new LiveClock();
  const host = o.host ?? cfg.server.host;
  const port = o.port ?? cfg.server.port;
  const dataDir = resolve(cfg.storage.data_dir);
  const baseDir = o.configPath ? dirname(resolve(o.configPath)) : process.cwd();
  const token = resolveApiToken({ configured: cfg.server.api_token, host, dataDir, persist: !o.inMemory });
  if (!o.inMemory) mkdirSync(dataDir, { recursive: true });

  const store: AppBotStore = openBotStore(o.inMemory ? "sqlite::memory:" : cfg.storage.bot_database_url, clock);
  const d = cfg.daemon;
  // Storage tiers (embedded DuckDB warm tier by default: no service needed). A failure here is
  // reported in /api/health and leaves bots and the API running.
  let storage: StorageRuntime | null = null;
  let storageError: string | null = null;
  if (!o.inMemory && d.storage) {
    try {
      storage = await openStorageRuntime(cfg, { clock, log });
      storage.start();
    } catch (e) {
      storageError = e instanceof Error ? e.message : String(e);
      log.error("Storage tiers unavailable; tier replay, collectors and tiering are off", { error: storageError });
    }
  }
  const collectors = storage ? new CandleCollectors(d.collectors, storage, { apiUrl: cfg.hyperliquid.api_url, wsUrl: cfg.hyperliquid.ws_url, clock, log: log.child({ component: "collector" }) }) : null;
  const hyperliquid = createHyperliquidLive({
    apiUrl: cfg.hyperliquid.api_url,
    wsUrl: cfg.hyperliquid.ws_url,
    testnet: cfg.hyperliquid.testnet,
    env: o.env,
    secretsFile: cfg.hyperliquid.secrets_file,
    clock,
    log,
  });
  const runtimes = createRuntimeFactory({
    strategyNames,
    resolveStrategy: (spec) => resolveNamedStrategy(spec.strategy, spec.params),
    loadSeries: (path, opts) => loadBars(path, opts),
    ...(storage
      ? {
          loadTier: (tier: "hot" | "warm" | "cold", q: { symbol: string; interval: string; from?: number; to?: number }) =>
            loadBarsFromTier(tier, { symbol: q.symbol, interval: q.interval, ...(q.from !== undefined ? { fromMs: q.from } : {}), ...(q.to !== undefined ? { toMs: q.to } : {}) }, storage),
        }
      : {}),
    wallClock: clock,
    baseDir,
    live: hyperliquid,
  });
  const registry = new BotRegistry({
    runtimes,
    store,
    clock,
    log,
    settings: { persistIntervalMs: d.persist_interval_ms, recentEvents: d.recent_events, eventRetention: d.event_retention },
  });
  const backtests = new BacktestJobs({
    resolveStrategy: resolveNamedStrategy,
    loadSeries: (path, opts) => loadBars(path, opts),
    defaults: cfg.backtest,
    clock,
    log,
    baseDir,
  });
  const state = new ConfigState(cfg, o.configPath ?? null, clock.now());

  // Bots: restore (Stopped), reconcile the config file's [[bots]], then autostart.
  const restored = await registry.restore({ autostart: false });
  for (const p of restored.problems) log.warn("Bot not restored", { problem: p });
  if (!o.inMemory) {
    const sync = await registry.syncConfigBots(cfg.bots);
    for (const [id, e] of Object.entries(sync.errors)) log.error("Config bot rejected", { bot: id, error: e });
  }
  const problems: string[] = [];
  const started = await registry.autostart(problems);
  for (const p of problems) log.error("Autostart failed", { problem: p });

  const health = (): Record<string, HealthComponent> => ({
    bot_database: { status: "ok", message: o.inMemory ? "in memory" : store.path },
    config_reload: state.lastReload && !state.lastReload.ok ? { status: "degraded", message: state.lastReload.error } : { status: "ok", message: null },
    storage: storage
      ? { status: "ok", message: `${storage.warm.description}; tiering ${cfg.tiers.tiering.enabled ? `every ${cfg.tiers.tiering.interval_minutes} min` : "off"}` }
      : { status: storageError ? "down" : "off", message: storageError },
    ...(collectors ? collectors.health() : {}),
  });
  const deps: ApiDeps = {
    registry,
    backtests,
    config: () => state.view(),
    health,
    strategies: strategyInfos,
    auth: { token: token.token, protectReads: !isLoopback(host) },
    corsOrigins: cfg.server.cors_origins,
    version: o.version,
    clock,
    log,
    ws: { heartbeatMs: d.ws_heartbeat_ms, maxBufferedBytes: d.ws_max_buffered_bytes },
  };
  const api = createApi(deps);
  try {
    // Elysia defaults to SO_REUSEPORT, which lets a second daemon bind the same port silently.
    api.app.listen({ hostname: host, port, reusePort: false, development: false });
  } catch (e) {
    await registry.shutdown();
    await storage?.stop();
    store.close();
    throw new ConfigError(`server: cannot listen on ${host}:${port}: ${e instanceof Error ? e.message : String(e)}`, { key: "server.port" });
  }
  const server = api.app.server!;
  api.attach(server);
  collectors?.start();
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${server.port}`;

  let watcher: ConfigWatcher | null = null;
  if (o.configPath && d.watch_config && !o.inMemory) {
    watcher = new ConfigWatcher({ path: o.configPath, env: o.env, state, registry, clock, log, initial: cfg });
    watcher.start();
  }
  log.info("Daemon listening", {
    url,
    swagger: `${url}/swagger`,
    bots: registry.size,
    started: started.length,
    bot_database: o.inMemory ? "memory" : store.path,
    token: token.source === "config" ? "configured" : `${token.source} (${token.file ?? "memory only"})`,
  });

  let stopping: Promise<void> | null = null;
  const stop = (reason = "stop"): Promise<void> => {
    stopping ??= (async () => {
      log.info("Daemon stopping", { reason });
      // server.stop(false) stops listening at once but resolves only when every open connection
      // has ended, WebSockets included: close those first or shutdown waits out its whole budget.
      const closed = server.stop(false);
      api.hub.stop();
      await closed;
      watcher?.stop();
      await collectors?.stop();
      await registry.shutdown();
      await storage?.stop().catch((e: unknown) => log.error("Storage stop failed", { error: e instanceof Error ? e.message : String(e) }));
      store.close();
      log.info("Daemon stopped");
    })();
    return stopping;
  };
  return { url, host, port: server.port ?? port, registry, token, watcher, stop };
}
