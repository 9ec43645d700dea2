import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { dataFile } from "../../src/testkit/data-path.ts";
import { FakeDaemon } from "../testing/fake-daemon.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { ApiError, errorMessage, UnreachableError } from "./errors.ts";
import { HttpClient, toApiError } from "./http-client.ts";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" });
let daemon: FakeDaemon;

beforeAll(() => {
  daemon = FakeDaemon.start(bars, { token: "s3cret" });
  daemon.addBot("btc-sma");
});
afterAll(() => daemon.stop());

describe("HttpClient against the fake daemon", () => {
  test("lists, reads, commands and pages a bot over real candles", async () => {
    const c = new HttpClient({ baseUrl: daemon.url, token: "s3cret" });
    expect((await c.health()).status).toBe("ok");
    expect((await c.listBots()).map((b) => b.id)).toEqual(["btc-sma"]);
    const started = await c.command("btc-sma", "start");
    expect(started.state).toBe("running");
    daemon.step("btc-sma", 200);
    const detail = await c.getBot("btc-sma");
    expect(detail.bars).toBe(200);
    expect(detail.recent_events[0]).toMatchObject({ type: "state", data: { from: "stopped", to: "running" } });
    const trades = await c.trades("btc-sma", { offset: 0, limit: 3 });
    expect(trades.total).toBe(detail.trades);
    expect(trades.total).toBeGreaterThan(3);
    expect(trades.items.map((t) => t.id)).toEqual([1, 2, 3]);
    const eq = await c.equity("btc-sma", { offset: 190, limit: 50 });
    expect(eq.items.length).toBe(10);
    expect(eq.items[9]!.equity).toBeCloseTo(detail.equity, 9);
    const ev = await c.events("btc-sma", { order: "desc", limit: 2 });
    expect(ev.items[0]!.seq).toBeGreaterThan(ev.items[1]!.seq);
    expect(daemon.requests).toContain("GET /api/bots/btc-sma/events?order=desc&limit=2");
    expect(Array.isArray(await c.positions("btc-sma"))).toBe(true);
  });

  test("an illegal command surfaces the daemon's 409 message", async () => {
    const c = new HttpClient({ baseUrl: daemon.url, token: "s3cret" });
    daemon.addBot("idle");
    const err = await c.command("idle", "pause").catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: "CONFLICT" });
    expect(errorMessage(err)).toBe("bot 'idle' is stopped: cannot pause (allowed from running) [CONFLICT 409]");
  });

  test("a missing token is a 401 with the daemon's message; unknown ids are 404", async () => {
    const anon = new HttpClient({ baseUrl: daemon.url });
    const e401 = await anon.command("btc-sma", "stop").catch((e) => e);
    expect(e401).toMatchObject({ status: 401, code: "UNAUTHORIZED", message: "missing or invalid bearer token" });
    const e404 = await anon.getBot("nope").catch((e) => e);
    expect(e404).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  test("validation errors keep the field", async () => {
    const c = new HttpClient({ baseUrl: daemon.url, token: "s3cret" });
    const e = await c.createBot({ id: "bad id!", symbol: "BTC", interval: "1h", strategy: "x", feed: { kind: "replay" } }).catch((x) => x);
    expect(errorMessage(e)).toBe("body.id: must be 1–64 characters [VALIDATION 422]");
  });

  test("a closed port is UnreachableError; a hung daemon times out", async () => {
    const dead = Bun.serve({ port: 0, fetch: () => new Response("") });
    const port = dead.port;
    dead.stop(true);
    const e = await new HttpClient({ baseUrl: `http://127.0.0.1:${port}` }).listBots().catch((x) => x);
    expect(e).toBeInstanceOf(UnreachableError);
    expect(e.message).toStartWith(`daemon unreachable at http://127.0.0.1:${port}: `);
    const hung = Bun.serve({ port: 0, fetch: () => new Promise<Response>(() => {}) });
    try {
      const t = await new HttpClient({ baseUrl: `http://127.0.0.1:${hung.port}`, timeoutMs: 50 }).listBots().catch((x) => x);
      expect(t).toBeInstanceOf(UnreachableError);
      expect(t.message).toContain("no answer within 50 ms");
    } finally {
      hung.stop(true);
    }
  });

  test("the field is named when the message does not already say it", () => {
    expect(errorMessage(toApiError(422, '{"code":"VALIDATION","message":"too small","details":{"field":"risk.capital"}}', "PATCH /x"))).toBe("too small (field risk.capital) [VALIDATION 422]");
  });

  test("error bodies: JSON, nested, plain text", () => {
    expect(toApiError(422, '{"code":"VALIDATION","message":"m","details":{"field":"x"}}', "POST /x")).toMatchObject({ code: "VALIDATION", message: "m", details: { field: "x" } });
    expect(toApiError(500, '{"error":{"code":"E","message":"inner"}}', "GET /x")).toMatchObject({ code: "E", message: "inner" });
    expect(toApiError(502, "Bad Gateway", "GET /x")).toMatchObject({ code: "HTTP_502", message: "Bad Gateway" });
    expect(toApiError(503, "", "GET /x").message).toBe("GET /x failed with HTTP 503");
  });

  test("a non-list body for the bot list is a protocol error, not a crash", async () => {
    const odd = Bun.serve({ port: 0, fetch: () => Response.json({ hello: 1 }) });
    try {
      const e = await new HttpClient({ baseUrl: `http://127.0.0.1:${odd.port}` }).listBots().catch((x) => x);
      expect(e).toMatchObject({ code: "BAD_RESPONSE" });
      expect(e.message).toContain("GET /api/bots: expected a list");
    } finally {
      odd.stop(true);
    }
  });
});
