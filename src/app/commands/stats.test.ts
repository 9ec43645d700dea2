/** `algo-trade stats`: output, JSON, and usage errors naming the flag. */
import { expect, test } from "bun:test";
import { UsageError } from "../../core/index.ts";
import { runCommand } from "../walk-forward/command-harness.ts";
import { statsCommand } from "./stats.ts";

test("human output has every line and the verdict", async () => {
  const r = await runCommand(statsCommand, ["--wins", "55", "--trades", "100"]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("Win rate             55 / 100 = 0.5500");
  expect(r.out).toContain("95% Wilson           [0.4524, 0.6439]");
  expect(r.out).toContain("95% Clopper–Pearson  [0.4473, 0.6497]");
  expect(r.out).toContain("p-value              0.368 (exact binomial, two-sided, H0: p = 0.5000)");
  expect(r.out).toContain("Verdict              edge not significant at 95%: Wilson lower bound 0.452 < p0 0.500");
});

test("price and fees set the break-even null; --json is machine-readable", async () => {
  const r = await runCommand(statsCommand, ["--wins", "5800", "--trades", "10000", "--price", "0.52", "--fee-rate", "0.02", "--json"]);
  const j = JSON.parse(r.out);
  expect(j.breakEven).toBeCloseTo(0.5304, 12);
  expect(j.fee).toEqual({ model: "stake", rate: 0.02 });
  expect(j.verdict.kind).toBe("positive-edge");
  expect(j.test.pValue).toBeLessThan(1e-6);
  expect(j.testVsHalf.p0).toBe(0.5);
});

test("bad flags are usage errors that name the flag", async () => {
  const bad: [string[], RegExp][] = [
    [["--trades", "100"], /--wins/],
    [["--wins", "120", "--trades", "100"], /--wins \(120\) cannot exceed --trades/],
    [["--wins", "5.5", "--trades", "100"], /--wins must be an integer/],
    [["--wins", "5", "--trades", "10", "--p0", "1.2"], /--p0 must be in \(0, 1\)/],
    [["--wins", "5", "--trades", "10", "--p0", "0.4", "--price", "0.5"], /either --p0 or --price/],
    [["--wins", "5", "--trades", "10", "--fee-rate", "0.02"], /--fee-rate\/--fee-model need --price/],
    [["--wins", "5", "--trades", "10", "--price", "0.5", "--fee-model", "gas"], /--fee-model must be one of/],
    [["--wins", "5", "--trades", "10", "--alternative", "bigger"], /--alternative must be one of/],
    [["--wins", "5", "--trades", "10", "--confidence", "95"], /--confidence must be in \(0, 1\)/],
  ];
  for (const [argv, re] of bad) {
    const p = runCommand(statsCommand, argv);
    await expect(p).rejects.toThrow(UsageError);
    await expect(runCommand(statsCommand, argv)).rejects.toThrow(re);
  }
});

test("backtest reports (human and JSON) carry the statistics section from src/stats", async () => {
  const { backtestCommand } = await import("./backtest.ts");
  const { dataFile } = await import("../../testkit/data-path.ts");
  const argv = ["--data", dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), "--strategy", "ma_crossover", "--to", "2018-06-01T00:00:00Z"];
  const human = await runCommand(backtestCommand, argv);
  expect(human.out).toContain("\nStatistics\n");
  expect(human.out).toMatch(/Win rate, 95% Wilson CI\s+\d+\.\d\d% \[/);
  expect(human.out).toContain("Binomial p vs break-even");
  expect(human.out).toContain("Bootstrap 95% CI: Sharpe/trade");
  const j = JSON.parse((await runCommand(backtestCommand, [...argv, "--json"])).out);
  expect(j.statistics.trades).toBe(j.counts.trades);
  expect(j.statistics.wilson.lower).toBeLessThan(j.statistics.winRate);
  expect(j.statistics.bootstrapSharpeCI.lower).toBeLessThanOrEqual(j.statistics.bootstrapSharpeCI.upper);
}, 60_000);
