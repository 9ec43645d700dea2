/**
 * `algo-trade backtest`: load bars (CSV/Parquet/Arrow) → resolve the strategy and its params →
 * run the engine (src/engine runBacktest semantics) → human report or --json, plus optional
 * --trades-out CSV and --report HTML. Defaults come from config section [backtest]; flags win.
 * Exit codes: 0 ok, 1 runtime error, 2 usage error (the message names the flag or parameter).
 * On a TTY, stderr shows loading and run progress; nothing is written there otherwise.
 */
import { existsSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Command, CommandContext, ParsedArgs } from "../../cli/command.ts";
import { flag, list, num, req, str, time } from "../../cli/parse-args.ts";
import { gridStep, makeInstrument, UsageError, type Instrument } from "../../core/index.ts";
import { intervalName, loadBars } from "../../data/index.ts";
import { BacktestRun, type EngineSettings } from "../../engine/index.ts";
import { describeStrategies, resolveStrategy } from "../../strategies/index.ts";
import { htmlReport } from "../report/html-report.ts";
import { humanReport } from "../report/human.ts";
import { jsonReport } from "../report/json-report.ts";
import type { ReportInput, RunInfo } from "../report/run-info.ts";
import { tradesCsv } from "../report/trades-csv.ts";
import { monteCarloForBacktest } from "./montecarlo.ts";
import { loadBarsFromSource } from "./data.ts";
import { onBadRowFlag } from "./on-bad-row-flag.ts";

const NAME = "backtest";
/** Bars per engine step between progress redraws (the engine itself never yields). */
const CHUNK = 1 << 17;

export const backtestCommand: Command = {
  name: NAME,
  summary: "Backtest a strategy on a bar file and report performance (text, JSON, HTML)",
  usage: "backtest (--data FILE | --source warm|cold --symbol SYM --interval IV) --strategy NAME [--param k=v ...] [--params JSON] [options]",
  options: {
    data: { type: "string", short: "d", description: "Bar file: CSV (.gz ok), Parquet or Arrow", value: "FILE" },
    strategy: { type: "string", short: "s", description: "Strategy name (see the list below)", value: "NAME" },
    param: { type: "string", multiple: true, description: "Strategy parameter, repeatable: --param fast=20", value: "K=V" },
    params: { type: "string", description: 'Strategy parameters as JSON: --params \'{"fast":20}\'', value: "JSON" },
    symbol: { type: "string", description: "Series to use when the file holds several symbols", value: "SYM" },
    source: { type: "string", description: "Read bars from a storage tier instead of --data: warm | cold (needs --symbol, --interval)", value: "TIER" },
    venue: { type: "string", description: "With --source: the venue when the symbol exists on several", value: "VENUE" },
    interval: { type: "string", description: "Bar interval (1m, 1h, …) when the file holds several, or to check", value: "IV" },
    from: { type: "string", description: "First bar open time, inclusive (RFC3339 or epoch ms)", value: "TIME" },
    to: { type: "string", description: "End of the window, exclusive (RFC3339 or epoch ms)", value: "TIME" },
    capital: { type: "string", description: "Initial capital", value: "X", default: "backtest.capital = 10000" },
    "fee-rate": { type: "string", description: "Commission as a fraction of notional", value: "F", default: "backtest.fee_rate = 0.001" },
    "slippage-bps": { type: "string", description: "Market-order slippage in basis points", value: "BPS", default: "backtest.slippage_bps = 5" },
    "risk-per-trade-pct": { type: "string", description: "Order value = equity × leverage × this", value: "P", default: "backtest.risk_per_trade_pct = 0.05" },
    "max-position-pct": { type: "string", description: "Cap of the order value as a fraction of equity", value: "P", default: "backtest.max_position_pct = 0.2" },
    leverage: { type: "string", description: "Leverage 1..50", value: "N", default: "backtest.leverage = 1" },
    "tick-size": { type: "string", description: "Price tick (default: 10^-decimals seen in OHLC)", value: "X" },
    "lot-size": { type: "string", description: "Size lot (default: 10^-decimals seen in volume)", value: "X" },
    "on-bad-row": { type: "string", description: "error | skip malformed rows", value: "MODE", default: "error" },
    json: { type: "boolean", description: "Print all metrics as one JSON object" },
    "trades-out": { type: "string", description: "Write the closed trades as CSV", value: "FILE" },
    report: { type: "string", description: "Write a self-contained HTML report", value: "FILE" },
    montecarlo: { type: "boolean", description: "Also run a seeded Monte Carlo of bankroll paths resampling the closed trades (see `algo-trade montecarlo`)" },
  },
  details: [
    describeStrategies().trimEnd(),
    "",
    "Semantics: a signal on bar t's close fills at bar t+1's open ± slippage (rounded to the tick);",
    "commission = price × quantity × fee rate; size = min(equity×leverage×risk, equity×max)/close, floored",
    "to the lot; flips close then open; the last bar's position is marked, not closed.",
    "",
    "Examples:",
    "  algo-trade backtest --data btc_1h.csv.gz --strategy ma_crossover",
    "  algo-trade backtest -d btc_1m.csv.gz -s ma_crossover --param fast=20 --param slow=50 --json",
    "  algo-trade backtest -d eth_1h.csv.gz -s rsi --from 2024-01-01T00:00:00Z --report rsi.html --trades-out rsi.csv",
  ].join("\n"),
  run,
};

async function run(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const cfg = ctx.config.backtest;
  const source = str(args, "source");
  const data = source !== undefined ? `${source} tier` : req(args, "data", NAME);
  const name = req(args, "strategy", NAME);
  const onBadRow = onBadRowFlag(args, NAME);
  const settings: Partial<EngineSettings> = {
    capital: num(args, "capital", NAME, { positive: true }) ?? cfg.capital,
    feeRate: num(args, "fee-rate", NAME, { min: 0, max: 0.1 }) ?? cfg.fee_rate,
    slippageBps: num(args, "slippage-bps", NAME, { min: 0, max: 1000 }) ?? cfg.slippage_bps,
    riskPerTradePct: num(args, "risk-per-trade-pct", NAME, { positive: true, max: 1 }) ?? cfg.risk_per_trade_pct,
    maxPositionPct: num(args, "max-position-pct", NAME, { positive: true, max: 1 }) ?? cfg.max_position_pct,
    leverage: num(args, "leverage", NAME, { min: 1, max: 50, integer: true }) ?? cfg.leverage,
  };
  const from = time(args, "from", NAME);
  const to = time(args, "to", NAME);
  const tickFlag = gridFlag(args, "tick-size");
  const lotFlag = gridFlag(args, "lot-size");
  const tradesOut = outFile(args, "trades-out");
  const reportOut = outFile(args, "report");
  // Strategy and params are validated before the (possibly long) load.
  const resolved = resolveStrategy(name, list(args, "param"), str(args, "params"));
  if (source === undefined && !existsSync(data)) throw new UsageError(`${NAME}: --data file not found: ${data}`, { flag: "data" });

  const progress = ctx.isTTY ? (s: string) => ctx.stderr.write(`\r${s}\x1b[K`) : () => {};
  progress(`loading ${data} …`);
  const loaded = source !== undefined ? await loadBarsFromSource(ctx, source, { symbol: str(args, "symbol"), venue: str(args, "venue"), interval: str(args, "interval"), from, to }) : await loadBars(data, {
    ...(str(args, "symbol") !== undefined ? { symbol: str(args, "symbol") } : {}),
    ...(str(args, "interval") !== undefined ? { interval: str(args, "interval") } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    onBadRow,
  });
  const series = loaded.series;
  const tick = tickFlag ?? gridStep(loaded.priceDecimals);
  const lot = lotFlag ?? gridStep(loaded.sizeDecimals);
  const instrument: Instrument = makeInstrument({ id: 0, symbol: series.symbol, venue: series.venue, kind: "perp", tick, lot });

  const runner = new BacktestRun(series, instrument, resolved.strategy, settings);
  while (runner.step(CHUNK)) {
    progress(bar(runner.done, runner.total));
    // A minor GC per chunk keeps peak memory near the live size on million-bar files.
    Bun.gc(false);
    await new Promise((r) => setImmediate(r));
  }
  const result = runner.finish();
  if (ctx.isTTY) ctx.stderr.write("\r\x1b[K");

  const info: RunInfo = {
    dataFile: source !== undefined ? `${source}:${series.symbol}@${series.venue}` : data,
    interval: intervalName(series.intervalMs),
    skippedRows: loaded.skipped,
    strategy: resolved.definition.name,
    params: resolved.params,
    tickSize: tick,
    lotSize: lot,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  };
  const input: ReportInput = { result, info };
  if (tradesOut) await writeFile(tradesOut, tradesCsv(result));
  if (reportOut) await writeFile(reportOut, htmlReport(input, { version: process.env.ALGO_TRADE_VERSION ?? "dev" }));
  // --montecarlo (issue #7): resample the closed trades with the engine's own sizing.
  const mc = flag(args, "montecarlo") ? monteCarloForBacktest(result) : undefined;
  const json = mc === undefined ? jsonReport(input) : { ...jsonReport(input), montecarlo: mc?.result ?? null };
  ctx.stdout.write(flag(args, "json") ? JSON.stringify(json, null, 2) + "\n" : humanReport(input) + (mc ? "\n" + mc.text : ""));
  return 0;
}

function bar(done: number, total: number): string {
  const f = total > 0 ? done / total : 1;
  const w = 24;
  const full = Math.round(f * w);
  return `backtest [${"█".repeat(full)}${"░".repeat(w - full)}] ${String(Math.floor(f * 100)).padStart(3)}%  ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} bars`;
}

function gridFlag(args: ParsedArgs, name: string): string | undefined {
  const v = str(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(v) || !(Number(v) > 0)) throw new UsageError(`${NAME}: --${name} must be a positive decimal such as 0.01, got "${v}"`, { flag: name });
  return v;
}

function outFile(args: ParsedArgs, name: string): string | undefined {
  const v = str(args, name);
  if (v === undefined) return undefined;
  const dir = dirname(resolve(v));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${NAME}: --${name}: folder does not exist: ${dir}`, { flag: name });
  return v;
}
