/**
 * Parses the daemon address given by --url / ALGO_API_URL and derives the REST and WebSocket
 * endpoints from it. Accepts `host:port` shorthand (http is assumed) and a path prefix (a daemon
 * behind a reverse proxy at /algo keeps its routes under /algo/api).
 */
import { UsageError } from "./errors.ts";

export interface Endpoints {
  /** Base for REST routes, no trailing slash: `http://127.0.0.1:8080`. */
  readonly http: string;
  /** The WebSocket URL: `ws://127.0.0.1:8080/ws`. */
  readonly ws: string;
}

export function parseBaseUrl(raw: string, source = "--url"): Endpoints {
  const text = raw.trim();
  if (text === "") throw new UsageError(`${source}: empty daemon URL (example: http://127.0.0.1:8080)`);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`${source}: "${raw}" is not a URL (example: http://127.0.0.1:8080)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`${source}: "${raw}" must use http:// or https:// (got ${url.protocol.replace(":", "")})`);
  }
  if (url.search || url.hash) throw new UsageError(`${source}: "${raw}" must not have a query or fragment`);
  const path = url.pathname.replace(/\/+$/, "");
  const http = `${url.protocol}//${url.host}${path}`;
  const ws = `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}${path}/ws`;
  return { http, ws };
}
