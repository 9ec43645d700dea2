/**
 * Builds the Elysia application: error mapping, bearer auth, optional CORS, request metrics,
 * the bot/system routes, the WebSocket hub at /ws, the OpenAPI document at /swagger/json and
 * the offline Swagger UI at /swagger. `createApi` does not bind a port; tests may call
 * `app.handle(request)` directly, the daemon calls `app.listen`.
 */
import { Elysia } from "elysia";
import { openapi } from "@elysiajs/openapi";
import type { ServerWebSocket } from "bun";
import { requestJsonSchema } from "./schemas.ts";
import { bearerOf, isMutating, tokenMatches } from "./auth.ts";
import { ApiError, toErrorResponse, unauthorized } from "./errors.ts";
import { ApiMetrics } from "./metrics.ts";
import type { ApiDeps } from "./ports.ts";
import { botRoutes } from "./routes/bots.ts";
import { systemRoutes } from "./routes/system.ts";
import { SWAGGER_ASSETS, swaggerPage } from "./swagger-assets.ts";
import { WsHub, type HubSocket } from "./ws-hub.ts";

export const API_TITLE = "algo-trade daemon API";

export function createApi(deps: ApiDeps) {
  const metrics = new ApiMetrics(() => deps.clock.now());
  const started = new WeakMap<Request, number>();
  const sockets = new WeakMap<object, HubSocket>();
  let nextSocket = 1;
  let server: { publish(t: string, d: string): number; subscriberCount(t: string): number } | null = null;
  const hub = new WsHub(
    deps.registry,
    metrics,
    deps.clock,
    deps.ws,
    (t, d) => void server?.publish(t, d),
    (t) => server?.subscriberCount(t) ?? 0,
  );
  const origins = new Set(deps.corsOrigins);
  const corsHeaders = (origin: string | null): Record<string, string> | null => {
    if (origins.size === 0 || origin === null) return null;
    if (!origins.has("*") && !origins.has(origin)) return null;
    return {
      "access-control-allow-origin": origins.has("*") ? "*" : origin,
      "access-control-allow-methods": "GET, POST, PATCH, DELETE, OPTIONS",
      "access-control-allow-headers": "authorization, content-type",
      "access-control-max-age": "600",
      vary: "origin",
    };
  };
  const socketOf = (raw: ServerWebSocket<unknown>): HubSocket => {
    let s = sockets.get(raw);
    if (!s) {
      const id = nextSocket++;
      s = {
        id,
        subscribe: (t) => raw.subscribe(t),
        unsubscribe: (t) => raw.unsubscribe(t),
        send: (text) => raw.sendText(text),
        close: (code, reason) => raw.close(code, reason),
        getBufferedAmount: () => raw.getBufferedAmount(),
      };
      sockets.set(raw, s);
    }
    return s;
  };

  const app = new Elysia({
    websocket: {
      // A native guard behind the hub's own check: never buffer unboundedly for one socket.
      backpressureLimit: deps.ws.maxBufferedBytes * 4,
      closeOnBackpressureLimit: true,
      perMessageDeflate: false,
      idleTimeout: 120,
    },
  })
    .onError({ as: "global" }, ({ code, error, request, set }) => {
      const url = new URL(request.url);
      const { status, body } = toErrorResponse(code, error, `${request.method} ${url.pathname}`);
      if (status >= 500) deps.log.error("API request failed", { method: request.method, path: url.pathname, error: error instanceof Error ? error.message : String(error) });
      set.status = status;
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
    })
    .onRequest(({ request, set }) => {
      started.set(request, performance.now());
      const cors = corsHeaders(request.headers.get("origin"));
      if (cors) {
        if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: cors });
        Object.assign(set.headers, cors);
      }
      if (!isMutating(request.method) && !deps.auth.protectReads) return;
      let token = bearerOf(request.headers.get("authorization"));
      if (token === null && pathOf(request.url) === "/ws") token = new URL(request.url).searchParams.get("token");
      if (deps.auth.token === null) throw new ApiError(401, "UNAUTHORIZED", "no API token is configured: set server.api_token or ALGO_API_TOKEN to allow changes");
      if (!tokenMatches(token, deps.auth.token)) throw unauthorized();
    })
    .onAfterResponse({ as: "global" }, ({ request, route, set }) => {
      const t0 = started.get(request);
      if (t0 === undefined) return;
      const status = typeof set.status === "number" ? set.status : 200;
      metrics.observe(request.method, route || "(unmatched)", status, (performance.now() - t0) / 1000);
    })
    .use(
      openapi({
        path: "/swagger",
        specPath: "/swagger/json",
        provider: null,
        mapJsonSchema: { zod: requestJsonSchema },
        exclude: { paths: ["/swagger", "/swagger/json", "/swagger/assets/:name", "/ws"] },
        documentation: {
          info: {
            title: API_TITLE,
            version: deps.version,
            description:
              "Bots (create, start, pause, resume, stop, reconfigure), their trades, positions, equity and events; background backtests; health, config and metrics. " +
              "Mutating routes need `Authorization: Bearer <token>` (server.api_token / ALGO_API_TOKEN). Live updates: WebSocket /ws (see the README).",
          },
          tags: [
            { name: "bots", description: "Bot lifecycle, status and history" },
            { name: "backtests", description: "Backtests run in the background" },
            { name: "system", description: "Health, config, metrics" },
          ],
          components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "server.api_token / ALGO_API_TOKEN" } } },
        },
      }),
    )
    .get("/swagger", () => new Response(swaggerPage(API_TITLE, "/swagger/json"), { headers: { "content-type": "text/html; charset=utf-8" } }), {
      detail: { hide: true },
    })
    .get(
      "/swagger/assets/:name",
      ({ params }) => {
        const a = SWAGGER_ASSETS[params.name];
        if (!a) throw new ApiError(404, "NOT_FOUND", `no asset ${params.name}`);
        return new Response(Bun.file(a.path), { headers: { "content-type": a.type, "cache-control": "public, max-age=86400" } });
      },
      { detail: { hide: true } },
    )
    .use(botRoutes(deps.registry))
    .use(systemRoutes({ registry: deps.registry, backtests: deps.backtests, config: deps.config, health: deps.health, strategies: deps.strategies, metrics, version: deps.version, clock: deps.clock }))
    .ws("/ws", {
      open(ws) {
        hub.open(socketOf(ws.raw as ServerWebSocket<unknown>), (ws.data as { query?: Record<string, string | undefined> }).query ?? {});
      },
      message(ws, message) {
        hub.message(socketOf(ws.raw as ServerWebSocket<unknown>), message);
      },
      close(ws) {
        hub.close(socketOf(ws.raw as ServerWebSocket<unknown>));
      },
    });

  return {
    app,
    hub,
    metrics,
    /** Call once the app listens, so the hub can publish through the server. */
    attach(s: { publish(t: string, d: string): number; subscriberCount(t: string): number }): void {
      server = s;
      hub.start();
    },
  };
}

export type ApiApp = ReturnType<typeof createApi>["app"];

function pathOf(url: string): string {
  const i = url.indexOf("/", url.indexOf("//") + 2);
  const q = url.indexOf("?", i);
  return q < 0 ? url.slice(i) : url.slice(i, q);
}
