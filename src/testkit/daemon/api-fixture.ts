/**
 * An in-process API server on 127.0.0.1:0 over a real registry (in-memory SQLite store, engine
 * runtime, replay feed on the shared data), real background backtests, and the test kit's
 * SMA-cross strategy. For route/WS tests and benches; the e2e tests start the real binary.
 */
import { ConfigError } from "../../core/index.ts";
import { loadBars } from "../../data/index.ts";
import { createApi, type ApiDeps } from "../../api/index.ts";
import type { BotRegistry } from "../../bots/index.ts";
import { BacktestJobs } from "../../app/daemon/backtest-jobs.ts";
import { silentLogger } from "../../lib/logger.ts";
import { SmaCrossStrategy } from "../engine/test-strategies.ts";
import { memoryStore, testRegistry, wallClock } from "./bot-fixtures.ts";
import type { AppBotStore } from "../../app/daemon/bot-store.ts";

export const TEST_TOKEN = "test-token-0123456789";

export interface ApiFixture {
  readonly url: string;
  readonly wsUrl: string;
  readonly registry: BotRegistry;
  readonly store: AppBotStore;
  readonly backtests: BacktestJobs;
  readonly api: ReturnType<typeof createApi>;
  /** fetch relative to the server with the bearer token set unless `auth: false`. */
  call(method: string, path: string, body?: unknown, opts?: { auth?: boolean | string; raw?: string; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export async function startApi(over: Partial<ApiDeps> = {}): Promise<ApiFixture> {
  const store = memoryStore();
  const registry = testRegistry(store);
  const backtests = new BacktestJobs({
    resolveStrategy: (name, params) => {
      if (name !== "sma_cross_test") throw new ConfigError(`strategy: unknown strategy "${name}"`, { field: "strategy" });
      const fast = (params.fast as number | undefined) ?? 5;
      const slow = (params.slow as number | undefined) ?? 20;
      if (!(slow > fast)) throw new ConfigError("params.slow: must be > fast", { field: "params.slow" });
      return { strategy: new SmaCrossStrategy(fast, slow), warmup: slow };
    },
    loadSeries: (p, o) => loadBars(p, o),
    defaults: { capital: 10_000, fee_rate: 0.001, slippage_bps: 5, risk_per_trade_pct: 0.05, max_position_pct: 0.2, leverage: 1 },
    clock: wallClock,
    log: silentLogger,
    baseDir: process.cwd(),
  });
  const api = createApi({
    registry,
    backtests,
    config: () => ({ path: null, loaded_at: 0, config: {}, last_reload: null, restart_required: [] }),
    health: () => ({ bot_database: { status: "ok", message: null } }),
    strategies: () => [{ name: "sma_cross_test", description: "test SMA crossover", params: [{ name: "fast", type: "number", default: 5, description: null }, { name: "slow", type: "number", default: 20, description: null }] }],
    auth: { token: TEST_TOKEN, protectReads: false },
    corsOrigins: [],
    version: "test",
    clock: wallClock,
    log: silentLogger,
    ws: { heartbeatMs: 200, maxBufferedBytes: 256 * 1024, statusThrottleMs: 50 },
    ...over,
  });
  api.app.listen({ port: 0, hostname: "127.0.0.1" });
  const server = api.app.server!;
  api.attach(server);
  const url = `http://127.0.0.1:${server.port}`;
  return {
    url,
    wsUrl: `ws://127.0.0.1:${server.port}/ws`,
    registry,
    store,
    backtests,
    api,
    call(method, path, body, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.auth !== false) headers.authorization = `Bearer ${typeof opts.auth === "string" ? opts.auth : TEST_TOKEN}`;
      if (body !== undefined || opts.raw !== undefined) headers["content-type"] = "application/json";
      return fetch(url + path, { method, headers, ...(opts.raw !== undefined ? { body: opts.raw } : body !== undefined ? { body: JSON.stringify(body) } : {}) });
    },
    async close() {
      api.hub.stop();
      await registry.shutdown();
      await api.app.stop(true);
      store.close();
    },
  };
}
