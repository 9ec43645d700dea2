/**
 * `algo-trade montecarlo`: seeded Monte Carlo of bankroll paths, either resampling a trade list
 * (returns per unit of capital committed) or simulating a binary bet (win rate + price + fees),
 * with fixed, fraction-of-equity or fractional-Kelly sizing. Prints P(ruin), P(profit),
 * P(double), the final-equity distribution and percentile bands over the bets.
 */
import type { Command, ParsedArgs } from "../../cli/command.ts";
import { flag, num, str } from "../../cli/parse-args.ts";
import { UsageError } from "../../core/index.ts";
import type { MonteCarloResult, OutcomeModel, Sizing } from "../../stats/index.ts";
import { monteCarlo, niceStep } from "../../stats/index.ts";
import type { BacktestResult } from "../../engine/index.ts";
import { readTradeList } from "../walk-forward/trades-file.ts";
import { parseFeeFlags } from "./stats.ts";

const NAME = "montecarlo";
const SIZINGS = ["fixed", "fraction", "kelly"] as const;

export const montecarloCommand: Command = {
  name: NAME,
  summary: "Monte Carlo bankroll paths: probability of ruin/profit/doubling, percentile bands",
  usage: "montecarlo (--trades FILE | --win-rate P --price C [--fee-rate F]) [--sizing fixed|fraction|kelly] [options]",
  options: {
    trades: { type: "string", description: "Trade list (CSV with pnl and pnl_pct or entry_price+quantity columns, or JSON)", value: "FILE" },
    "win-rate": { type: "string", description: "Binary bet: probability of winning", value: "P" },
    price: { type: "string", description: "Binary bet: price in (0,1); a win pays (1−c)/c per unit staked", value: "C" },
    "fee-rate": { type: "string", description: "Binary bet fee rate", value: "F", default: "0" },
    "fee-model": { type: "string", description: "none|stake|profit|winnings|polymarket", value: "M", default: "stake" },
    "fee-exponent": { type: "string", description: "Exponent of the polymarket fee curve", value: "E", default: "1" },
    sizing: { type: "string", description: "fixed | fraction | kelly", value: "S", default: "fixed" },
    stake: { type: "string", description: "Fixed sizing: amount per bet (capped by equity)", value: "X", default: "100" },
    fraction: { type: "string", description: "Fraction sizing: fraction of current equity per bet", value: "F", default: "0.02" },
    "kelly-fraction": { type: "string", description: "Kelly sizing: multiplier of the full Kelly fraction", value: "K", default: "0.25" },
    "max-fraction": { type: "string", description: "Kelly sizing: cap on the fraction of equity per bet", value: "F", default: "1" },
    bets: { type: "string", description: "Bets per path (default: number of trades in the file, else 100)", value: "N" },
    simulations: { type: "string", description: "Number of paths", value: "N", default: "10000" },
    bankroll: { type: "string", description: "Initial bankroll", value: "X", default: "10000" },
    ruin: { type: "string", description: "Ruin when equity ≤ this fraction of the initial bankroll", value: "F", default: "0.1" },
    seed: { type: "string", description: "Random seed", value: "N", default: "42" },
    json: { type: "boolean", description: "Print the result as JSON" },
  },
  details: [
    "Examples:",
    "  algo-trade montecarlo --win-rate 0.55 --price 0.5 --fee-rate 0.02 --sizing kelly --kelly-fraction 0.25",
    "  algo-trade montecarlo --trades trades.csv --sizing fraction --fraction 0.2 --bets 250",
  ].join("\n"),
  async run(args, ctx) {
    const { model, defaultBets, label } = parseModel(args);
    const sizing = parseSizing(args);
    const bets = num(args, "bets", NAME, { min: 1, max: 10_000_000, integer: true }) ?? defaultBets;
    const simulations = num(args, "simulations", NAME, { min: 1, max: 10_000_000, integer: true }) ?? 10_000;
    if (simulations * bets > 2e9) throw new UsageError(`${NAME}: --simulations × --bets = ${simulations * bets} is too large (max 2e9)`, { flag: "simulations" });
    const bankroll = num(args, "bankroll", NAME, { min: 0 }) ?? 10_000;
    if (!(bankroll > 0)) throw new UsageError(`${NAME}: --bankroll must be > 0`, { flag: "bankroll" });
    const ruinFraction = num(args, "ruin", NAME, { min: 0, max: 1 }) ?? 0.1;
    const seed = num(args, "seed", NAME, { integer: true }) ?? 42;
    const r = monteCarlo(model, sizing, { simulations, bets, bankroll, ruinFraction, seed });
    if (flag(args, "json")) ctx.stdout.write(JSON.stringify({ model: label, sizing, ...r }, null, 2) + "\n");
    else ctx.stdout.write(formatMonteCarlo(r, label, sizing));
    return 0;
  },
};

function parseModel(args: ParsedArgs): { model: OutcomeModel; defaultBets: number; label: string } {
  const file = str(args, "trades");
  const winRate = num(args, "win-rate", NAME, { min: 0, max: 1 });
  const price = num(args, "price", NAME);
  if (file !== undefined) {
    if (winRate !== undefined || price !== undefined) throw new UsageError(`${NAME}: give either --trades or --win-rate/--price, not both`, { flag: "trades" });
    const t = readTradeList(file);
    if (!t.ret) throw new UsageError(`${NAME}: ${file} has no pnl_pct column (or entry_price and quantity), needed for per-trade returns`, { flag: "trades" });
    return { model: { kind: "empirical", returns: t.ret }, defaultBets: t.ret.length, label: `${t.ret.length} trades from ${file} (returns on capital committed)` };
  }
  if (winRate === undefined) throw new UsageError(`${NAME}: give --trades FILE or --win-rate P with --price C`, { flag: "trades" });
  if (price === undefined) throw new UsageError(`${NAME}: --win-rate needs --price`, { flag: "price" });
  if (!(price > 0 && price < 1)) throw new UsageError(`${NAME}: --price must be in (0, 1), got ${price}`, { flag: "price" });
  const fee = parseFeeFlags(args, NAME);
  const feeText = fee ? `, fee ${fee.model} ${fee.rate}` : "";
  return { model: { kind: "binary", winProb: winRate, price, ...(fee ? { fee } : {}) }, defaultBets: 100, label: `binary bet p=${winRate} at price ${price}${feeText}` };
}

function parseSizing(args: ParsedArgs): Sizing {
  const kind = str(args, "sizing") ?? "fixed";
  if (!(SIZINGS as readonly string[]).includes(kind)) throw new UsageError(`${NAME}: --sizing must be one of ${SIZINGS.join("|")}, got "${kind}"`, { flag: "sizing" });
  if (kind === "fixed") {
    const amount = num(args, "stake", NAME, { min: 0 }) ?? 100;
    if (!(amount > 0)) throw new UsageError(`${NAME}: --stake must be > 0`, { flag: "stake" });
    return { kind: "fixed", amount };
  }
  if (kind === "fraction") {
    const fraction = num(args, "fraction", NAME, { min: 0, max: 1 }) ?? 0.02;
    return { kind: "fraction", fraction };
  }
  const multiplier = num(args, "kelly-fraction", NAME, { min: 0, max: 10 }) ?? 0.25;
  const cap = num(args, "max-fraction", NAME, { min: 0, max: 100 }) ?? 1;
  return { kind: "kelly", multiplier, cap };
}

export function formatMonteCarlo(r: MonteCarloResult, label: string, sizing: Sizing): string {
  const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
  const money = (x: number): string => x.toFixed(2);
  const sz =
    sizing.kind === "fixed"
      ? `fixed ${sizing.amount} per bet (capped by equity)`
      : sizing.kind === "fraction"
        ? `${pct(sizing.fraction)} of equity per bet`
        : `${sizing.multiplier} × Kelly (full Kelly ${pct(r.kellyFull)}) = ${pct(r.stakeFraction ?? 0)} of equity per bet`;
  const lines = [
    `Model        ${label}`,
    `Sizing       ${sz}`,
    `Paths        ${r.simulations} × ${r.bets} bets, bankroll ${money(r.bankroll)}, ruin at ≤ ${money(r.ruinLevel)}, seed ${r.seed}`,
    "",
    `P(ruin)      ${pct(r.probRuin)}`,
    `P(profit)    ${pct(r.probProfit)}`,
    `P(double)    ${pct(r.probDouble)}`,
    `Final equity mean ${money(r.final.mean)}, median ${money(r.final.median)}`,
    `             p5 ${money(r.final.percentiles.p5!)}  p25 ${money(r.final.percentiles.p25!)}  p75 ${money(r.final.percentiles.p75!)}  p95 ${money(r.final.percentiles.p95!)}`,
    `Max drawdown median ${pct(r.maxDrawdown.median)}, p95 ${pct(r.maxDrawdown.p95)}`,
    `Verdict      ${r.favourable ? "favourable" : "not favourable"} (needs P(profit) > 50% and P(ruin) < 10%)`,
    "",
    "Equity percentile bands",
    `${"bet".padStart(8)} ${"p5".padStart(12)} ${"p25".padStart(12)} ${"median".padStart(12)} ${"p75".padStart(12)} ${"p95".padStart(12)}`,
  ];
  const every = niceStep(r.bets / 10);
  let shown = r.bands.filter((b, i) => b.step % every === 0 || i === r.bands.length - 1);
  if (shown.length > 25) shown = shown.filter((_, i) => i % Math.ceil(shown.length / 12) === 0 || i === shown.length - 1);
  for (const b of shown) {
    lines.push(`${String(b.step).padStart(8)} ${[b.p5, b.p25, b.p50, b.p75, b.p95].map((v) => money(v).padStart(12)).join(" ")}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * `backtest --montecarlo`: resamples the run's closed trades (returns on capital committed,
 * pnl_pct) with the engine's own sizing — equity × leverage × risk_per_trade_pct, capped at
 * max_position_pct — for as many bets as the run had trades; 10,000 paths, seed 42.
 * Returns null when the run closed no trade.
 */
export function monteCarloForBacktest(r: BacktestResult): { result: MonteCarloResult; text: string } | null {
  if (r.trades.length === 0) return null;
  const s = r.settings;
  const fraction = Math.min(s.riskPerTradePct * s.leverage, s.maxPositionPct);
  const sizing: Sizing = { kind: "fraction", fraction };
  const returns = Float64Array.from(r.trades, (t) => t.pnlPct);
  const result = monteCarlo({ kind: "empirical", returns }, sizing, { simulations: 10_000, bets: r.trades.length, bankroll: s.capital, seed: 42 });
  const label = `${r.trades.length} closed trades of this run, resampled (returns on capital committed; sizing as the engine's)`;
  return { result, text: "Monte Carlo\n" + formatMonteCarlo(result, label, sizing) };
}
