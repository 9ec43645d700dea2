/** `algo-trade montecarlo`: binary and trade-list models, sizing flags, usage errors. */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ref from "../../stats/__fixtures__/scipy-reference.json" with { type: "json" };
import { UsageError } from "../../core/index.ts";
import { runCommand } from "../walk-forward/command-harness.ts";
import { montecarloCommand } from "./montecarlo.ts";
import { statsCommand } from "./stats.ts";

const dir = mkdtempSync(join(tmpdir(), "mc-cmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Real-data trades: one trade per day of the best BTC momentum variant (fixture), notional 10,000.
const rets = ref.momentum.columns[7]!.slice(0, 300);
const tradesCsv = join(dir, "trades.csv");
writeFileSync(tradesCsv, "pnl,pnl_pct\n" + rets.map((r) => `${(r * 10_000).toFixed(6)},${r}`).join("\n") + "\n");

test("binary bet with Kelly sizing prints the probabilities and bands", async () => {
  const r = await runCommand(montecarloCommand, ["--win-rate", "0.55", "--price", "0.5", "--sizing", "kelly", "--kelly-fraction", "0.5", "--simulations", "2000"]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("Sizing       0.5 × Kelly (full Kelly 10.00%) = 5.00% of equity per bet");
  expect(r.out).toMatch(/P\(ruin\)\s+\d+\.\d\d%/);
  expect(r.out).toContain("Equity percentile bands");
});

test("trade list model defaults bets to the number of trades; JSON is reproducible by seed", async () => {
  const argv = ["--trades", tradesCsv, "--sizing", "fraction", "--fraction", "1", "--simulations", "1000", "--seed", "11", "--json"];
  const a = JSON.parse((await runCommand(montecarloCommand, argv)).out);
  const b = JSON.parse((await runCommand(montecarloCommand, argv)).out);
  expect(a).toEqual(b);
  expect(a.bets).toBe(300);
  expect(a.simulations).toBe(1000);
  expect(a.probProfit).toBeGreaterThan(0);
});

test("stats --trade-file prints the report statistics section with bootstrap CIs", async () => {
  const r = await runCommand(statsCommand, ["--trade-file", tradesCsv, "--capital", "10000", "--resamples", "500"]);
  expect(r.out).toContain("Win rate, 95% Wilson CI");
  expect(r.out).toContain("Binomial p vs break-even");
  expect(r.out).toContain("Bootstrap 95% CI: Sharpe/trade");
  expect(r.out).toMatch(/Verdict\s+edge (not )?significant/);
  await expect(runCommand(statsCommand, ["--trade-file", tradesCsv, "--wins", "3"])).rejects.toThrow(/--wins cannot be combined/);
});

test("usage errors name the flag", async () => {
  const cases: [string[], RegExp][] = [
    [[], /--trades FILE or --win-rate/],
    [["--win-rate", "0.5"], /--win-rate needs --price/],
    [["--win-rate", "0.5", "--price", "1.5"], /--price must be in \(0, 1\)/],
    [["--trades", tradesCsv, "--win-rate", "0.5"], /either --trades or --win-rate/],
    [["--win-rate", "0.5", "--price", "0.5", "--sizing", "martingale"], /--sizing must be one of/],
    [["--win-rate", "0.5", "--price", "0.5", "--simulations", "0"], /--simulations must be ≥ 1/],
    [["--win-rate", "0.5", "--price", "0.5", "--ruin", "2"], /--ruin must be ≤ 1/],
  ];
  for (const [argv, re] of cases) {
    await expect(runCommand(montecarloCommand, argv)).rejects.toThrow(UsageError);
    await expect(runCommand(montecarloCommand, argv)).rejects.toThrow(re);
  }
});

test("backtest --montecarlo resamples the run's trades with the engine's sizing (human and JSON)", async () => {
  const { backtestCommand } = await import("./backtest.ts");
  const { dataFile } = await import("../../testkit/data-path.ts");
  const argv = ["--data", dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), "--strategy", "ma_crossover", "--to", "2018-06-01T00:00:00Z", "--montecarlo"];
  const human = await runCommand(backtestCommand, argv);
  expect(human.out).toContain("\nMonte Carlo\n");
  expect(human.out).toContain("Sizing       5.00% of equity per bet");
  const j = JSON.parse((await runCommand(backtestCommand, [...argv, "--json"])).out);
  expect(j.montecarlo.bets).toBe(j.counts.trades);
  expect(j.montecarlo.bankroll).toBe(j.settings.capital);
  expect(j.montecarlo.stakeFraction).toBeCloseTo(0.05, 12);
  const plain = JSON.parse((await runCommand(backtestCommand, argv.slice(0, -1).concat("--json"))).out);
  expect(plain.montecarlo).toBeUndefined();
}, 60_000);
