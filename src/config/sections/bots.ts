/**
 * `[[bots]]` entries and the daemon's bot settings. A bot = symbol + interval + strategy + params
 * + risk settings + execution mode + data feed. The same schema validates config-file entries,
 * `POST /api/bots` bodies and `PATCH /api/bots/:id` merges, so a bot means the same thing
 * wherever it was declared.
 *
 * Invariants: ids are URL-safe; `mode = "live"` needs a live feed (a replay cannot trade for
 * real); a replay feed names exactly one of `file` or `tier`. Strategy params are checked
 * against the strategy's own schema by the bots module (this file does not know strategies).
 */
import { z } from "zod";
import { INTERVALS } from "../../core/interval.ts";

export const BOT_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const intervalSchema = z
  .string()
  .refine((s) => Object.hasOwn(INTERVALS, s), { message: `must be one of ${Object.keys(INTERVALS).join(" ")}` })
  .describe("Bar interval (1m 5m 15m 1h 4h 1d …)");

/** Time bound as RFC3339 text or epoch milliseconds. */
const timeBound = z
  .union([z.number().int(), z.string().refine((s) => Number.isFinite(Date.parse(s)), { message: "must be an RFC3339 time or epoch ms" })])
  .describe("RFC3339 time (2026-07-01T00:00:00Z) or epoch ms");

export const botRiskSchema = z
  .object({
    capital: z.number().positive().default(10_000).describe("Initial capital in quote currency (changing it resets the bot's book)"),
    fee_rate: z.number().min(0).max(0.1).default(0.00025).describe("Simulated commission as a fraction of notional (paper)"),
    slippage_bps: z.number().min(0).max(1000).default(10).describe("Simulated market-order slippage in basis points (paper)"),
    risk_per_trade_pct: z.number().positive().max(1).default(0.05).describe("Order value = equity × leverage × this"),
    max_position_pct: z.number().positive().max(1).default(0.2).describe("Cap on order value as a fraction of equity"),
    leverage: z.number().int().min(1).max(50).default(1).describe("Leverage 1..50"),
    seed: z.number().int().default(1).describe("Seed of the strategy's random generator"),
  })
  .strict();

export const replayFeedSchema = z
  .object({
    kind: z.literal("replay"),
    file: z.string().min(1).optional().describe("Bar file (CSV/CSV.gz/Parquet…) to replay"),
    tier: z.enum(["hot", "warm", "cold"]).optional().describe("Replay candles stored in a storage tier (collected or imported) instead of a file"),
    bars_per_second: z.number().min(0).default(0).describe("Replay speed in bars per second; 0 = as fast as possible"),
    from: timeBound.optional().describe("First bar open time to replay (inclusive)"),
    to: timeBound.optional().describe("Last bar open time to replay (exclusive)"),
  })
  .strict()
  .refine((f) => (f.file === undefined) !== (f.tier === undefined), { message: "a replay feed needs exactly one of file or tier", path: ["file"] });

export const hyperliquidFeedSchema = z
  .object({
    kind: z.literal("hyperliquid"),
    warmup_bars: z.number().int().min(0).max(5000).default(200).describe("Closed candles fetched over REST to warm the strategy up"),
  })
  .strict();

export const botFeedSchema = z.discriminatedUnion("kind", [replayFeedSchema, hyperliquidFeedSchema]).describe("Data feed: hyperliquid (live) or replay");

export const botSpecSchema = z
  .object({
    id: z.string().regex(BOT_ID_RE, "must be 1–64 characters of A-Z a-z 0-9 _ . - starting with a letter or digit").describe("Bot id (unique)"),
    symbol: z.string().min(1).max(32).describe("Instrument symbol as the feed names it (BTC, ETH, BTCUSDT …)"),
    interval: intervalSchema,
    strategy: z.string().min(1).describe("Strategy name (see `algo-trade strategies`)"),
    params: z.record(z.string(), z.unknown()).default({}).describe("Strategy parameters, checked against the strategy's schema"),
    mode: z.enum(["paper", "live"]).default("paper").describe("paper = simulated fills; live = real orders on the venue"),
    feed: botFeedSchema,
    risk: botRiskSchema.default(botRiskSchema.parse({})),
    enabled: z.boolean().default(true).describe("Disabled bots are kept in the database but not loaded"),
    autostart: z.boolean().default(false).describe("Start the bot when the daemon starts (otherwise it is restored Stopped)"),
  })
  .strict()
  .refine((b) => b.mode !== "live" || b.feed.kind !== "replay", { message: "live mode needs a live feed (feed.kind = \"hyperliquid\")", path: ["mode"] });

/** A validated bot definition. */
export type BotSpec = z.infer<typeof botSpecSchema>;
/** What a caller may send (defaults not yet applied). */
export type BotSpecInput = z.input<typeof botSpecSchema>;

export const botsSchema = z.array(botSpecSchema).default([]).describe("[[bots]] entries managed by the daemon");

/** Daemon behaviour around bots. */
export const daemonSchema = z
  .object({
    watch_config: z.boolean().default(true).describe("Watch the config file and apply valid changes without a restart"),
    persist_interval_ms: z.number().int().min(50).max(60_000).default(1000).describe("How often a running bot's state (equity, cursor) is saved when nothing traded"),
    shutdown_timeout_ms: z.number().int().min(100).max(60_000).default(8000).describe("Budget for stopping bots and flushing storage on SIGTERM before forcing exit"),
    ws_heartbeat_ms: z.number().int().min(100).max(300_000).default(10_000).describe("WebSocket heartbeat period"),
    ws_max_buffered_bytes: z.number().int().min(1024).default(1 << 20).describe("A WebSocket client with more unsent bytes than this is dropped"),
    recent_events: z.number().int().min(1).max(1000).default(50).describe("Events kept in each bot's status (`recent_events`)"),
    event_retention: z.number().int().min(100).default(20_000).describe("Events kept per bot in the database (older ones are pruned)"),
    collectors: z
      .array(z.string().regex(/^hyperliquid:[A-Za-z0-9]+:[0-9]+[mhdwM]$/, 'must look like "hyperliquid:BTC:1m" (venue:coin:interval)'))
      .default([])
      .describe('Candle collectors run by the daemon into the storage tiers, as "hyperliquid:COIN:INTERVAL"; empty = none'),
    storage: z.boolean().default(true).describe("Open the storage tiers (hot/warm/cold) in the daemon: tiering schedule ([tiers.tiering]), collectors, tier replay for bots"),
  })
  .strict()
  .default({
    watch_config: true,
    persist_interval_ms: 1000,
    shutdown_timeout_ms: 8000,
    ws_heartbeat_ms: 10_000,
    ws_max_buffered_bytes: 1 << 20,
    recent_events: 50,
    event_retention: 20_000,
    collectors: [],
    storage: true,
  });

export type DaemonSettings = z.infer<typeof daemonSchema>;
