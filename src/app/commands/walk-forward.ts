/**
 * `algo-trade walk-forward`: walk-forward optimisation with a real grid search, parallel on Bun
 * Workers (results identical for any --workers), reporting per-fold choices, stitched
 * out-of-sample metrics, degradation, parameter stability, DSR and PBO. See
 * src/app/walk-forward/run-walk-forward.ts for the procedure and docs/readme/stats.md.
 */
import { existsSync, writeFileSync } from "node:fs";
import type { Command, ParsedArgs } from "../../cli/command.ts";
import { flag, list, num, req, str, time } from "../../cli/parse-args.ts";
import { gridStep, makeInstrument, UsageError } from "../../core/index.ts";
import { loadBars } from "../../data/index.ts";
import type { EngineSettings } from "../../engine/index.ts";
import { OBJECTIVES, parseDuration, parseGrid, type Objective } from "../../stats/index.ts";
import { formatWalkForward, walkForwardJson } from "../walk-forward/format-text.ts";
import { walkForwardHtml } from "../walk-forward/html-report.ts";
import { createProgressBar } from "../walk-forward/progress.ts";
import { JobPool } from "../walk-forward/pool.ts";
import { runWalkForward } from "../walk-forward/run-walk-forward.ts";

const NAME = "walk-forward";

function defaultWorkers(): number {
  const n = typeof navigator !== "undefined" ? navigator.hardwareConcurrency : 1;
  return Math.max(1, Math.min(8, n || 1));
}

function settingsFrom(args: ParsedArgs, base: { capital: number; fee_rate: number; slippage_bps: number; risk_per_trade_pct: number; max_position_pct: number; leverage: number }): Partial<EngineSettings> {
  return {
    capital: num(args, "capital", NAME, { min: 0 }) ?? base.capital,
    feeRate: num(args, "fee-rate", NAME, { min: 0, max: 0.1 }) ?? base.fee_rate,
    slippageBps: num(args, "slippage-bps", NAME, { min: 0, max: 1000 }) ?? base.slippage_bps,
    riskPerTradePct: base.risk_per_trade_pct,
    maxPositionPct: base.max_position_pct,
    leverage: base.leverage,
  };
}

export const walkForwardCommand: Command = {
  name: NAME,
  summary: "Walk-forward optimisation: grid search per fold, stitched OOS equity, DSR, PBO",
  usage: "walk-forward --data FILE --strategy NAME --grid p=a:b:step [--grid ...] --train 90d --test 30d [--step 30d] [--anchored] [--objective sharpe|sortino|return|calmar] [--workers N] [--json] [--report wf.html]",
  options: {
    data: { type: "string", short: "d", description: "Bar file (CSV/CSV.gz/Parquet/Arrow)", value: "FILE" },
    strategy: { type: "string", short: "s", description: "Strategy name (see `algo-trade backtest --help`)", value: "NAME" },
    grid: { type: "string", multiple: true, description: "Parameter grid: name=start:end:step or name=v1,v2 (repeat per parameter)", value: "SPEC" },
    param: { type: "string", multiple: true, description: "Fixed (non-grid) strategy parameter, repeatable: --param volume_filter=false", value: "K=V" },
    train: { type: "string", description: "Train window length (e.g. 90d, 12h, 2w)", value: "DUR" },
    test: { type: "string", description: "Test window length", value: "DUR" },
    step: { type: "string", description: "Step between folds", value: "DUR", default: "--test" },
    anchored: { type: "boolean", description: "Anchored (expanding) train windows instead of rolling" },
    objective: { type: "string", description: "sharpe | sortino | return | calmar", value: "OBJ", default: "sharpe" },
    workers: { type: "string", description: "Threads: this one + N−1 Bun Workers (results identical for any N)", value: "N", default: "CPU count, max 8" },
    from: { type: "string", description: "Only bars with open time ≥ this (RFC3339 or epoch ms)", value: "TIME" },
    to: { type: "string", description: "Only bars with open time < this", value: "TIME" },
    symbol: { type: "string", description: "Symbol filter for multi-series files", value: "SYM" },
    interval: { type: "string", description: "Interval filter / check", value: "I" },
    capital: { type: "string", description: "Initial capital", value: "X", default: "backtest.capital" },
    "fee-rate": { type: "string", description: "Commission as a fraction of notional", value: "F", default: "backtest.fee_rate" },
    "slippage-bps": { type: "string", description: "Market-order slippage in bps", value: "N", default: "backtest.slippage_bps" },
    "pbo-splits": { type: "string", description: "CSCV blocks for PBO (even, 2..24)", value: "S", default: "16" },
    resamples: { type: "string", description: "Bootstrap resamples for the OOS trade statistics", value: "N", default: "2000" },
    json: { type: "boolean", description: "Print the result as JSON" },
    report: { type: "string", description: "Also write a self-contained HTML report to FILE", value: "FILE" },
  },
  details: [
    "Per fold: every grid point runs on the train window; the best by the objective (ties: earliest",
    "grid point) runs on the next test window (warm-up bars in front); OOS equity is stitched.",
    "",
    "Example:",
    "  algo-trade walk-forward --data binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz --strategy ma_crossover \\",
    "    --grid fast=5:30:5 --grid slow=20:110:10 --train 180d --test 30d --from 2022-01-01 --workers 2 --report wf.html",
  ].join("\n"),
  async run(args, ctx) {
    const data = req(args, "data", NAME);
    if (!existsSync(data)) throw new UsageError(`${NAME}: --data file not found: ${data}`, { flag: "data" });
    const strategy = req(args, "strategy", NAME);
    const axes = parseGrid(list(args, "grid"));
    const trainMs = parseDuration(req(args, "train", NAME), "train");
    const testMs = parseDuration(req(args, "test", NAME), "test");
    const stepText = str(args, "step");
    const stepMs = stepText !== undefined ? parseDuration(stepText, "step") : testMs;
    const objective = str(args, "objective") ?? "sharpe";
    if (!(OBJECTIVES as readonly string[]).includes(objective)) {
      throw new UsageError(`${NAME}: --objective must be one of ${OBJECTIVES.join("|")}, got "${objective}"`, { flag: "objective" });
    }
    const workers = num(args, "workers", NAME, { min: 1, max: 64, integer: true }) ?? defaultWorkers();
    const pboSplits = num(args, "pbo-splits", NAME, { min: 2, max: 24, integer: true }) ?? 16;
    if (pboSplits % 2) throw new UsageError(`${NAME}: --pbo-splits must be even, got ${pboSplits}`, { flag: "pbo-splits" });
    const resamples = num(args, "resamples", NAME, { min: 10, max: 1_000_000, integer: true }) ?? 2_000;
    const settings = settingsFrom(args, ctx.config.backtest);
    const from = time(args, "from", NAME);
    const to = time(args, "to", NAME);
    const symbol = str(args, "symbol");
    const interval = str(args, "interval");
    // Start the workers now so their start-up overlaps with loading the bars.
    const pool = new JobPool(workers);
    let loaded;
    try {
      loaded = await loadBars(data, { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), ...(symbol ? { symbol } : {}), ...(interval ? { interval } : {}) });
    } catch (e) {
      pool.close();
      throw e;
    }
    const s = loaded.series;
    const instrument = makeInstrument({ symbol: s.symbol, venue: s.venue, kind: "spot", tick: gridStep(loaded.priceDecimals), lot: gridStep(loaded.sizeDecimals) });
    const bar = createProgressBar(ctx.stderr, ctx.isTTY);
    const t0 = performance.now();
    let result;
    try {
      result = await runWalkForward({
        series: s,
        instrument,
        strategy,
        axes,
        windows: { trainMs, testMs, stepMs, anchored: flag(args, "anchored") },
        objective: objective as Objective,
        fixed: list(args, "param"),
        settings,
        workers,
        pool,
        pboSplits,
        bootstrapResamples: resamples,
        onProgress: (d, n) => bar.update(d, n),
      });
    } finally {
      bar.done();
      pool.close(); // also on usage errors raised before the run started
    }
    const secs = (performance.now() - t0) / 1000;
    const report = str(args, "report");
    if (report) writeFileSync(report, walkForwardHtml(result));
    if (flag(args, "json")) ctx.stdout.write(JSON.stringify(walkForwardJson(result), null, 2) + "\n");
    else {
      ctx.stdout.write(formatWalkForward(result));
      ctx.stdout.write(`\n${result.backtests} backtests in ${secs.toFixed(1)}s on ${workers} worker${workers > 1 ? "s" : ""} (${(result.backtests / secs).toFixed(0)}/s)${report ? `; HTML report: ${report}` : ""}\n`);
    }
    return 0;
  },
};
