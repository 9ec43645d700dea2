/**
 * Zod schemas of the HTTP API: request validation (bodies, params, queries) and the documented
 * response shapes that feed the OpenAPI document. They mirror the TypeScript wire types in
 * src/bots/types.ts and src/api/types.ts; schemas.test.ts checks real responses against them.
 */
import { z } from "zod";
import { botSpecSchema } from "../config/sections/bots.ts";
import { BOT_STATES } from "../bots/index.ts";

const EXAMPLE_SPEC = {
  id: "btc-sma",
  symbol: "BTC",
  interval: "1h",
  strategy: "ma_crossover",
  params: { fast: 10, slow: 30 },
  mode: "paper",
  feed: { kind: "replay", file: "/work/shared/data/hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz", bars_per_second: 20 },
  risk: { capital: 10000, leverage: 1 },
  autostart: false,
} as const;

export const errorSchema = z
  .object({
    code: z.string().describe("Stable error code (VALIDATION, NOT_FOUND, CONFLICT, UNAUTHORIZED, …)"),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).describe("Context: `field` and `issues` for validation errors"),
  })
  .meta({ example: { code: "VALIDATION", message: "body.interval: must be one of 1m 3m 5m …", details: { in: "body", field: "interval", issues: [] } } });

export const createBotBody = botSpecSchema.meta({ example: EXAMPLE_SPEC, description: "Bot definition; omitted fields take their defaults" });

export const patchBotBody = z
  .record(z.string(), z.unknown())
  .meta({
    description: "JSON merge patch (RFC 7386) of the bot definition: objects merge, null removes a key. The result is validated as a whole.",
    example: { params: { fast: 8 }, risk: { leverage: 2 }, feed: { bars_per_second: 50 } },
  });

export const idParams = z.object({ id: z.string().min(1).describe("Bot id") });

const pageQuery = {
  offset: z.coerce.number().int().min(0).default(0).describe("Rows to skip"),
  limit: z.coerce.number().int().min(1).max(5000).default(100).describe("Rows to return (1..5000)"),
};
export const pageQuerySchema = z.object(pageQuery);
export const eventsQuerySchema = z.object({
  ...pageQuery,
  after_seq: z.coerce.number().int().min(0).optional().describe("Only events with seq greater than this (tailing)"),
  type: z.enum(["state", "signal", "signal_ignored", "order", "cancel", "fill", "trade", "notice", "error", "config"]).optional(),
  order: z.enum(["asc", "desc"]).default("asc"),
});
export const equityQuerySchema = z.object({
  ...pageQuery,
  from: z.coerce.number().int().optional().describe("Bar close time ≥ from (epoch ms)"),
  to: z.coerce.number().int().optional().describe("Bar close time < to (epoch ms)"),
});

export const positionSchema = z.object({
  symbol: z.string(),
  side: z.enum(["long", "short"]),
  quantity: z.number(),
  entry_price: z.number(),
  mark_price: z.number(),
  unrealized_pnl: z.number(),
  opened_at: z.number().nullable(),
});

export const tradeSchema = z.object({
  id: z.number().int(),
  epoch: z.number().int(),
  symbol: z.string(),
  direction: z.enum(["long", "short"]),
  entry_time: z.number(),
  exit_time: z.number(),
  entry_price: z.number(),
  exit_price: z.number(),
  quantity: z.number(),
  pnl: z.number(),
  pnl_pct: z.number(),
  fees: z.number(),
  entry_bar: z.number().int(),
  exit_bar: z.number().int(),
  pnl_exact: z.string().describe("Exact net PnL, 12 decimals"),
});

export const eventSchema = z
  .object({
    seq: z.number().int(),
    bot_id: z.string(),
    ts: z.number().describe("Wall time, epoch ms"),
    market_ts: z.number().nullable().describe("Market time the event refers to"),
    type: z.enum(["state", "signal", "signal_ignored", "order", "cancel", "fill", "trade", "notice", "error", "config"]),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ example: { seq: 12, bot_id: "btc-sma", ts: 1764000000000, market_ts: 1755000000000, type: "fill", data: { order_id: 3, side: "buy", quantity: 0.0071, price: 113250, commission: 0.2, liquidity: "taker", reason: "entry" } } });

export const equityPointSchema = z.object({ ts: z.number(), equity: z.number(), bar_index: z.number().int() });

export const botSummarySchema = z.object({
  id: z.string(),
  symbol: z.string(),
  interval: z.string(),
  strategy: z.string(),
  params: z.record(z.string(), z.unknown()),
  mode: z.enum(["paper", "live"]),
  feed: z.record(z.string(), z.unknown()),
  risk: z.record(z.string(), z.number()),
  autostart: z.boolean(),
  source: z.enum(["config", "api"]),
  state: z.enum(BOT_STATES as [string, ...string[]]),
  error: z.string().nullable(),
  feed_status: z.object({ state: z.enum(["idle", "connecting", "ok", "retrying", "ended"]), message: z.string().nullable() }),
  equity: z.number(),
  initial_capital: z.number(),
  return_pct: z.number(),
  sharpe: z.number(),
  max_drawdown: z.number(),
  win_rate: z.number(),
  trades: z.number().int(),
  open_positions: z.array(positionSchema),
  bars: z.number().int(),
  signals: z.number().int(),
  orders: z.number().int(),
  fills: z.number().int(),
  last_bar_time: z.number().nullable(),
  last_heartbeat: z.number().nullable(),
  started_at: z.number().nullable(),
  version: z.number().int(),
});

export const botDetailSchema = botSummarySchema.extend({ recent_events: z.array(eventSchema), epoch: z.number().int() });
export const botListSchema = z.object({ bots: z.array(botSummarySchema) });
export const updateResultSchema = z.object({
  bot: botSummarySchema,
  changed: z.array(z.string()),
  applied_at_next_bar: z.array(z.string()),
  restart_required: z.array(z.string()).describe("Stored; effective from the bot's next start"),
});

export function pageOf<T extends z.ZodType>(item: T): z.ZodObject {
  return z.object({ items: z.array(item), total: z.number().int(), offset: z.number().int(), limit: z.number().int() });
}

export const healthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  uptime_s: z.number(),
  bots: z.record(z.string(), z.number()),
  components: z.record(z.string(), z.object({ status: z.string(), message: z.string().nullable() })),
});

export const configSchemaView = z.object({
  path: z.string().nullable(),
  loaded_at: z.number(),
  config: z.record(z.string(), z.unknown()).describe("Config in force; secrets redacted"),
  last_reload: z
    .object({ at: z.number(), ok: z.boolean(), error: z.string().nullable(), changes: z.record(z.string(), z.unknown()) })
    .nullable(),
  restart_required: z.array(z.string()).describe("Keys changed in the file that need a daemon restart"),
});

export const strategiesSchema = z.object({
  strategies: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      params: z.array(
        z.object({
          name: z.string(),
          type: z.string().describe("JSON Schema type: integer | number | boolean | string"),
          default: z.unknown(),
          description: z.string().nullable(),
          minimum: z.number().optional(),
          maximum: z.number().optional(),
          exclusiveMinimum: z.number().optional(),
          exclusiveMaximum: z.number().optional(),
          enum: z.array(z.unknown()).optional().describe("Allowed values, when the parameter is a choice"),
        }),
      ),
    }),
  ),
}).meta({ example: { strategies: [{ name: "ma_crossover", description: "SMA crossover", params: [{ name: "fast", type: "integer", default: 10, description: "fast SMA window, bars", minimum: 1, maximum: 100000 }] }] } });

export const backtestBody = z
  .object({
    data: z.string().min(1).describe("Bar file path (CSV/CSV.gz/Parquet/Arrow) readable by the daemon"),
    symbol: z.string().optional().describe("Series to pick in multi-series files"),
    interval: z.string().optional(),
    strategy: z.string().min(1),
    params: z.record(z.string(), z.unknown()).default({}),
    from: z.union([z.number().int(), z.string()]).optional(),
    to: z.union([z.number().int(), z.string()]).optional(),
    capital: z.number().positive().optional(),
    fee_rate: z.number().min(0).max(0.1).optional(),
    slippage_bps: z.number().min(0).max(1000).optional(),
    risk_per_trade_pct: z.number().positive().max(1).optional(),
    max_position_pct: z.number().positive().max(1).optional(),
    leverage: z.number().int().min(1).max(50).optional(),
  })
  .strict()
  .meta({
    example: {
      data: "/work/shared/data/binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz",
      strategy: "ma_crossover",
      params: { fast: 10, slow: 30 },
      from: "2024-01-01T00:00:00Z",
    },
  });

export const backtestJobSchema = z.object({
  id: z.string(),
  state: z.enum(["queued", "running", "done", "error"]),
  progress: z.number().describe("0..1"),
  submitted_at: z.number(),
  started_at: z.number().nullable(),
  finished_at: z.number().nullable(),
  request: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()).nullable().describe("Metrics and trade count when done"),
  error: errorSchema.nullable(),
});

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No content",
  400: "Malformed request (body is not JSON)",
  401: "Missing or invalid bearer token",
  404: "Unknown bot or job",
  409: "Not allowed in the bot's current state",
  422: "Invalid input; details.field names the field",
  503: "Storage unavailable",
};

/**
 * JSON Schema of a zod schema for the OpenAPI document (draft 2020-12, as OpenAPI 3.1 wants).
 * Requests are documented as input (fields with defaults are optional), responses as output.
 */
export function jsonSchema(s: z.ZodType, io: "input" | "output" = "output"): Record<string, unknown> {
  const out = z.toJSONSchema(s, { unrepresentable: "any", io }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

export function requestJsonSchema(s: z.ZodType): Record<string, unknown> {
  return jsonSchema(s, "input");
}

/**
 * OpenAPI `detail` of a route: tag, summary, documented responses (zod schema, or a plain
 * description for empty bodies) and the bearer requirement. Responses are documented rather
 * than validated at run time, so the hot read paths pay nothing for them.
 */
export function doc(
  tag: string,
  summary: string,
  responses: Readonly<Record<number, z.ZodType | null>>,
  opts: { description?: string; secured?: boolean } = {},
): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const [code, s] of Object.entries(responses)) {
    const text = STATUS_TEXT[Number(code)] ?? "Response";
    r[code] = s === null ? { description: text } : { description: text, content: { "application/json": { schema: jsonSchema(s) } } };
  }
  return {
    tags: [tag],
    summary,
    ...(opts.description ? { description: opts.description } : {}),
    ...(opts.secured ? { security: [{ bearer: [] }] } : {}),
    responses: r,
  };
}
