/** `algo-trade data-info` on the real files: text and JSON output, filters, usage errors. */
import { expect, test } from "bun:test";
import { dataFile } from "../../testkit/data-path.ts";
import { runCommand } from "../walk-forward/command-harness.ts";
import { dataInfoCommand } from "./data-info.ts";

test("describes the BTC 1h file: bars, range, grid and the documented 28 gaps / 128 missing hours", async () => {
  const r = await runCommand(dataInfoCommand, ["-d", dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz")]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("Series    BTCUSDT 1h @binance: 76,724 bars");
  expect(r.out).toContain("Range     2017-08-17T04:00:00Z → 2026-05-24T07:00:00Z (bar open times)");
  expect(r.out).toContain("Grid      price 2 decimals (tick 0.01), size 6 decimals (lot 0.000001)");
  expect(r.out).toContain("Gaps      28 gaps, 128 missing bars; largest 33 bars after 2018-02-08T00:00:00Z");
});

test("--json with multi-series filters and a time window", async () => {
  const r = await runCommand(dataInfoCommand, [
    "-d",
    dataFile("hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz"),
    "--symbol",
    "SOL",
    "--interval",
    "4h",
    "--from",
    "2026-07-01T00:00:00Z",
    "--json",
  ]);
  const j = JSON.parse(r.out);
  expect(j).toMatchObject({ symbol: "SOL", venue: "hyperliquid", interval: "4h", first: "2026-07-01T00:00:00Z", gaps: 0, skipped: 0 });
  expect(j.bars).toBe(j.bars > 0 ? (Date.parse(j.last) - Date.parse(j.first)) / 14_400_000 + 1 : -1);
});

test("usage errors name the flag; data errors keep file:line", async () => {
  await expect(runCommand(dataInfoCommand, [])).rejects.toThrow("data-info: missing required flag --data");
  await expect(runCommand(dataInfoCommand, ["-d", "x.csv", "--on-bad-row", "ignore"])).rejects.toThrow('--on-bad-row must be error or skip, got "ignore"');
  await expect(runCommand(dataInfoCommand, ["-d", "x.csv", "--from", "yesterday"])).rejects.toThrow("--from must be an RFC3339 time");
  await expect(runCommand(dataInfoCommand, ["-d", "/nonexistent/bars.csv"])).rejects.toThrow("/nonexistent/bars.csv: file not found");
});

test("a multi-series file without filters lists its series (text and JSON); a partial filter still errors", async () => {
  const f = dataFile("hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz");
  const r = await runCommand(dataInfoCommand, ["-d", f]);
  expect(r.code).toBe(0);
  expect(r.out).toContain("Series    9 in this file; describe one with --symbol and --interval:");
  expect(r.out).toContain("\n  ETH     1h               989\n");
  const j = JSON.parse((await runCommand(dataInfoCommand, ["-d", f, "--json"])).out);
  expect(j.series.map((s: { symbol: string; interval: string }) => `${s.symbol} ${s.interval}`)).toEqual(["BTC 15m", "BTC 1h", "BTC 4h", "ETH 15m", "ETH 1h", "ETH 4h", "SOL 15m", "SOL 1h", "SOL 4h"]);
  await expect(runCommand(dataInfoCommand, ["-d", f, "--symbol", "ETH"])).rejects.toThrow(/several series .* symbol=ETH matches more than one/);
});
