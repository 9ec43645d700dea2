/**
 * Daemon-level routes: health, the config in force (with hot-reload status), Prometheus
 * metrics, and background backtests (POST queues a job and answers 202 with its id).
 */
import { Elysia } from "elysia";
import { z } from "zod";
import type { BotRegistry } from "../../bots/index.ts";
import type { Clock } from "../../core/index.ts";
import type { ApiMetrics } from "../metrics.ts";
import type { BacktestService } from "../ports.ts";
import { backtestBody, backtestJobSchema, configSchemaView, doc, errorSchema, healthSchema, strategiesSchema } from "../schemas.ts";
import type { BacktestRequest, ConfigView, HealthComponent, HealthResponse, StrategyInfo } from "../types.ts";
import { NotFoundError } from "../../core/index.ts";

export interface SystemDeps {
  readonly registry: BotRegistry;
  readonly backtests: BacktestService;
  readonly config: () => ConfigView;
  readonly health: () => Record<string, HealthComponent>;
  readonly strategies: () => readonly StrategyInfo[];
  readonly metrics: ApiMetrics;
  readonly version: string;
  readonly clock: Clock;
}

export function systemRoutes(d: SystemDeps) {
  const startedAt = d.clock.now();
  return new Elysia({ name: "system-routes" })
    .get(
      "/api/health",
      (): HealthResponse => {
        const components = d.health();
        const bad = Object.values(components).some((c) => c.status === "down" || c.status === "degraded");
        return { status: bad ? "degraded" : "ok", version: d.version, uptime_s: Math.round((d.clock.now() - startedAt) / 1000), bots: d.registry.countByState(), components };
      },
      { detail: doc("system", "Liveness, version, bots by state and component health", { 200: healthSchema }) },
    )
    .get("/api/strategies", () => ({ strategies: d.strategies() }), {
      detail: doc("system", "Strategies available to bots and backtests, with their parameters and defaults", { 200: strategiesSchema }),
    })
    .get("/api/config", () => d.config(), {
      detail: doc("system", "Config in force (secrets redacted) and the result of the last hot reload", { 200: configSchemaView }),
    })
    .get(
      "/metrics",
      () => new Response(d.metrics.render(d.registry.countByState()), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } }),
      { detail: { tags: ["system"], summary: "Prometheus metrics (text format)", responses: { 200: { description: "Prometheus exposition", content: { "text/plain": { schema: { type: "string" } } } } } } },
    )
    .post(
      "/api/backtests",
      ({ body, set }) => {
        const job = d.backtests.submit(body as BacktestRequest);
        set.status = 202;
        return job;
      },
      {
        body: backtestBody,
        detail: doc("backtests", "Run a backtest in the background; poll GET /api/backtests/:id", { 202: backtestJobSchema, 401: errorSchema, 422: errorSchema }, { secured: true }),
      },
    )
    .get("/api/backtests", () => ({ jobs: d.backtests.list() }), {
      detail: doc("backtests", "Backtest jobs of this daemon run, newest first", { 200: z.object({ jobs: z.array(backtestJobSchema) }) }),
    })
    .get(
      "/api/backtests/:id",
      ({ params }) => {
        const job = d.backtests.get(params.id);
        if (!job) throw new NotFoundError("backtest", params.id);
        return job;
      },
      { params: z.object({ id: z.string() }), detail: doc("backtests", "One backtest job: state, progress, result", { 200: backtestJobSchema, 404: errorSchema }) },
    );
}
