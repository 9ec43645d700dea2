/**
 * Bot test fixtures: a runtime factory over the REAL app environment (loadBars on the shared
 * data, the simulated venue, the engine) with the test kit's SMA-cross strategy, an in-memory or
 * file bot store, a registry builder, and bot specs replaying real Hyperliquid candles.
 */
import { ConfigError, type Clock } from "../../core/index.ts";
import { loadBars } from "../../data/index.ts";
import { botSpecSchema, type BotSpecInput } from "../../config/sections/bots.ts";
import { BotRegistry, type BotRuntimeFactory, type BotSpec } from "../../bots/index.ts";
import { createRuntimeFactory } from "../../app/daemon/bot-environment.ts";
import { openBotStore, type AppBotStore } from "../../app/daemon/bot-store.ts";
import { silentLogger } from "../../lib/logger.ts";
import { SmaCrossStrategy } from "../engine/test-strategies.ts";
import { dataFile } from "../data-path.ts";

export const HL_CANDLES = "hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz";

export const wallClock: Clock = { now: () => Date.now() };

export function testRuntimeFactory(): BotRuntimeFactory {
  return createRuntimeFactory({
    strategyNames: () => ["sma_cross_test"],
    resolveStrategy: (spec) => {
      if (spec.strategy !== "sma_cross_test") throw new ConfigError(`unknown strategy "${spec.strategy}"`, { field: "strategy" });
      const fast = spec.params.fast ?? 5;
      const slow = spec.params.slow ?? 20;
      if (typeof fast !== "number" || !Number.isInteger(fast) || fast < 1) throw new ConfigError("params.fast: must be an integer ≥ 1", { field: "params.fast" });
      if (typeof slow !== "number" || !Number.isInteger(slow) || slow <= fast) throw new ConfigError("params.slow: must be an integer > fast", { field: "params.slow" });
      return { strategy: new SmaCrossStrategy(fast, slow), warmup: slow };
    },
    loadSeries: (path, o) => loadBars(path, o),
    wallClock,
    baseDir: process.cwd(),
  });
}

/** A replay bot on real Hyperliquid BTC candles (15m: 3,175 bars; 1h: 989; 4h: 478). */
export function replaySpec(id: string, over: Partial<BotSpecInput> = {}, feed: Record<string, unknown> = {}): BotSpec {
  return botSpecSchema.parse({
    id,
    symbol: "BTC",
    interval: "1h",
    strategy: "sma_cross_test",
    params: { fast: 5, slow: 20 },
    feed: { kind: "replay", file: dataFile(HL_CANDLES), bars_per_second: 0, ...feed },
    ...over,
  });
}

export function testRegistry(store: AppBotStore, o: { persistIntervalMs?: number; runtimes?: BotRuntimeFactory } = {}): BotRegistry {
  return new BotRegistry({
    runtimes: o.runtimes ?? testRuntimeFactory(),
    store,
    clock: wallClock,
    log: silentLogger,
    settings: { persistIntervalMs: o.persistIntervalMs ?? 1000, recentEvents: 50, eventRetention: 20_000 },
  });
}

export function memoryStore(): AppBotStore {
  return openBotStore("sqlite::memory:", wallClock);
}

/** Resolves when `cond()` holds; polls on the event loop (no fixed sleeps), fails after `ms`. */
export async function until(cond: () => boolean, ms = 30_000, what = "condition"): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
