/**
 * `algo-trade walk-forward`: text/JSON/HTML output on real data, usage errors naming the flag,
 * and the compiled binary (copied alone to another folder) running Bun Workers with results
 * identical to a single worker.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../../core/index.ts";
import { dataFile, REPO_ROOT } from "../../testkit/data-path.ts";
import { runCommand } from "../walk-forward/command-harness.ts";
import { walkForwardCommand } from "./walk-forward.ts";

const dir = mkdtempSync(join(tmpdir(), "wf-cmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DATA = dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz");
const BASE = ["--data", DATA, "--strategy", "ma_crossover", "--grid", "fast=5,10", "--grid", "slow=30,60", "--train", "60d", "--test", "30d", "--from", "2024-01-01", "--to", "2025-01-01", "--resamples", "200"];

describe("walk-forward command", () => {
  test("text report with folds, OOS summary, DSR, PBO and an HTML report file", async () => {
    const html = join(dir, "wf.html");
    const r = await runCommand(walkForwardCommand, [...BASE, "--workers", "1", "--report", html]);
    expect(r.code).toBe(0);
    for (const s of ["Walk-forward ma_crossover on BTCUSDT 1h", "fold  train", "Out-of-sample (stitched)", "overfitting risk", "Deflated Sharpe Ratio", "Probability of backtest overfitting", "OOS trade statistics", "Verdict", "backtests in"]) {
      expect(r.out).toContain(s);
    }
    expect(r.out.split("\n").filter((l) => /^\d+\s+2024-/.test(l))).toHaveLength(10);
    const page = readFileSync(html, "utf8");
    expect(page).toStartWith("<!doctype html>");
    expect(page).toContain("<svg");
    expect(page).toContain("Stitched out-of-sample equity");
    expect(page).not.toContain("<script");
  }, 60_000);

  test("--json is parseable and finite-safe", async () => {
    const r = await runCommand(walkForwardCommand, [...BASE, "--workers", "1", "--json"]);
    const j = JSON.parse(r.out);
    expect(j.folds).toHaveLength(10);
    expect(j.oos.dailyEquity.length).toBeGreaterThan(250);
    expect(j.grid.valid).toBe(4);
    expect(typeof j.dsr.dsr).toBe("number");
  }, 60_000);

  test("usage errors name the flag", async () => {
    const without = (flag: string): string[] => {
      const i = BASE.indexOf(flag);
      return [...BASE.slice(0, i), ...BASE.slice(i + 2)];
    };
    const cases: [string[], RegExp][] = [
      [["--data", DATA, "--strategy", "ma_crossover", "--train", "60d", "--test", "30d"], /empty grid/],
      [[...without("--train"), "--train", "ninety"], /--train must be a duration like 90d/],
      [[...BASE, "--objective", "profit"], /--objective must be one of sharpe\|sortino\|return\|calmar/],
      [[...BASE, "--workers", "0"], /--workers must be ≥ 1/],
      [[...BASE, "--pbo-splits", "7"], /--pbo-splits must be even/],
      [[...without("--strategy"), "--strategy", "nope"], /--strategy: unknown strategy "nope"/],
      [[...without("--test"), "--test", "400d"], /--train 60d \+ --test 400d = 460d does not fit in the data/],
      [[...without("--train"), "--train", "1d"], /--train window of fold 1 has 24 bars/],
      [[...BASE, "--grid", "fast=7"], /parameter "fast" given twice/],
      [[...BASE, "--param", "fast=7"], /--param fast conflicts with --grid fast/],
      [["--data", join(dir, "missing.csv"), ...BASE.slice(2)], /--data file not found/],
      [[...BASE, "--param", "speed=3"], /--param: unknown parameter "speed" for strategy ma_crossover/],
    ];
    for (const [argv, re] of cases) {
      await expect(runCommand(walkForwardCommand, argv)).rejects.toThrow(UsageError);
      await expect(runCommand(walkForwardCommand, argv)).rejects.toThrow(re);
    }
  }, 60_000);
});

describe("compiled binary", () => {
  const BIN = join(REPO_ROOT, "algo-trade");
  test("runs walk-forward with --workers 2 from another folder; identical to --workers 1", () => {
    if (!existsSync(BIN)) throw new Error("build the binaries first (make build)");
    const bin = join(dir, "algo-trade");
    copyFileSync(BIN, bin);
    const run = (workers: string) => {
      const p = Bun.spawnSync([bin, "walk-forward", ...BASE, "--workers", workers, "--json"], { cwd: dir, stdout: "pipe", stderr: "pipe", env: { ...process.env, LOG_LEVEL: "error" } });
      if (p.exitCode !== 0) throw new Error(`exit ${p.exitCode}: ${p.stderr.toString()}`);
      return p.stdout.toString();
    };
    const two = run("2");
    const one = run("1");
    expect(two).toBe(one);
    expect(JSON.parse(two).folds).toHaveLength(10);
    // A usage error found after the workers started still exits at once with code 2.
    const bad = Bun.spawnSync([bin, "walk-forward", ...BASE.map((a) => (a === "60d" ? "1d" : a)), "--workers", "2"], { cwd: dir, stdout: "pipe", stderr: "pipe" });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.toString()).toContain("--train window of fold 1");
  }, 120_000);
});
