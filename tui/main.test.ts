/**
 * The entry's command line, run as a process: help, version, bad flags and URLs exit 2 with a
 * message naming the flag or variable, and a non-terminal stdin/stdout is refused (exit 2).
 */
import { describe, expect, test } from "bun:test";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAIN = join(import.meta.dir, "main.tsx");

function run(args: string[], env: Record<string, string> = {}) {
  const r = Bun.spawnSync([process.execPath, MAIN, ...args], { stdin: "ignore", stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", ...env } });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

describe("algo-trade-tui command line", () => {
  test("--help and --version", () => {
    const h = run(["--help"]);
    expect(h.code).toBe(0);
    expect(h.out).toStartWith("Usage: algo-trade-tui [--url URL] [--token TOKEN]");
    expect(h.out).toContain("env ALGO_API_URL, default http://127.0.0.1:8080");
    expect(h.out).toContain("env ALGO_API_TOKEN");
    const v = run(["-V"]);
    expect(v.code).toBe(0);
    expect(v.out).toMatch(/^algo-trade-tui \S+ \(\S+\)\n$/);
  });

  test("bad input: exit 2 naming the flag or the variable", () => {
    const f = run(["--bogus"]);
    expect(f.code).toBe(2);
    expect(f.err).toContain("error: Unknown option '--bogus'");
    const u = run(["--url", "ftp://x"]);
    expect(u.code).toBe(2);
    expect(u.err).toBe('error: --url: "ftp://x" must use http:// or https:// (got ftp)\n');
    const e = run([], { ALGO_API_URL: "::::" });
    expect(e.code).toBe(2);
    expect(e.err).toStartWith("error: ALGO_API_URL: ");
  });

  test("--token-file: unreadable or empty files are usage errors naming the file", () => {
    const missing = run(["--token-file", "/nonexistent/api-token"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe("error: --token-file: cannot read /nonexistent/api-token: ENOENT\n");
    const empty = join(tmpdir(), `tui-empty-token-${process.pid}`);
    writeFileSync(empty, "\n");
    try {
      const r = run(["--token-file", empty]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`error: --token-file: ${empty} is empty\n`);
    } finally {
      rmSync(empty);
    }
  });

  test("refuses to run without a terminal", () => {
    const r = run(["--url", "http://127.0.0.1:1"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("error: algo-trade-tui needs an interactive terminal (stdin and stdout must be a TTY)\n");
  });
});
