/**
 * Errors the TUI client raises. They mirror the daemon's `{ code, message, details }` shape
 * (src/core/errors.ts `toJSON`) so a screen shows the API's own message, and keep the HTTP
 * status so "not found" and "conflict" read differently from "daemon down". The TUI may only
 * `import type` from src/core, hence its own small classes.
 */

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The daemon could not be reached (refused, DNS, timeout): the UI should show its banner and retry. */
export class UnreachableError extends Error {
  override name = "UnreachableError";
  readonly code = "UNREACHABLE";
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad --url / ALGO_API_URL or other startup input: exit code 2 with this message. */
export class UsageError extends Error {
  override name = "UsageError";
  readonly code = "USAGE";
}

/** One line for the status bar: the API's message, prefixed by its code when that adds information. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    const f = e.details.field;
    const field = typeof f === "string" && f !== "" && !e.message.includes(f) ? ` (field ${f})` : "";
    const hint = e.status === 401 ? " — start the TUI with --token, ALGO_API_TOKEN or --token-file" : "";
    return `${e.message}${field} [${e.code}${e.status ? ` ${e.status}` : ""}]${hint}`;
  }
  if (e instanceof UnreachableError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
