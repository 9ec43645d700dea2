/**
 * Bearer-token checks. Mutating routes always need the token; with a non-loopback bind every
 * route does (the daemon refuses such a bind without a token, see app/daemon). Comparison is
 * constant-time. WebSocket clients that cannot set headers (browsers) may pass `?token=` on /ws.
 */
import { timingSafeEqual } from "node:crypto";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function isMutating(method: string): boolean {
  return !SAFE.has(method);
}

/** True for 127.0.0.0/8, ::1 and "localhost". */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || h === "0:0:0:0:0:0:0:1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === "::ffff:127.0.0.1";
}

export function bearerOf(header: string | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export function tokenMatches(given: string | null, expected: string | null): boolean {
  if (given === null || expected === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
