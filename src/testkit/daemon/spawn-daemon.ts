/**
 * Starts a REAL daemon process for end-to-end tests: `bun src/main.ts daemon` (or the compiled
 * ./algo-trade) in its own temporary working folder, on 127.0.0.1 port 0. The actual port is read
 * from the "listening on" line; the API token comes from ALGO_API_TOKEN. Stdout/stderr are kept
 * for assertions and for failure messages. Helpers: authenticated fetch, WebSocket client, and
 * waiting for conditions (never fixed sleeps).
 */
import { mkdtempSync, rmSync, statSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../data-path.ts";

export const E2E_TOKEN = "e2e-token-0123456789abcdef";

export interface DaemonProc {
  readonly dir: string;
  readonly url: string;
  readonly port: number;
  readonly proc: ReturnType<typeof Bun.spawn>;
  output(): string;
  call(method: string, path: string, body?: unknown, auth?: boolean): Promise<Response>;
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** Sends a signal and waits for the exit code. */
  kill(signal: NodeJS.Signals | number): Promise<number>;
}

export interface SpawnOptions {
  /** Working folder (reused across restarts); a fresh temp folder by default. */
  readonly dir?: string;
  /** Config file content written to <dir>/config/Config.toml. */
  readonly config?: string;
  readonly env?: Record<string, string>;
  /** Run the compiled binary instead of the sources. */
  readonly binary?: string;
  readonly args?: readonly string[];
  readonly port?: number;
}

export function tempDir(prefix = "daemon-e2e-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function spawnDaemon(o: SpawnOptions = {}): Promise<DaemonProc> {
  const dir = o.dir ?? tempDir();
  const args = [...(o.args ?? [])];
  if (o.config !== undefined) {
    Bun.spawnSync(["mkdir", "-p", join(dir, "config")]);
    writeFileSync(join(dir, "config", "Config.toml"), o.config);
    args.push("--config", join(dir, "config", "Config.toml"));
  }
  const cmd = o.binary ? [o.binary, "daemon", "--port", String(o.port ?? 0), ...args] : [process.execPath, join(REPO_ROOT, "src/main.ts"), "daemon", "--port", String(o.port ?? 0), ...args];
  const proc = Bun.spawn(cmd, {
    cwd: dir,
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? dir, ALGO_API_TOKEN: E2E_TOKEN, LOG_LEVEL: "info", ...o.env },
  });
  let out = "";
  const pump = async (s: ReadableStream<Uint8Array>): Promise<void> => {
    const dec = new TextDecoder();
    for await (const chunk of s) out += dec.decode(chunk, { stream: true });
  };
  void pump(proc.stdout as ReadableStream<Uint8Array>);
  void pump(proc.stderr as ReadableStream<Uint8Array>);
  const t0 = Date.now();
  let port = 0;
  while (port === 0) {
    const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
    if (m) port = Number(m[1]);
    else if (proc.exitCode !== null) throw new Error(`daemon exited with ${proc.exitCode} before listening:\n${out}`);
    else if (Date.now() - t0 > 30_000) {
      proc.kill(9);
      throw new Error(`daemon did not listen within 30 s:\n${out}`);
    }
    else await new Promise((r) => setTimeout(r, 20));
  }
  const url = `http://127.0.0.1:${port}`;
  const call = (method: string, path: string, body?: unknown, auth = true): Promise<Response> =>
    fetch(url + path, {
      method,
      headers: { ...(auth ? { authorization: `Bearer ${E2E_TOKEN}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  return {
    dir,
    url,
    port,
    proc,
    output: () => out,
    call,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await call(method, path, body);
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path} → ${r.status}: ${text}`);
      return JSON.parse(text) as T;
    },
    async kill(signal) {
      proc.kill(signal);
      return await proc.exited;
    },
  };
}

/** Polls `fn` until it returns a truthy value (async allowed); fails with `what` after `ms`. */
export async function waitFor<T>(fn: () => Promise<T> | T, what: string, ms = 20_000): Promise<NonNullable<T>> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The compiled binary (`make` / `make test` build it first); built here only when missing, or
 * when ALGO_REBUILD=1 and it is older than a source file (not by default: other people's
 * half-finished edits must not break this test's build).
 */
export function ensureBinary(): string {
  const bin = join(REPO_ROOT, "algo-trade");
  const stale = process.env.ALGO_REBUILD === "1" && existsSync(bin) && statSync(bin).mtimeMs < newestMtime(join(REPO_ROOT, "src"));
  if (!existsSync(bin) || stale) {
    const r = Bun.spawnSync([process.execPath, "run", "scripts/build.ts"], { cwd: REPO_ROOT, stdout: "pipe", stderr: "pipe" });
    if (r.exitCode !== 0) throw new Error(`build failed:\n${r.stdout.toString()}${r.stderr.toString()}`);
  }
  return bin;
}

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestMtime(p));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}
