/**
 * Whole-app checks: the OpenAPI document lists every route with schemas and examples (the route
 * list is snapshotted so API changes show up in review), Swagger UI and its assets are served
 * locally, Prometheus metrics, background backtests, health, and CORS (off by default).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { dataFile } from "../testkit/data-path.ts";
import { startApi, type ApiFixture } from "../testkit/daemon/api-fixture.ts";
import { until } from "../testkit/daemon/bot-fixtures.ts";
import type { BacktestJob, HealthResponse } from "./types.ts";
import { API_OPERATIONS } from "../testkit/daemon/api-operations.ts";

let f: ApiFixture;
beforeAll(async () => {
  f = await startApi();
});
afterAll(async () => {
  await f.close();
});

const ROUTES = [...API_OPERATIONS];

describe("API application", () => {
  test("the OpenAPI document lists every route with summaries, schemas and examples", async () => {
    const r = await f.call("GET", "/swagger/json");
    expect(r.status).toBe(200);
    const doc = (await r.json()) as {
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { summary?: string; responses?: Record<string, unknown>; requestBody?: unknown; security?: unknown }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(doc.info.title).toBe("algo-trade daemon API");
    const ops: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) for (const m of Object.keys(methods)) ops.push(`${m.toUpperCase()} ${path}`);
    expect(ops.sort()).toEqual(ROUTES);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) {
        expect(`${m} ${path}: ${op.summary ?? ""}`).toMatch(/: \S/);
        expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
        if (m !== "get") expect(op.security).toEqual([{ bearer: [] }]);
      }
    }
    const create = doc.paths["/api/bots"]!.post!;
    const text = JSON.stringify(create);
    expect(text).toContain('"example"');
    expect(text).toContain("bars_per_second");
    expect(JSON.stringify(doc.paths["/api/bots"]!.get!.responses)).toContain("max_drawdown");
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(JSON.stringify(doc)).not.toContain("#/$defs"); // refs Swagger UI could not resolve
  });

  test("Swagger UI is served from the binary, never from a CDN", async () => {
    const page = await (await f.call("GET", "/swagger")).text();
    expect(page).toContain('<div id="swagger-ui">');
    expect(page).toContain("/swagger/assets/swagger-ui-bundle.js");
    expect(page).not.toMatch(/https?:\/\//);
    const js = await f.call("GET", "/swagger/assets/swagger-ui-bundle.js");
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toContain("javascript");
    expect((await js.text()).length).toBeGreaterThan(1_000_000);
    const css = await f.call("GET", "/swagger/assets/swagger-ui.css");
    expect(css.headers.get("content-type")).toContain("text/css");
    expect((await f.call("GET", "/swagger/assets/nope.js")).status).toBe(404);
  });

  test("backtests run in the background and report their result", async () => {
    let r = await f.call("POST", "/api/backtests", { data: dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), strategy: "sma_cross_test", params: { fast: 10, slow: 30 }, from: "2024-01-01T00:00:00Z" });
    expect(r.status).toBe(202);
    const job = (await r.json()) as BacktestJob;
    expect(job.state).toMatch(/queued|running/);
    await until(() => f.backtests.get(job.id)?.state === "done", 30_000, "backtest");
    const done = (await (await f.call("GET", `/api/backtests/${job.id}`)).json()) as BacktestJob;
    expect(done.progress).toBe(1);
    expect(done.result).toMatchObject({ symbol: "BTCUSDT", strategy: "sma_cross_test" });
    expect(done.result!.trades as number).toBeGreaterThan(10);
    expect((done.result!.metrics as { bars: number }).bars).toBe(done.result!.bars as number);
    r = await f.call("POST", "/api/backtests", { data: "/no/such/file.csv", strategy: "sma_cross_test" });
    expect(r.status).toBe(422);
    expect(await r.json()).toMatchObject({ details: { field: "data" } });
    r = await f.call("POST", "/api/backtests", { data: dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), strategy: "sma_cross_test", params: { fast: 30, slow: 10 } });
    expect(r.status).toBe(422);
    expect(await r.json()).toMatchObject({ details: { field: "params.slow" } });
    expect((await f.call("GET", "/api/backtests/nope")).status).toBe(404);
    const list = (await (await f.call("GET", "/api/backtests")).json()) as { jobs: BacktestJob[] };
    expect(list.jobs.map((j) => j.id)).toEqual([job.id]);
  });

  test("health, metrics and CORS off by default", async () => {
    const h = (await (await f.call("GET", "/api/health", undefined, { auth: false })).json()) as HealthResponse;
    expect(h).toMatchObject({ status: "ok", version: "test", components: { bot_database: { status: "ok" } } });
    expect(Object.keys(h.bots).sort()).toEqual(["error", "paused", "running", "starting", "stopped", "stopping"]);
    await f.call("GET", "/api/bots");
    const m = await (await f.call("GET", "/metrics")).text();
    expect(m).toContain('algo_bots{state="running"}');
    expect(m).toContain("algo_bot_events_total");
    expect(m).toMatch(/algo_api_requests_total\{method="GET",route="\/api\/bots",status="200"\} \d+/);
    expect(m).toMatch(/algo_api_request_duration_seconds_bucket\{method="GET",route="\/api\/bots",le="\+Inf"\} \d+/);
    const cors = await f.call("GET", "/api/bots", undefined, { headers: { origin: "http://evil.example" } });
    expect(cors.headers.get("access-control-allow-origin")).toBeNull();
    const pre = await f.call("OPTIONS", "/api/bots", undefined, { auth: false, headers: { origin: "http://evil.example", "access-control-request-method": "POST" } });
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("configured CORS origins are answered, others are not", async () => {
    const g = await startApi({ corsOrigins: ["http://ui.local"] });
    try {
      const pre = await g.call("OPTIONS", "/api/bots", undefined, { auth: false, headers: { origin: "http://ui.local", "access-control-request-method": "POST" } });
      expect(pre.status).toBe(204);
      expect(pre.headers.get("access-control-allow-origin")).toBe("http://ui.local");
      const get = await g.call("GET", "/api/bots", undefined, { headers: { origin: "http://ui.local" } });
      expect(get.headers.get("access-control-allow-origin")).toBe("http://ui.local");
      const other = await g.call("GET", "/api/bots", undefined, { headers: { origin: "http://other" } });
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await g.close();
    }
  });
});
