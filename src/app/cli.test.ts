/**
 * CLI contract of the compiled binary: help, version, exit codes, and that it runs when copied
 * alone to another folder (no node_modules, no repo files).
 */
import { describe, expect, test, beforeAll } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../testkit/data-path.ts";

const BIN = join(REPO_ROOT, "algo-trade");
const TUI = join(REPO_ROOT, "algo-trade-tui");

function run(bin: string, args: string[], cwd?: string) {
  const r = Bun.spawnSync([bin, ...args], { cwd: cwd ?? REPO_ROOT, stdout: "pipe", stderr: "pipe", env: { ...process.env, LOG_LEVEL: "error" } });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

beforeAll(() => {
  if (!existsSync(BIN) || !existsSync(TUI)) throw new Error("build the binaries first (make build)");
});

describe("algo-trade binary", () => {
  test("--help lists commands and exits 0", () => {
    const r = run(BIN, ["--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Usage: algo-trade <command>");
  });

  test("--version prints the version", () => {
    const r = run(BIN, ["--version"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^algo-trade \d+\.\d+\.\d+/);
  });

  test("unknown command is a usage error (exit 2) on one stderr line", () => {
    const r = run(BIN, ["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain('unknown command "frobnicate"');
  });

  test("every command has --help", { timeout: 60_000 }, () => {
    const names = run(BIN, ["--help"]).out.split("Commands:")[1]!.split("\n\n")[0]!.trim().split("\n").map((l) => l.trim().split(/\s+/)[0]!).filter(Boolean);
    for (const n of names) {
      const r = run(BIN, [n, "--help"]);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: algo-trade ${n}`);
    }
  });

  test("both binaries run when copied alone to another folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "algo-bin-"));
    copyFileSync(BIN, join(dir, "algo-trade"));
    copyFileSync(TUI, join(dir, "algo-trade-tui"));
    expect(run(join(dir, "algo-trade"), ["--help"], dir).code).toBe(0);
    const t = run(join(dir, "algo-trade-tui"), ["--help"], dir);
    expect(t.code).toBe(0);
    expect(t.out).toContain("algo-trade-tui");
  });
});
