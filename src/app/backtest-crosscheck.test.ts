/**
 * Cross-check of the engine against an independent implementation of the documented semantics
 * (scripts/crosscheck/ma_crossover_reference.py, Python Decimal, no shared code) on real BTC 1h
 * bars: every closed trade (direction, entry bar, entry/exit price, quantity) and the final
 * equity must agree exactly. Skipped only when python3 is not installed.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { dataFile, REPO_ROOT } from "../testkit/data-path.ts";
import { loadBars } from "../data/index.ts";
import { makeInstrument } from "../core/index.ts";
import { runBacktest } from "../engine/index.ts";
import { resolveStrategy } from "../strategies/index.ts";

const python = Bun.which("python3");
const FILE = "binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz";
const TO = Date.UTC(2018, 5, 1);

describe.skipIf(!python)("backtest vs independent reference implementation", () => {
  test("ma_crossover 10/30 on 6,868 real BTC 1h bars: identical trades and final equity", async () => {
    const ref = Bun.spawnSync([python!, join(REPO_ROOT, "scripts/crosscheck/ma_crossover_reference.py"), dataFile(FILE), String(TO), "0.01", "0.000001", "10", "30"], { stdout: "pipe", stderr: "pipe" });
    expect(ref.stderr.toString()).toBe("");
    const lines = ref.stdout.toString().trim().split("\n");
    const finalLine = lines.pop()!;
    expect(lines.length).toBeGreaterThan(200);

    const { series } = await loadBars(dataFile(FILE), { to: TO });
    const instrument = makeInstrument({ symbol: series.symbol, venue: series.venue, kind: "spot", tick: "0.01", lot: "0.000001" });
    const { strategy } = resolveStrategy("ma_crossover", ["fast=10", "slow=30"]);
    const r = runBacktest(series, instrument, strategy, { capital: 10_000, feeRate: 0.001, slippageBps: 5, riskPerTradePct: 0.05, maxPositionPct: 0.2, leverage: 1, seed: 1 });
    const ours = r.trades.map((t) => `${t.direction},${t.entryBar},${t.entryPrice},${t.exitPrice},${t.quantity}`);
    const norm = (l: string) => l.split(",").map((v, i) => (i >= 2 ? String(Number(v)) : v)).join(",");
    expect(ours.map(norm)).toEqual(lines.map(norm));
    expect(r.metrics.finalEquity).toBeCloseTo(Number(finalLine.split(",")[1]), 9);
  }, 60_000);
});
