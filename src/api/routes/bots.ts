/**
 * /api/bots routes. Reads come from the registry's replicas and the bot store (never through a
 * bot's mailbox); commands and edits go through the bot's mailbox and answer once applied.
 * `GET /api/bots` serves one cached JSON text per registry version, so polling it is cheap.
 */
import { Elysia } from "elysia";
import { botSpecSchema } from "../../config/sections/bots.ts";
import type { BotCommandName, BotRegistry, BotSpec, BotSummary } from "../../bots/index.ts";
import { ApiError } from "../errors.ts";
import {
  botDetailSchema,
  botListSchema,
  botSummarySchema,
  createBotBody,
  doc,
  equityPointSchema,
  equityQuerySchema,
  errorSchema,
  eventSchema,
  eventsQuerySchema,
  idParams,
  pageOf,
  pageQuerySchema,
  patchBotBody,
  positionSchema,
  tradeSchema,
  updateResultSchema,
} from "../schemas.ts";
import { z } from "zod";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> = target !== null && typeof target === "object" && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

/** Validates a full definition; a failure is a 422 naming the first offending field. */
export function parseSpec(input: unknown, where: string): BotSpec {
  const r = botSpecSchema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0]!;
  throw new ApiError(422, "VALIDATION", `${where}.${first.path || "(root)"}: ${first.message}`, { in: where, field: first.path, issues });
}

const errors = { 401: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };

export function botRoutes(registry: BotRegistry) {
  let listCache: { list: readonly BotSummary[]; text: string } | null = null;
  const command = (cmd: BotCommandName, summary: string) =>
    [
      `/api/bots/:id/${cmd}`,
      ({ params }: { params: { id: string } }) => registry.command(params.id, cmd),
      { params: idParams, detail: doc("bots", summary, { 200: botSummarySchema, ...errors }, { secured: true }) },
    ] as const;

  return new Elysia({ name: "bots-routes" })
    .get(
      "/api/bots",
      () => {
        const list = registry.list();
        if (listCache === null || listCache.list !== list) listCache = { list, text: JSON.stringify({ bots: list }) };
        return new Response(listCache.text, { headers: JSON_HEADERS });
      },
      { detail: doc("bots", "List bots with their status and metrics", { 200: botListSchema }) },
    )
    .post(
      "/api/bots",
      async ({ body, set }) => {
        const spec = parseSpec(body, "body");
        const s = await registry.create(spec, "api");
        set.status = 201;
        return s;
      },
      { body: createBotBody, detail: doc("bots", "Create a bot (Stopped unless autostart)", { 201: botSummarySchema, ...errors }, { secured: true }) },
    )
    .get("/api/bots/:id", ({ params }) => registry.detail(params.id), {
      params: idParams,
      detail: doc("bots", "One bot: status, metrics, open positions and recent events", { 200: botDetailSchema, 404: errorSchema }),
    })
    .patch(
      "/api/bots/:id",
      async ({ params, body }) => {
        const current = registry.spec(params.id);
        const merged = mergePatch(current, body) as Record<string, unknown>;
        if (merged.id !== current.id) throw new ApiError(422, "VALIDATION", "body.id: a bot's id cannot change", { in: "body", field: "id", issues: [] });
        const next = parseSpec(merged, "body");
        const r = await registry.update(params.id, next);
        return {
          bot: r.summary,
          changed: [...r.diff.hot, ...r.diff.next_start, ...r.diff.reset],
          applied_at_next_bar: r.diff.hot,
          restart_required: r.restart_required,
        };
      },
      {
        params: idParams,
        body: patchBotBody,
        detail: doc("bots", "Change a bot's definition (JSON merge patch)", { 200: updateResultSchema, ...errors }, {
          secured: true,
          description:
            "Strategy, params, sizing (risk_per_trade_pct, max_position_pct, leverage) and replay speed take effect at the next bar. " +
            "fee_rate, slippage_bps, seed and warmup_bars apply from the next start. symbol, interval, mode, feed source and capital need a stopped bot and start a new book (epoch).",
        }),
      },
    )
    .delete(
      "/api/bots/:id",
      async ({ params, set }) => {
        await registry.delete(params.id);
        set.status = 204;
        return "";
      },
      { params: idParams, detail: doc("bots", "Stop and delete a bot with its history", { 204: null, ...errors }, { secured: true }) },
    )
    .post(...command("start", "Start a bot (stopped|error → starting → running)"))
    .post(...command("stop", "Stop a bot (starting|running|paused|error → stopped)"))
    .post(...command("pause", "Pause a running bot (no bars are consumed while paused)"))
    .post(...command("resume", "Resume a paused bot"))
    .get("/api/bots/:id/trades", ({ params, query }) => registry.trades(params.id, query), {
      params: idParams,
      query: pageQuerySchema,
      detail: doc("bots", "Closed trades, oldest first (every epoch)", { 200: pageOf(tradeSchema), 404: errorSchema }),
    })
    .get("/api/bots/:id/positions", ({ params }) => ({ items: registry.positions(params.id) }), {
      params: idParams,
      detail: doc("bots", "Open positions with unrealized PnL", { 200: z.object({ items: z.array(positionSchema) }), 404: errorSchema }),
    })
    .get("/api/bots/:id/equity", ({ params, query }) => registry.equity(params.id, query), {
      params: idParams,
      query: equityQuerySchema,
      detail: doc("bots", "Equity curve (one point per bar close) of the current book", { 200: pageOf(equityPointSchema), 404: errorSchema }),
    })
    .get("/api/bots/:id/events", ({ params, query }) => registry.events(params.id, query), {
      params: idParams,
      query: eventsQuerySchema,
      detail: doc("bots", "Bot events (state, signal, order, fill, trade, notice, error, config)", { 200: pageOf(eventSchema), 404: errorSchema }),
    });
}
