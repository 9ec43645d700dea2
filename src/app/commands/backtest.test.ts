/**
 * `algo-trade backtest` end to end on REAL data: the human report, --json (cross-checked against
 * a direct engine run on the same bars), --trades-out, --report (self-contained HTML), TTY
 * progress only on a TTY, and usage errors (exit 2) naming the flag — through the command, the
 * source entry point and the compiled binary.
 */
import { describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CommandContext } from "../../cli/command.ts";
import { parseCommandArgs } from "../../cli/parse-args.ts";
import { validateConfig } from "../../config/index.ts";
import { makeInstrument } from "../../core/index.ts";
import { loadBars } from "../../data/index.ts";
import { runBacktest } from "../../engine/index.ts";
import { silentLogger } from "../../lib/logger.ts";
import { resolveStrategy } from "../../strategies/index.ts";
import { dataFile, REPO_ROOT } from "../../testkit/data-path.ts";
import { TRADES_CSV_HEADER } from "../report/trades-csv.ts";
import { backtestCommand } from "./backtest.ts";

const BTC1H = dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz");
const ETH1H = dataFile("binance_spot_ETHUSDT_1h_2017-08_2026-05.csv.gz");
const dir = mkdtempSync(join(tmpdir(), "backtest-cmd-"));
// Real files and child processes: allow for a loaded 2-core machine.
setDefaultTimeout(60_000);

async function run(argv: string[], opts: { isTTY?: boolean; config?: Record<string, unknown> } = {}) {
  let out = "";
  let err = "";
  const ctx = {
    config: validateConfig(opts.config ?? {}, "test"),
    log: silentLogger,
    configPath: undefined,
    isTTY: opts.isTTY ?? false,
    env: {},
    stdout: { write: (s: string) => ((out += s), true) },
    stderr: { write: (s: string) => ((err += s), true) },
  } as unknown as CommandContext;
  const code = await backtestCommand.run(parseCommandArgs(backtestCommand, argv), ctx);
  return { code, out, err };
}

function spawn(cmd: string[]) {
  const r = Bun.spawnSync(cmd, { cwd: REPO_ROOT, stdout: "pipe", stderr: "pipe", env: { ...process.env, LOG_LEVEL: "error" } });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

describe("backtest command on real data", () => {
  test("human report for ma_crossover on the BTC 1h file", async () => {
    const r = await run(["--data", BTC1H, "--strategy", "ma_crossover"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    for (const s of ["Backtest  ma_crossover", "on BTCUSDT 1h", "76,724 bars", "2017-08-17 04:00 →", "Initial capital", "10,000.00", "Total return", "Buy & hold", "Sharpe", "Sortino", "Max drawdown", "Exposure", "Closed trades", "Win rate", "Fees paid"]) {
      expect(r.out).toContain(s);
    }
  });

  test("--json matches a direct engine run on the same bars", async () => {
    const r = await run(["--data", ETH1H, "--strategy", "ma_crossover", "--param", "fast=20", "--param", "slow=50", "--from", "2020-01-01T00:00:00Z", "--to", "2024-01-01T00:00:00Z", "--fee-rate", "0.0005", "--slippage-bps", "2", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const loaded = await loadBars(ETH1H, { from: Date.parse("2020-01-01T00:00:00Z"), to: Date.parse("2024-01-01T00:00:00Z") });
    const grid = (d: number) => (d <= 0 ? "1" : `0.${"0".repeat(d - 1)}1`);
    const inst = makeInstrument({ id: 0, symbol: loaded.series.symbol, tick: grid(loaded.priceDecimals), lot: grid(loaded.sizeDecimals) });
    const direct = runBacktest(loaded.series, inst, resolveStrategy("ma_crossover", ["fast=20", "slow=50"]).strategy, { feeRate: 0.0005, slippageBps: 2 });
    expect(j.version).toBe(1);
    expect(j.strategy).toEqual({ name: "ma_crossover", params: { fast: 20, slow: 50 } });
    expect(j.data.bars).toBe(direct.bars);
    expect(j.period.start).toBe("2020-01-01T00:00:00.000Z");
    expect(j.settings.feeRate).toBe(0.0005);
    expect(j.metrics.trades).toBe(direct.trades.length);
    expect(j.counts.fills).toBe(direct.fills.length);
    expect(j.metrics.sharpe).toBe(direct.metrics.sharpe);
    expect(j.metrics.finalEquity).toBe(direct.metrics.finalEquity);
    expect(j.exact.finalEquity).toMatch(/^\d+\.\d{12}$/);
    for (const k of ["totalReturn", "cagr", "buyHoldReturn", "sortino", "maxDrawdown", "maxDrawdownDurationMs", "winRate", "profitFactor", "expectancy", "exposure", "feesPaid"]) {
      expect(typeof j.metrics[k]).toBe("number");
    }
  });

  test("--trades-out and --report write their files", async () => {
    const csv = join(dir, "trades.csv");
    const html = join(dir, "report.html");
    const r = await run(["--data", BTC1H, "--strategy", "ma_crossover", "--to", "2019-01-01T00:00:00Z", "--trades-out", csv, "--report", html, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    expect(lines[0]).toBe(TRADES_CSV_HEADER);
    expect(lines.length - 1).toBe(j.metrics.trades);
    const pnl = lines.slice(1).reduce((a, l) => a + Number(l.split(",")[9]), 0);
    expect(pnl).toBeCloseTo(j.metrics.expectancy * j.metrics.trades, 6);
    const page = readFileSync(html, "utf8");
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i); // nothing loaded from the network
    expect(page).toContain("<svg id=\"c-equity\"");
    expect(page).toContain("<svg id=\"c-dd\"");
    expect(page).toContain("mk-exit");
    expect(page).toContain("<!-- ===== BEGIN APPENDED SECTIONS");
    expect(page).toContain('<section id="statistics" class="appended">');
    expect(page).toContain("Wilson");
  });

  test("progress goes to stderr only on a TTY", async () => {
    const args = ["--data", dataFile("binance_spot_BTCUSDT_5m_2024-03_2025-07.csv.gz"), "--strategy", "ma_crossover"];
    const tty = await run(args, { isTTY: true });
    expect(tty.err).toContain("loading ");
    expect(tty.err).toMatch(/backtest \[█+░*\]\s+\d+%/);
    expect(tty.err.endsWith("\r\x1b[K")).toBe(true);
    const plain = await run(args);
    expect(plain.err).toBe("");
    expect(plain.out).toBe(tty.out);
  });

  test("config [backtest] supplies defaults; flags override", async () => {
    const a = JSON.parse((await run(["--data", BTC1H, "--strategy", "ma_crossover", "--to", "2018-06-01T00:00:00Z", "--json"], { config: { backtest: { capital: 5000, fee_rate: 0.002 } } })).out);
    expect([a.settings.capital, a.settings.feeRate]).toEqual([5000, 0.002]);
    const b = JSON.parse((await run(["--data", BTC1H, "--strategy", "ma_crossover", "--to", "2018-06-01T00:00:00Z", "--capital", "20000", "--json"], { config: { backtest: { capital: 5000 } } })).out);
    expect(b.settings.capital).toBe(20000);
  });
});

describe("backtest usage errors name the flag (exit 2)", () => {
  const cases: [string[], RegExp][] = [
    [["--strategy", "ma_crossover"], /missing required flag --data/],
    [["--data", BTC1H], /missing required flag --strategy/],
    [["--data", BTC1H, "--strategy", "nope"], /unknown strategy "nope"/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--param", "bogus=1"], /bogus/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--param", "fast=50", "--param", "slow=20"], /slow/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--params", "{not json"], /params/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--fee-rate", "abc"], /--fee-rate must be a number/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--leverage", "100"], /--leverage must be ≤ 50/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--leverage", "1.5"], /--leverage must be an integer/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--capital", "0"], /--capital must be > 0, got 0/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--tick-size=-1"], /--tick-size must be a positive decimal/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--lot-size", "0"], /--lot-size must be a positive decimal/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--on-bad-row", "maybe"], /--on-bad-row must be error or skip/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--from", "yesterday"], /--from must be an RFC3339 time/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--report", "/no/such/dir/r.html"], /--report: folder does not exist/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--trades-out", "/no/such/dir/t.csv"], /--trades-out: folder does not exist/],
    [["--data", "/no/such/file.csv", "--strategy", "ma_crossover"], /--data file not found/],
    [["--data", BTC1H, "--strategy", "ma_crossover", "--bogus-flag"], /bogus-flag/],
  ];
  for (const [argv, re] of cases) {
    test(argv.slice(-2).join(" "), async () => {
      const e = await run(argv).then(
        () => null,
        (x: unknown) => x as Error & { code?: string },
      );
      expect(e).not.toBeNull();
      expect(e!.code).toBe("USAGE");
      expect(e!.message).toMatch(re);
    });
  }

  test("through the entry point: exit 2, one stderr line, nothing on stdout", () => {
    for (const argv of [["--strategy", "ma_crossover"], ["--data", BTC1H, "--strategy", "ma_crossover", "--param", "slow=5"], ["--data", BTC1H, "--strategy", "ma_crossover", "--slippage-bps=-3"]]) {
      const r = spawn(["bun", "src/main.ts", "backtest", ...argv]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: backtest|^error: .*slow/);
      expect(r.err.trim().split("\n")).toHaveLength(1);
      expect(r.out).toBe("");
    }
  });

  test("bad data is a runtime error (exit 1) naming file and line", () => {
    const bad = join(dir, "bad.csv");
    Bun.write(bad, "open_time_ms,open,high,low,close,volume\n1700000000000,1,2,0.5,1.5,10\n1700000060000,1,2,oops,1.5,10\n");
    const r = spawn(["bun", "src/main.ts", "backtest", "--data", bad, "--strategy", "ma_crossover"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.csv:3/);
  });
});

describe("compiled binary", () => {
  test("./algo-trade backtest prints a report", () => {
    const bin = join(REPO_ROOT, "algo-trade");
    if (!existsSync(bin)) throw new Error("build the binaries first (make build)");
    const r = spawn([bin, "backtest", "--data", BTC1H, "--strategy", "ma_crossover"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("Backtest  ma_crossover");
    expect(r.out).toContain("Sharpe");
  });
});
