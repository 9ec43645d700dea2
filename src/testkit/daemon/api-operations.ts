/**
 * Every operation the daemon's OpenAPI document must list ("METHOD /path" with OpenAPI path
 * parameters), shared by the in-process API snapshot test and the browser Swagger test so the
 * two cannot drift apart. Adding a route means adding it here.
 */
export const API_OPERATIONS: readonly string[] = [
  "DELETE /api/bots/{id}",
  "GET /api/backtests",
  "GET /api/backtests/{id}",
  "GET /api/bots",
  "GET /api/bots/{id}",
  "GET /api/bots/{id}/equity",
  "GET /api/bots/{id}/events",
  "GET /api/bots/{id}/positions",
  "GET /api/bots/{id}/trades",
  "GET /api/config",
  "GET /api/health",
  "GET /api/strategies",
  "GET /metrics",
  "PATCH /api/bots/{id}",
  "POST /api/backtests",
  "POST /api/bots",
  "POST /api/bots/{id}/pause",
  "POST /api/bots/{id}/resume",
  "POST /api/bots/{id}/start",
  "POST /api/bots/{id}/stop",
];
