/**
 * The live Hyperliquid path of the daemon against the loopback fake serving REAL 1m candles
 * (Binance USD-M BTC, as the fake's candle source): a bot on `feed.kind = "hyperliquid"` warms up
 * over REST, trades closed candles from the WebSocket through the same engine, reports
 * "venue unreachable, retrying" while the venue is gone and resumes without a gap; the candle
 * collector stores what it receives in the storage tiers, from which a replay bot can read.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBars } from "../../data/index.ts";
import { BotRegistry } from "../../bots/index.ts";
import { botSpecSchema } from "../../config/sections/bots.ts";
import { configSchema } from "../../config/index.ts";
import { silentLogger } from "../../lib/logger.ts";
import { loadBarsFromTier, openStorageRuntime } from "../../storage/index.ts";
import { binanceMinuteCandles, startHyperliquidFake, waitUntil } from "../../testkit/fakes/hyperliquid/index.ts";
import { memoryStore, until } from "../../testkit/daemon/bot-fixtures.ts";
import { Credentials } from "../../venues/hyperliquid/index.ts";
import { createRuntimeFactory } from "./bot-environment.ts";
import { CandleCollectors } from "./collectors.ts";
import { createHyperliquidLive } from "./hyperliquid-live.ts";
import { resolveNamedStrategy, strategyNames } from "./strategy-resolver.ts";

const minutes = binanceMinuteCandles("BTC", 400);
const fakes: ReturnType<typeof startHyperliquidFake>[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const f of fakes) await f.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fake serving the candles with its market clock just after candle `at` opened. */
function startFake(at: number) {
  const fake = startHyperliquidFake({ candles: minutes, now: minutes[at]!.t + 1_000 });
  fakes.push(fake);
  return { fake, clock: { now: () => fake.now() } };
}

/**
 * Moves the fake's market clock through candles [from, to) one at a time (an in-progress update,
 * then the close), waiting for each closed bar to reach the bot, as a live market would pace it.
 */
async function advance(fake: ReturnType<typeof startHyperliquidFake>, from: number, to: number, bars: () => number): Promise<void> {
  const b0 = bars();
  for (let i = from; i < to; i++) {
    fake.setNow(minutes[i]!.t + 30_000);
    fake.setNow(minutes[i]!.T + 1_001);
    await waitUntil(() => bars() >= b0 + (i - from + 1), `bar ${i}`, 20_000);
  }
}

/** The daemon's runtime factory wiring (createHyperliquidLive) pointed at the fake. */
function liveRuntimes(fake: ReturnType<typeof startHyperliquidFake>, clock: { now(): number }, env: Record<string, string>) {
  return createRuntimeFactory({
    strategyNames,
    resolveStrategy: (s) => resolveNamedStrategy(s.strategy, s.params),
    loadSeries: (p, o) => loadBars(p, o),
    wallClock: clock,
    baseDir: process.cwd(),
    live: createHyperliquidLive({ apiUrl: fake.url, wsUrl: fake.wsUrl, testnet: false, env, clock, log: silentLogger, retryBaseMs: 50, retryMaxMs: 200 }),
  });
}

function registry(runtimes: ReturnType<typeof createRuntimeFactory>, clock: { now(): number }): BotRegistry {
  return new BotRegistry({ runtimes, store: memoryStore(), clock, log: silentLogger, settings: { persistIntervalMs: 1000, recentEvents: 50, eventRetention: 10_000 } });
}

describe("daemon on the Hyperliquid fake", () => {
  test("a live-feed bot warms up, trades closed candles, survives a venue outage without a gap", async () => {
    const { fake, clock } = startFake(120);
    const runtimes = liveRuntimes(fake, clock, {});
    const reg = registry(runtimes, clock);
    await reg.create(botSpecSchema.parse({ id: "hl", symbol: "BTC", interval: "1m", strategy: "ma_crossover", params: { fast: 5, slow: 20 }, feed: { kind: "hyperliquid", warmup_bars: 60 } }));
    await reg.command("hl", "start");
    await until(() => reg.get("hl").state === "running" && reg.get("hl").feed_status.state === "ok", 20_000, "live bot running");
    await waitUntil(() => fake.ws.subscribedKeys().has("candle:BTC:1m"), "candle subscription");
    const warmEvents = reg.events("hl", { offset: 0, limit: 1000 }).items.filter((e) => e.type === "order");
    expect(warmEvents).toEqual([]); // warm-up bars never trade

    await advance(fake, 120, 250, () => reg.get("hl").bars);
    const mid = reg.get("hl");
    expect(mid.bars).toBeGreaterThanOrEqual(129);
    expect(mid.orders).toBeGreaterThan(0);

    // Outage: connections dropped and refused; the bot reports it and keeps its state.
    fake.setWsAvailable(false);
    fake.dropConnections();
    await until(() => reg.get("hl").feed_status.state === "retrying", 10_000, "retrying");
    expect(reg.get("hl").feed_status.message).toContain("venue unreachable, retrying");
    expect(reg.get("hl").state).toBe("running");
    for (let i = 250; i < 260; i++) fake.setNow(minutes[i]!.T + 1_001); // candles close while we are away
    fake.setWsAvailable(true);
    await until(() => reg.get("hl").feed_status.state === "ok", 20_000, "reconnected");
    // The candles missed during the outage are backfilled; those received more than an interval
    // after their close only warm the strategy. Every other bar was traded, in order, no gap.
    await advance(fake, 260, 399, () => reg.get("hl").bars);
    const end = reg.get("hl");
    const opens = reg.equity("hl", { offset: 0, limit: 5000 }).items.map((p) => p.ts - 60_000);
    const outage = [minutes[250]!.t, minutes[259]!.t];
    const expected = minutes.slice(120, 399).map((m) => m.t).filter((t) => t < outage[0]! || t > outage[1]!);
    expect(opens.filter((t) => t < outage[0]! || t > outage[1]!)).toEqual(expected);
    for (let k = 1; k < opens.length; k++) expect(opens[k]!).toBeGreaterThan(opens[k - 1]!);
    expect(end.error).toBeNull();
    expect(end.trades).toBeGreaterThan(0);
    await reg.shutdown();
  }, 120_000);

  test("mode = live: orders are signed and placed on the venue, its fills are booked; a rejected signer stops the bot", async () => {
    const { fake, clock } = startFake(120);
    const KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
    const ACCOUNT = "0x2222222222222222222222222222222222222222";
    const creds = new Credentials(KEY, ACCOUNT, "test");
    fake.addUser(ACCOUNT, 100_000, [creds.signer]);
    const spec = (id: string) =>
      botSpecSchema.parse({ id, symbol: "BTC", interval: "1m", strategy: "ma_crossover", params: { fast: 5, slow: 20 }, mode: "live", feed: { kind: "hyperliquid", warmup_bars: 60 } });
    // Without credentials a live bot is refused up front, naming the field.
    expect(() => liveRuntimes(fake, clock, {}).validate(spec("nocreds"))).toThrow(/mode: live trading needs HYPERLIQUID_API_WALLET_KEY/);

    const env = { HYPERLIQUID_API_WALLET_KEY: KEY, HYPERLIQUID_ACCOUNT_ADDRESS: ACCOUNT };
    const reg = registry(liveRuntimes(fake, clock, env), clock);
    await reg.create(spec("live"));
    await reg.command("live", "start");
    await until(() => reg.get("live").state === "running", 20_000, "live bot running");
    await waitUntil(() => fake.ws.subscribedKeys().has(`userFills:${ACCOUNT}`), "userFills subscription");
    await advance(fake, 120, 220, () => reg.get("live").bars);
    await until(() => reg.get("live").fills > 0 && reg.get("live").fills === fake.accounts.get(ACCOUNT)!.fills.length, 20_000, "fills booked");
    const s = reg.get("live");
    expect(s.state).toBe("running");
    const venueFills = fake.accounts.get(ACCOUNT)!.fills;
    const booked = reg.events("live", { offset: 0, limit: 1000, type: "fill" }).items.map((e) => (e.type === "fill" ? [e.data.side, e.data.quantity, e.data.price] : []));
    expect(booked).toEqual(venueFills.map((f) => [f.side === "B" ? "buy" : "sell", Number(f.sz), Number(f.px)]));
    await reg.shutdown();

    // A signer the venue does not know: the first order is rejected with a "stop" error.
    const stranger = { HYPERLIQUID_API_WALLET_KEY: "0x" + "11".repeat(32), HYPERLIQUID_ACCOUNT_ADDRESS: "0x3333333333333333333333333333333333333333" };
    const reg2 = registry(liveRuntimes(fake, clock, stranger), clock);
    await reg2.create(spec("rogue"));
    await reg2.command("rogue", "start");
    // The account set-up before the first order (updateLeverage) is refused: the bot stops in Error.
    await until(() => reg2.get("rogue").state === "error", 10_000, "rogue in error");
    expect(reg2.get("rogue").error).toMatch(/hyperliquid: updateLeverage: User or API Wallet 0x[0-9a-f]+ does not exist/);
    await reg2.shutdown();
  }, 120_000);

  test("the candle collector fills the storage tiers and a replay bot reads them back", async () => {
    const { fake, clock } = startFake(100);
    const dir = mkdtempSync(join(tmpdir(), "collector-"));
    dirs.push(dir);
    const cfg = configSchema.parse({ storage: { data_dir: dir }, tiers: { ingest: { max_latency_ms: 50 }, tiering: { enabled: false } } });
    // Storage runs on the wall clock (its ingest timer); the feeds run on the fake's market clock.
    const storage = await openStorageRuntime(cfg, { clock: { now: () => Date.now() }, log: silentLogger });
    storage.start();
    const collectors = new CandleCollectors(["hyperliquid:BTC:1m"], storage, { apiUrl: fake.url, wsUrl: fake.wsUrl, clock, log: silentLogger });
    collectors.start();
    const base = fake.now();
    await waitUntil(() => fake.ws.subscribedKeys().has("candle:BTC:1m"), "collector subscription");
    const start = minutes.findIndex((m) => m.T > base);
    let stored = 0;
    const status = () => Number(/(\d+) candles/.exec(collectors.health()["collector:hyperliquid:BTC:1m"]!.message ?? "")?.[1] ?? 0);
    for (let i = start; i < start + 40; i++) {
      fake.setNow(minutes[i]!.t + 30_000);
      fake.setNow(minutes[i]!.T + 1_001);
    }
    await waitUntil(() => status() >= 39, "collected candles", 20_000);
    stored = status();
    const hot = await loadBarsFromTier("hot", { symbol: "BTC", interval: "1m" }, storage);
    expect(hot.series.length).toBe(stored);
    expect(collectors.health()["collector:hyperliquid:BTC:1m"]!.status).toBe("ok");
    await until(() => storage.ingestor.stats.written >= stored, 10_000, "warm tier written");
    const warm = await loadBarsFromTier("warm", { symbol: "BTC", interval: "1m" }, storage);
    expect(Array.from(warm.series.close)).toEqual(Array.from(hot.series.close));
    expect(Array.from(warm.series.tsEvent)).toEqual(minutes.slice(start, start + stored).map((m) => m.t));

    // A replay bot on the warm tier books the collected candles.
    const runtimes = createRuntimeFactory({
      strategyNames,
      resolveStrategy: (s) => resolveNamedStrategy(s.strategy, s.params),
      loadSeries: (p, o) => loadBars(p, o),
      loadTier: (tier, q) => loadBarsFromTier(tier, { symbol: q.symbol, interval: q.interval }, storage),
      wallClock: clock,
      baseDir: process.cwd(),
    });
    const reg = registry(runtimes, clock);
    await reg.create(botSpecSchema.parse({ id: "tier", symbol: "BTC", interval: "1m", strategy: "ma_crossover", params: { fast: 3, slow: 8 }, feed: { kind: "replay", tier: "warm" } }));
    await reg.command("tier", "start");
    await until(() => reg.get("tier").feed_status.state === "ended", 10_000, "tier replay end");
    expect(reg.get("tier").bars).toBe(stored);
    await reg.shutdown();
    await collectors.stop();
    await storage.stop();
  }, 120_000);
});
