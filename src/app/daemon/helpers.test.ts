/** Daemon helpers: API token resolution, secret redaction, config diffs, `server --addr`, loopback. */
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isLoopback } from "../../api/index.ts";
import { parseAddr } from "../commands/server.ts";
import { resolveApiToken } from "./api-token.ts";
import { changedKeys } from "./config-watcher.ts";
import { redact } from "./config-view.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("API token", () => {
  test("configured > token file > generated (0600, reused); non-loopback needs a configured token", () => {
    const dir = mkdtempSync(join(tmpdir(), "token-"));
    dirs.push(dir);
    expect(resolveApiToken({ configured: "x".repeat(20), host: "0.0.0.0", dataDir: dir, persist: true })).toEqual({ token: "x".repeat(20), source: "config", file: null });
    expect(() => resolveApiToken({ configured: "short", host: "127.0.0.1", dataDir: dir, persist: true })).toThrow(/at least 16 characters/);
    expect(() => resolveApiToken({ configured: undefined, host: "0.0.0.0", dataDir: dir, persist: true })).toThrow(/refusing to listen on non-loopback address 0.0.0.0/);
    const g = resolveApiToken({ configured: undefined, host: "127.0.0.1", dataDir: dir, persist: true });
    expect(g.source).toBe("generated");
    expect(g.token).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dir, "api-token"), "utf8").trim()).toBe(g.token);
    expect(statSync(join(dir, "api-token")).mode & 0o777).toBe(0o600);
    const again = resolveApiToken({ configured: undefined, host: "localhost", dataDir: dir, persist: true });
    expect(again).toEqual({ token: g.token, source: "file", file: join(dir, "api-token") });
    const mem = resolveApiToken({ configured: undefined, host: "127.0.0.1", dataDir: join(dir, "none"), persist: false });
    expect(mem.file).toBeNull();
  });

  test("loopback detection", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"]) expect(isLoopback(h)).toBe(true);
    for (const h of ["0.0.0.0", "192.168.1.2", "::", "example.com", "128.0.0.1"]) expect(isLoopback(h)).toBe(false);
  });
});

describe("config view and diffs", () => {
  test("secrets are redacted, URLs lose their passwords", () => {
    expect(
      redact({
        server: { api_token: "abc", host: "h" },
        database: { url: "postgresql://root:hunter2@db:5432/x" },
        hyperliquid: { secrets_file: "s.toml", api_url: "https://api" },
        x: { api_wallet_key: "0xkey", list: ["a"] },
      }),
    ).toEqual({
      server: { api_token: "***", host: "h" },
      database: { url: "postgresql://root:***@db:5432/x" },
      hyperliquid: { secrets_file: "s.toml", api_url: "https://api" },
      x: { api_wallet_key: "***", list: ["a"] },
    });
  });

  test("changedKeys lists differing leaves", () => {
    expect(changedKeys({ a: { b: 1, c: [1] }, d: 2 }, { a: { b: 1, c: [2] }, d: 2, e: 3 })).toEqual(["a.c", "e"]);
    expect(changedKeys({ a: 1 }, { a: 1 })).toEqual([]);
  });

  test("server --addr", () => {
    expect(parseAddr("127.0.0.1:9000")).toEqual({ host: "127.0.0.1", port: 9000 });
    expect(parseAddr("[::1]:0")).toEqual({ host: "::1", port: 0 });
    expect(() => parseAddr("9000")).toThrow(/--addr must be HOST:PORT/);
    expect(() => parseAddr("h:70000")).toThrow(/--addr must be HOST:PORT/);
  });
});
