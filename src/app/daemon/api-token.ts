/**
 * The API bearer token. Order: `server.api_token` (or env ALGO_API_TOKEN) if set; otherwise the
 * token kept in `<data_dir>/api-token`, created on first start with 32 random bytes (hex, file
 * mode 0600). So mutating routes are never open, and local clients (the TUI, curl) read the
 * file. A non-loopback bind requires an explicitly configured token: the daemon refuses to
 * start without one (a generated file would be easy to overlook on a public address).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { ConfigError } from "../../core/index.ts";
import { isLoopback } from "../../api/index.ts";

export interface ResolvedToken {
  readonly token: string;
  readonly source: "config" | "file" | "generated";
  /** The token file when the token came from (or was written to) one. */
  readonly file: string | null;
}

export function tokenFilePath(dataDir: string): string {
  return join(dataDir, "api-token");
}

export function resolveApiToken(o: { configured: string | undefined; host: string; dataDir: string; persist: boolean }): ResolvedToken {
  const configured = o.configured?.trim();
  if (configured) {
    if (configured.length < 16) throw new ConfigError("server.api_token: must be at least 16 characters", { key: "server.api_token" });
    return { token: configured, source: "config", file: null };
  }
  if (!isLoopback(o.host)) {
    throw new ConfigError(`server.host: refusing to listen on non-loopback address ${o.host} without an API token; set server.api_token or ALGO_API_TOKEN`, {
      key: "server.api_token",
    });
  }
  const file = tokenFilePath(o.dataDir);
  if (o.persist && existsSync(file)) {
    const t = readFileSync(file, "utf8").trim();
    if (t.length >= 16) return { token: t, source: "file", file };
  }
  const token = randomBytes(32).toString("hex");
  if (o.persist) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, token + "\n", { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return { token, source: "generated", file: o.persist ? file : null };
}
