/**
 * Maps postgres.js / socket failures onto StorageError so callers can decide by `action`:
 *  - "reconnect" (code STORAGE_UNAVAILABLE): the server cannot be reached or the connection
 *    dropped — the ingestor spools and replays later;
 *  - "stop" (code PG_<sqlstate>): the server answered with an error (schema, constraint, SQL).
 */
import { StorageError } from "../../core/index.ts";

const CONNECTION_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN",
  "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT",
  // SQLSTATE class 08 (connection exception) and 57P01..03 (shutdown, crash, cannot connect now).
  "08000", "08001", "08003", "08004", "08006", "57P01", "57P02", "57P03",
]);

export function isConnectionError(e: unknown): boolean {
  if (e instanceof StorageError) return e.code === "STORAGE_UNAVAILABLE";
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
  const errno = (e as { errno?: unknown } | null)?.errno;
  if (typeof errno === "string" && CONNECTION_CODES.has(errno)) return true;
  const msg = e instanceof Error ? e.message : "";
  return /socket|connection (?:closed|terminated|refused|reset)|write after end|ECONNRESET|ECONNREFUSED/i.test(msg);
}

/** Wraps any failure of a PostgreSQL operation into a StorageError describing `what` failed. */
export function pgError(what: string, e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (isConnectionError(e)) {
    return new StorageError(`${what}: PostgreSQL unreachable (${msg})`, { code: "STORAGE_UNAVAILABLE", action: "reconnect", cause: e });
  }
  const code = (e as { code?: unknown } | null)?.code;
  const detail = (e as { detail?: unknown } | null)?.detail;
  return new StorageError(`${what}: ${msg}${typeof detail === "string" ? ` (${detail})` : ""}`, {
    code: typeof code === "string" ? `PG_${code}` : "PG_ERROR",
    action: "stop",
    details: { sqlstate: code },
    cause: e,
  });
}
