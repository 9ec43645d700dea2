/**
 * `algo-trade stats`: is a win rate an edge? Prints the win rate, Wilson and Clopper–Pearson
 * intervals, the exact binomial p-value against p0 or the break-even rate of a binary bet, and
 * a plain-language verdict. Pure arithmetic on the flags: no files, no network.
 */
import type { Command, CommandContext, ParsedArgs } from "../../cli/command.ts";
import { num, str, flag } from "../../cli/parse-args.ts";
import { UsageError } from "../../core/index.ts";
import type { Alternative, FeeModel, FeeSpec, WinRateAnalysis } from "../../stats/index.ts";
import { ALTERNATIVES, FEE_MODELS, analyzeWinRate, fmtP, statisticsRows, tradeStatistics } from "../../stats/index.ts";
import { readTradeList } from "../walk-forward/trades-file.ts";

const NAME = "stats";

/** Parses --price/--fee-rate/--fee-model/--fee-exponent (shared with `montecarlo`). */
export function parseFeeFlags(args: ParsedArgs, cmd: string): FeeSpec | undefined {
  const rate = num(args, "fee-rate", cmd, { min: 0, max: 1 });
  const modelRaw = str(args, "fee-model");
  const exponent = num(args, "fee-exponent", cmd, { min: 0, max: 10 });
  if (modelRaw !== undefined && !(FEE_MODELS as readonly string[]).includes(modelRaw)) {
    throw new UsageError(`${cmd}: --fee-model must be one of ${FEE_MODELS.join("|")}, got "${modelRaw}"`, { flag: "fee-model" });
  }
  if (rate === undefined && modelRaw === undefined) return undefined;
  const model = (modelRaw ?? "stake") as FeeModel;
  return { model, rate: rate ?? 0, ...(exponent !== undefined ? { exponent } : {}) };
}

export function parseAlternative(args: ParsedArgs, cmd: string): Alternative {
  const a = str(args, "alternative") ?? "two-sided";
  if (!(ALTERNATIVES as readonly string[]).includes(a)) {
    throw new UsageError(`${cmd}: --alternative must be one of ${ALTERNATIVES.join("|")}, got "${a}"`, { flag: "alternative" });
  }
  return a as Alternative;
}

/** --confidence (default 0.95), strictly inside (0, 1). */
function confidenceFlag(args: ParsedArgs): number {
  const confidence = num(args, "confidence", NAME) ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new UsageError(`${NAME}: --confidence must be in (0, 1), got ${confidence}`, { flag: "confidence" });
  return confidence;
}

/** "label  value" lines with the values in one column, newline-terminated. */
function alignedRows(rows: readonly (readonly [string, string])[]): string {
  const w = Math.max(...rows.map((r) => r[0].length)) + 2;
  return rows.map(([k, v]) => `${k.padEnd(w)}${v}`).join("\n") + "\n";
}

export const statsCommand: Command = {
  name: NAME,
  summary: "Win-rate significance: Wilson/Clopper–Pearson CIs, exact binomial test, break-even verdict",
  usage: "stats (--wins N --trades N | --trade-file FILE) [--p0 0.5 | --price C [--fee-rate F] [--fee-model M]] [--confidence 0.95] [--alternative two-sided|greater|less] [--json]",
  options: {
    wins: { type: "string", description: "Number of winning trades", value: "N" },
    trades: { type: "string", description: "Number of trades (wins + losses; exclude pushes)", value: "N" },
    p0: { type: "string", description: "Null win rate to test against (ignored with --price)", value: "P", default: "0.5" },
    price: { type: "string", description: "Binary bet price in (0,1): test against its break-even win rate", value: "C" },
    "fee-rate": { type: "string", description: "Fee rate used for the break-even rate", value: "F", default: "0" },
    "fee-model": { type: "string", description: `Fee model: ${FEE_MODELS.join("|")}`, value: "M", default: "stake" },
    "fee-exponent": { type: "string", description: "Exponent of the polymarket fee curve", value: "E", default: "1" },
    confidence: { type: "string", description: "Confidence level of the intervals and verdict", value: "X", default: "0.95" },
    alternative: { type: "string", description: "two-sided | greater | less", value: "H", default: "two-sided" },
    "trade-file": { type: "string", description: "Trade list (CSV/JSON with a pnl column): win-rate tests + bootstrap CIs", value: "FILE" },
    capital: { type: "string", description: "With --trade-file: capital before the first trade (for returns)", value: "X", default: "backtest.capital" },
    resamples: { type: "string", description: "With --trade-file: bootstrap resamples", value: "N", default: "10000" },
    seed: { type: "string", description: "With --trade-file: bootstrap seed", value: "N", default: "42" },
    json: { type: "boolean", description: "Print the result as JSON" },
  },
  details: [
    "Break-even win rate at price c with fee rate f:",
    "  none c · stake c(1+f) · profit c+f(1−c) · winnings c/(c+(1−f)(1−c)) · polymarket c+f·(c(1−c))^e",
    "",
    "Examples:",
    "  algo-trade stats --wins 55 --trades 100",
    "  algo-trade stats --wins 540 --trades 1000 --price 0.52 --fee-rate 0.02 --alternative greater",
    "  algo-trade stats --trade-file trades.csv --capital 10000",
  ].join("\n"),
  async run(args, ctx) {
    if (str(args, "trade-file") !== undefined) return runTradeFile(args, ctx);
    const trades = num(args, "trades", NAME, { min: 0, integer: true });
    const wins = num(args, "wins", NAME, { min: 0, integer: true });
    if (trades === undefined) throw new UsageError(`${NAME}: missing required flag --trades`, { flag: "trades" });
    if (wins === undefined) throw new UsageError(`${NAME}: missing required flag --wins`, { flag: "wins" });
    if (wins > trades) throw new UsageError(`${NAME}: --wins (${wins}) cannot exceed --trades (${trades})`, { flag: "wins" });
    const p0 = num(args, "p0", NAME);
    const price = num(args, "price", NAME);
    if (p0 !== undefined && !(p0 > 0 && p0 < 1)) throw new UsageError(`${NAME}: --p0 must be in (0, 1), got ${p0}`, { flag: "p0" });
    if (price !== undefined && !(price > 0 && price < 1)) throw new UsageError(`${NAME}: --price must be in (0, 1), got ${price}`, { flag: "price" });
    if (p0 !== undefined && price !== undefined) throw new UsageError(`${NAME}: give either --p0 or --price, not both`, { flag: "p0" });
    const fee = parseFeeFlags(args, NAME);
    if (fee && price === undefined) throw new UsageError(`${NAME}: --fee-rate/--fee-model need --price`, { flag: "fee-rate" });
    const confidence = confidenceFlag(args);
    const alternative = parseAlternative(args, NAME);
    const a = analyzeWinRate({ wins, trades, confidence, alternative, ...(p0 !== undefined ? { p0 } : {}), ...(price !== undefined ? { price } : {}), ...(fee ? { fee } : {}) });
    if (flag(args, "json")) {
      ctx.stdout.write(JSON.stringify({ ...a, price: price ?? null, fee: fee ?? null }, null, 2) + "\n");
    } else {
      ctx.stdout.write(formatWinRateAnalysis(a, price, fee));
    }
    return 0;
  },
};

export function formatWinRateAnalysis(a: WinRateAnalysis, price?: number, fee?: FeeSpec): string {
  const lvl = `${Number((a.confidence * 100).toFixed(2))}%`;
  const iv = (i: { lower: number; upper: number }): string => `[${i.lower.toFixed(4)}, ${i.upper.toFixed(4)}]`;
  const feeText = fee ? `, fee ${fee.model} ${fee.rate}${fee.model === "polymarket" ? ` ^${fee.exponent ?? 1}` : ""}` : "";
  const rows: [string, string][] = [
    ["Win rate", `${a.wins} / ${a.trades} = ${a.winRate.toFixed(4)}`],
    ["Null rate", a.breakEven !== null ? `break-even ${a.breakEven.toFixed(4)} (price ${price}${feeText})` : `p0 ${a.nullRate}`],
    [`${lvl} Wilson`, iv(a.wilson)],
    [`${lvl} Clopper–Pearson`, iv(a.clopperPearson)],
    ["p-value", a.test ? `${fmtP(a.test.pValue)} (exact binomial, ${a.alternative}, H0: p = ${a.nullRate.toFixed(4)})` : "n/a"],
  ];
  if (a.nullRate !== 0.5 && a.testVsHalf) rows.push(["p-value vs 0.5", fmtP(a.testVsHalf.pValue)]);
  rows.push(["Verdict", a.verdict.text]);
  return alignedRows(rows);
}

/** `stats --trade-file`: the backtest statistics section for any trade list. */
async function runTradeFile(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  for (const f of ["wins", "trades", "p0", "price", "fee-rate", "fee-model"]) {
    if (args.values[f] !== undefined) throw new UsageError(`${NAME}: --${f} cannot be combined with --trade-file`, { flag: f });
  }
  const file = str(args, "trade-file")!;
  const capital = num(args, "capital", NAME, { min: 0 }) ?? ctx.config.backtest.capital;
  if (!(capital > 0)) throw new UsageError(`${NAME}: --capital must be > 0`, { flag: "capital" });
  const resamples = num(args, "resamples", NAME, { min: 10, max: 10_000_000, integer: true }) ?? 10_000;
  const seed = num(args, "seed", NAME, { integer: true }) ?? 42;
  const confidence = confidenceFlag(args);
  const alternative = parseAlternative(args, NAME);
  const list = readTradeList(file);
  const trades = Array.from(list.pnl, (pnl) => ({ pnl }));
  const ts = tradeStatistics(trades, { initialCapital: capital, confidence, resamples, seed });
  const decided = ts.wins + ts.losses;
  const a = analyzeWinRate({ wins: ts.wins, trades: decided, confidence, alternative, ...(ts.breakEven !== null ? { breakEven: ts.breakEven } : {}) });
  if (flag(args, "json")) {
    ctx.stdout.write(JSON.stringify({ file, capital, statistics: ts, winRate: a }, null, 2) + "\n");
    return 0;
  }
  const rows = statisticsRows(ts);
  rows.push(["Verdict", a.verdict.text]);
  ctx.stdout.write(`Trades from ${file} (capital ${capital}; break-even = |avg loss| / (avg win + |avg loss|))\n`);
  ctx.stdout.write(alignedRows(rows));
  return 0;
}
