/**
 * Binance USD-M REST failures → typed VenueErrors with a next action. Binance answers errors as
 * `{"code": -1121, "msg": "Invalid symbol."}` with HTTP 4xx; 429 means slow down (Retry-After),
 * 418 means the IP is banned for a while (stop), 5xx and network errors are retryable.
 */
import { VenueError } from "../../core/index.ts";

export const VENUE = "binance";

const CODES: Readonly<Record<number, { code: string; action: "fix-input" | "stop" | "retry" }>> = {
  [-1121]: { code: "BN_INVALID_SYMBOL", action: "fix-input" },
  [-1120]: { code: "BN_INVALID_INTERVAL", action: "fix-input" },
  [-1003]: { code: "BN_RATE_LIMITED", action: "retry" },
  [-1100]: { code: "BN_BAD_PARAM", action: "fix-input" },
  [-1102]: { code: "BN_BAD_PARAM", action: "fix-input" },
};

export function binanceHttpError(status: number, body: string, what: string): VenueError {
  let apiCode: number | undefined;
  let msg = body.length > 200 ? body.slice(0, 200) + "…" : body;
  try {
    const j = JSON.parse(body) as { code?: unknown; msg?: unknown };
    if (typeof j.code === "number") apiCode = j.code;
    if (typeof j.msg === "string") msg = j.msg;
  } catch {
    // not JSON: keep the text snippet
  }
  if (status === 429) return new VenueError(VENUE, `${what}: rate limited (HTTP 429)`, { code: "BN_RATE_LIMITED", action: "retry", status });
  if (status === 418) return new VenueError(VENUE, `${what}: IP banned for exceeding limits (HTTP 418)`, { code: "BN_BANNED", action: "stop", status });
  if (status >= 500) return new VenueError(VENUE, `${what}: server error HTTP ${status}: ${msg}`, { code: "BN_SERVER", action: "retry", status });
  const m = apiCode !== undefined ? CODES[apiCode] : undefined;
  return new VenueError(VENUE, `${what}: ${msg}${apiCode !== undefined ? ` (code ${apiCode})` : ""}`, {
    code: m?.code ?? "BN_HTTP",
    action: m?.action ?? "stop",
    status,
    details: { apiCode },
  });
}

export function binanceNetworkError(what: string, cause: unknown): VenueError {
  const msg = cause instanceof Error ? cause.message : String(cause);
  return new VenueError(VENUE, `${what}: network error: ${msg}`, { code: "BN_NETWORK", action: "retry", cause });
}
