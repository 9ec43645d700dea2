/**
 * Maps Hyperliquid failures to typed errors that say what to do next (retry / reconnect / stop /
 * fix-input). HTTP statuses first, then venue error strings through `exact` and `broad` tables
 * (CCXT style). Messages never contain keys or signatures; only addresses may appear, as the venue
 * itself echoes them.
 */
import { OrderRejectedError, VenueError, type ErrorAction } from "../../core/index.ts";

export const VENUE = "hyperliquid";

interface Mapping {
  readonly code: string;
  readonly action: ErrorAction;
}

/** Whole-request errors (`{"status":"err","response":"…"}`) and per-order error strings. */
const EXACT: Readonly<Record<string, Mapping>> = {
  "Price must be divisible by tick size.": { code: "HL_TICK", action: "fix-input" },
  "Order must have minimum value of $10.": { code: "HL_MIN_NOTIONAL", action: "fix-input" },
  "Insufficient margin to place order.": { code: "HL_MARGIN", action: "stop" },
  "Reduce only order would increase position.": { code: "HL_REDUCE_ONLY", action: "stop" },
  "Order could not immediately match against any resting orders.": { code: "HL_IOC_UNFILLED", action: "retry" },
  "No liquidity available for market order.": { code: "HL_NO_LIQUIDITY", action: "retry" },
  "Order was never placed, already canceled, or filled.": { code: "HL_CANCEL_MISSING", action: "stop" },
  "Order has invalid size.": { code: "HL_LOT", action: "fix-input" },
  "Order has zero size.": { code: "HL_LOT", action: "fix-input" },
};

const BROAD: readonly [RegExp, Mapping][] = [
  [/^User or API Wallet 0x[0-9a-fA-F]{40} does not exist/, { code: "HL_UNKNOWN_SIGNER", action: "stop" }],
  [/^Must deposit before performing actions/, { code: "HL_UNKNOWN_SIGNER", action: "stop" }],
  [/nonce/i, { code: "HL_NONCE", action: "retry" }],
  [/^Post only order would have immediately matched/, { code: "HL_POST_ONLY", action: "retry" }],
  [/^Order price too far from oracle/, { code: "HL_PRICE_BAND", action: "fix-input" }],
  [/^Invalid TP\/SL price/, { code: "HL_TPSL", action: "fix-input" }],
  [/^Too many|rate limit/i, { code: "HL_RATE_LIMITED", action: "retry" }],
];

export function classifyVenueMessage(msg: string): Mapping {
  // Live per-order errors may carry an " asset=N" suffix; the exact table is keyed without it.
  const bare = msg.replace(/ asset=\d+$/, "");
  return EXACT[bare] ?? BROAD.find(([re]) => re.test(bare))?.[1] ?? { code: "HL_REJECTED", action: "stop" };
}

/** Error for a non-2xx HTTP reply. 429 and 5xx are retryable; 4xx means our request is wrong. */
export function httpError(status: number, body: string, what: string): VenueError {
  const snippet = body.length > 200 ? body.slice(0, 200) + "…" : body;
  if (status === 429) return new VenueError(VENUE, `${what}: rate limited (HTTP 429)`, { code: "HL_RATE_LIMITED", action: "retry", status });
  if (status >= 500) return new VenueError(VENUE, `${what}: server error HTTP ${status}: ${snippet}`, { code: "HL_SERVER", action: "retry", status });
  if (status === 422) return new VenueError(VENUE, `${what}: request rejected (HTTP 422): ${snippet}`, { code: "HL_BAD_REQUEST", action: "fix-input", status });
  return new VenueError(VENUE, `${what}: HTTP ${status}: ${snippet}`, { code: "HL_HTTP", action: "stop", status });
}

/** Error for a transport failure (connection refused/reset, timeout). Always retryable. */
export function networkError(what: string, cause: unknown): VenueError {
  const msg = cause instanceof Error ? cause.message : String(cause);
  return new VenueError(VENUE, `${what}: network error: ${msg}`, { code: "HL_NETWORK", action: "retry", cause });
}

/** Error for a `{"status":"err"}` reply to /exchange. */
export function exchangeError(what: string, response: string): VenueError {
  const m = classifyVenueMessage(response);
  return new VenueError(VENUE, `${what}: ${response}`, { code: m.code, action: m.action });
}

/** Rejection of one order inside an otherwise successful batch. */
export function orderRejected(message: string, details: Record<string, unknown>): OrderRejectedError {
  const m = classifyVenueMessage(message);
  return new OrderRejectedError(`${VENUE}: ${message}`, { ...details, code: m.code, action: m.action });
}

/** WebSocket dropped or went silent: the only sane action is to reconnect. */
export function wsError(message: string, cause?: unknown): VenueError {
  return new VenueError(VENUE, message, { code: "HL_WS", action: "reconnect", cause });
}
