/**
 * /api/bots over a real server (port 0), real registry and replay bots on real candles:
 * validation (422 naming the field, 400 for bad JSON), auth (401), lifecycle (200/409/404),
 * merge-patch edits, paginated history and the error body shape.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { dataFile } from "../../testkit/data-path.ts";
import { HL_CANDLES, until } from "../../testkit/daemon/bot-fixtures.ts";
import { startApi, type ApiFixture } from "../../testkit/daemon/api-fixture.ts";
import type { BotDetail, BotSummary, Page, TradeView, UpdateBotResponse } from "../types.ts";
import { mergePatch } from "./bots.ts";

let f: ApiFixture;
beforeAll(async () => {
  f = await startApi();
});
afterAll(async () => {
  await f.close();
});

const body = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  symbol: "BTC",
  interval: "1h",
  strategy: "sma_cross_test",
  params: { fast: 5, slow: 20 },
  feed: { kind: "replay", file: dataFile(HL_CANDLES), bars_per_second: 0 },
  ...over,
});

async function json<T>(r: Response): Promise<T> {
  return (await r.json()) as T;
}

describe("bot routes", () => {
  test("invalid bodies are 422 and name the field; bad JSON is 400", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [body("x1", { interval: "7m" }), "interval", /must be one of/],
      [body("x2", { feed: undefined }), "feed", /./],
      [body("bad id!"), "id", /A-Z a-z 0-9/],
      [body("x3", { risk: { leverage: 99 } }), "risk.leverage", /50/],
      [body("x4", { mode: "live" }), "mode", /live mode needs a live feed/],
      [body("x5", { extra: 1 }), "extra", /Unrecognized key/],
    ];
    for (const [b, field, msg] of cases) {
      const r = await f.call("POST", "/api/bots", b);
      expect(r.status).toBe(422);
      const e = await json<{ code: string; message: string; details: { field: string } }>(r);
      expect(e.code).toBe("VALIDATION");
      expect(e.details.field).toBe(field);
      expect(e.message).toMatch(msg);
    }
    // Semantic checks after the schema: unknown strategy, params the strategy rejects.
    let r = await f.call("POST", "/api/bots", body("x6", { strategy: "nope" }));
    expect(r.status).toBe(422);
    expect(await json<{ code: string; details: { field: string } }>(r)).toMatchObject({ code: "CONFIG_INVALID", details: { field: "strategy" } });
    r = await f.call("POST", "/api/bots", body("x7", { params: { fast: 9, slow: 3 } }));
    expect(r.status).toBe(422);
    expect(await json<{ details: { field: string } }>(r)).toMatchObject({ details: { field: "params.slow" } });
    r = await f.call("POST", "/api/bots", undefined, { raw: "{not json" });
    expect(r.status).toBe(400);
    expect(await json<{ code: string }>(r)).toMatchObject({ code: "BAD_REQUEST" });
    expect(f.registry.size).toBe(0);
  });

  test("mutations need the bearer token; reads on loopback do not", async () => {
    let r = await f.call("POST", "/api/bots", body("auth"), { auth: false });
    expect(r.status).toBe(401);
    expect(await json<unknown>(r)).toEqual({ code: "UNAUTHORIZED", message: "missing or invalid bearer token", details: {} });
    r = await f.call("POST", "/api/bots", body("auth"), { auth: "wrong-token-0123456789" });
    expect(r.status).toBe(401);
    r = await f.call("GET", "/api/bots", undefined, { auth: false });
    expect(r.status).toBe(200);
    expect(f.registry.has("auth")).toBe(false);
  });

  test("create, start, pause, resume, stop, 409 and 404 through HTTP", async () => {
    let r = await f.call("POST", "/api/bots", body("life", { feed: { kind: "replay", file: dataFile(HL_CANDLES), bars_per_second: 200 } }));
    expect(r.status).toBe(201);
    const created = await json<BotSummary>(r);
    expect(created).toMatchObject({ id: "life", state: "stopped", source: "api", mode: "paper", equity: 10_000, trades: 0 });
    expect(created.risk).toEqual({ capital: 10_000, fee_rate: 0.00025, slippage_bps: 10, risk_per_trade_pct: 0.05, max_position_pct: 0.2, leverage: 1, seed: 1 });
    r = await f.call("POST", "/api/bots", body("life"));
    expect(r.status).toBe(409);
    r = await f.call("POST", "/api/bots/life/pause");
    expect(r.status).toBe(409);
    expect(await json<{ details: { state: string } }>(r)).toMatchObject({ code: "CONFLICT", details: { state: "stopped" } });
    r = await f.call("POST", "/api/bots/life/start");
    expect(r.status).toBe(200);
    await until(() => f.registry.get("life").state === "running");
    r = await f.call("POST", "/api/bots/life/pause");
    expect((await json<BotSummary>(r)).state).toBe("paused");
    r = await f.call("POST", "/api/bots/life/resume");
    expect((await json<BotSummary>(r)).state).toBe("running");
    r = await f.call("POST", "/api/bots/life/stop");
    expect((await json<BotSummary>(r)).state).toBe("stopped");
    r = await f.call("GET", "/api/bots/life");
    const d = await json<BotDetail>(r);
    expect(d.recent_events.filter((e) => e.type === "state").map((e) => (e.type === "state" ? e.data.to : ""))).toEqual([
      "starting",
      "running",
      "paused",
      "running",
      "stopping",
      "stopped",
    ]);
    for (const path of ["/api/bots/ghost", "/api/bots/ghost/trades", "/api/bots/ghost/events"]) {
      r = await f.call("GET", path);
      expect(r.status).toBe(404);
      expect(await json<unknown>(r)).toEqual({ code: "NOT_FOUND", message: "bot 'ghost' not found", details: { what: "bot", id: "ghost" } });
    }
    r = await f.call("POST", "/api/bots/ghost/start");
    expect(r.status).toBe(404);
    r = await f.call("DELETE", "/api/bots/life");
    expect(r.status).toBe(204);
    expect((await f.call("GET", "/api/bots/life")).status).toBe(404);
  });

  test("PATCH merges, validates the result and reports when changes apply", async () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 }, f: [1] })).toEqual({ a: 1, b: { d: 3, e: 4 }, f: [1] });
    await f.call("POST", "/api/bots", body("edit"));
    let r = await f.call("PATCH", "/api/bots/edit", { params: { fast: 4 }, risk: { leverage: 3, fee_rate: 0.001 } });
    expect(r.status).toBe(200);
    const u = await json<UpdateBotResponse>(r);
    expect(u.bot.params).toEqual({ fast: 4, slow: 20 });
    expect(u.bot.risk.leverage).toBe(3);
    expect([...u.applied_at_next_bar].sort()).toEqual(["params", "risk.leverage"]);
    expect(u.restart_required).toEqual([]); // stopped bot: everything is in force at its next start
    r = await f.call("PATCH", "/api/bots/edit", { interval: "2x" });
    expect(r.status).toBe(422);
    expect(await json<{ details: { field: string } }>(r)).toMatchObject({ details: { field: "interval" } });
    r = await f.call("PATCH", "/api/bots/edit", { id: "other" });
    expect(r.status).toBe(422);
    expect(f.registry.spec("edit").interval).toBe("1h");
  });

  test("trades, equity and events are paginated", async () => {
    await f.call("POST", "/api/bots", body("hist"));
    await f.call("POST", "/api/bots/hist/start");
    await until(() => f.registry.get("hist").feed_status.state === "ended", 20_000);
    const all = await json<Page<TradeView>>(await f.call("GET", "/api/bots/hist/trades?limit=5000"));
    expect(all.total).toBeGreaterThan(5);
    expect(all.items.length).toBe(all.total);
    const p2 = await json<Page<TradeView>>(await f.call("GET", "/api/bots/hist/trades?offset=2&limit=3"));
    expect(p2).toMatchObject({ offset: 2, limit: 3, total: all.total });
    expect(p2.items).toEqual(all.items.slice(2, 5));
    const eq = await json<Page<{ ts: number }>>(await f.call("GET", "/api/bots/hist/equity?limit=10"));
    expect(eq.total).toBe(989);
    expect(eq.items.length).toBe(10);
    const fills = await json<Page<{ type: string }>>(await f.call("GET", "/api/bots/hist/events?type=fill&limit=1000"));
    expect(fills.items.every((e) => e.type === "fill")).toBe(true);
    expect(fills.total).toBe(f.registry.get("hist").fills);
    const bad = await f.call("GET", "/api/bots/hist/trades?limit=0");
    expect(bad.status).toBe(422);
    expect(await json<{ details: { in: string; field: string } }>(bad)).toMatchObject({ details: { field: "limit" } });
    const pos = await json<{ items: unknown[] }>(await f.call("GET", "/api/bots/hist/positions"));
    expect(pos.items).toEqual(f.registry.get("hist").open_positions as unknown[]);
  });
});
