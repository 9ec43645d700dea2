/**
 * One call that answers "is this win rate an edge?": win rate, Wilson and Clopper–Pearson
 * intervals, exact binomial p-values against the null rate (break-even when a price is given,
 * else p0, default 0.5) and against 0.5, and a plain-language verdict.
 *
 * Verdict rule (at confidence 1 − α): an edge is significant only when BOTH the exact test
 * rejects (p < α) AND the Wilson bound clears the null rate; below 100 trades a caution is
 * appended (the reference system required ≥ 100 bets before calling anything significant).
 */
import type { Alternative, BinomialTestResult } from "./binomial-test.ts";
import { binomialTest } from "./binomial-test.ts";
import type { FeeSpec } from "./break-even.ts";
import { breakEvenWinRate } from "./break-even.ts";
import type { Interval } from "./intervals.ts";
import { clopperPearsonInterval, wilsonInterval } from "./intervals.ts";
import { checkInt, checkRange } from "./validate.ts";

export const MIN_TRADES_FOR_CONFIDENCE = 100;

export interface WinRateInput {
  readonly wins: number;
  readonly trades: number;
  readonly confidence?: number;
  readonly alternative?: Alternative;
  /** Null win rate when no price is given (default 0.5). */
  readonly p0?: number;
  /** Binary bet price; when given the null rate is the break-even rate. */
  readonly price?: number;
  /** Explicit break-even win rate (e.g. from a strategy's payoff sizes); overrides price. */
  readonly breakEven?: number;
  readonly fee?: FeeSpec;
}

export type VerdictKind = "positive-edge" | "negative-edge" | "not-significant" | "no-data";

export interface Verdict {
  readonly kind: VerdictKind;
  readonly significant: boolean;
  readonly text: string;
}

export interface WinRateAnalysis {
  readonly wins: number;
  readonly losses: number;
  readonly trades: number;
  readonly winRate: number;
  readonly confidence: number;
  readonly alternative: Alternative;
  readonly wilson: Interval;
  readonly clopperPearson: Interval;
  readonly nullRate: number;
  readonly nullLabel: "break-even" | "p0";
  readonly breakEven: number | null;
  /** Exact binomial test against the null rate. */
  readonly test: BinomialTestResult | null;
  /** Exact binomial test against 0.5 (same as `test` when the null rate is 0.5). */
  readonly testVsHalf: BinomialTestResult | null;
  readonly verdict: Verdict;
}

export function analyzeWinRate(input: WinRateInput): WinRateAnalysis {
  const fn = "analyzeWinRate";
  const confidence = input.confidence ?? 0.95;
  const alternative = input.alternative ?? "two-sided";
  checkInt(fn, "trades", input.trades, 0);
  checkInt(fn, "wins", input.wins, 0, input.trades);
  checkRange(fn, "confidence", confidence, 0, 1);
  if (input.breakEven !== undefined) checkRange(fn, "breakEven", input.breakEven, 0, 1);
  const breakEven = input.breakEven ?? (input.price !== undefined ? breakEvenWinRate(input.price, input.fee) : null);
  const nullRate = breakEven ?? input.p0 ?? 0.5;
  const nullLabel = breakEven !== null ? "break-even" : "p0";
  const { wins, trades } = input;
  const wilson = wilsonInterval(wins, trades, confidence, alternative);
  const clopperPearson = clopperPearsonInterval(wins, trades, confidence, alternative);
  const testable = trades > 0 && nullRate > 0 && nullRate < 1;
  const test = testable ? binomialTest(wins, trades, nullRate, alternative) : null;
  const testVsHalf = trades > 0 ? (nullRate === 0.5 && test ? test : binomialTest(wins, trades, 0.5, alternative)) : null;
  const base = { wins, losses: trades - wins, trades, winRate: trades > 0 ? wins / trades : 0, confidence, alternative };
  const verdict = makeVerdict({ ...base, wilson, nullRate, nullLabel, test });
  return { ...base, wilson, clopperPearson, nullRate, nullLabel, breakEven, test, testVsHalf, verdict };
}

function makeVerdict(a: {
  trades: number;
  confidence: number;
  wilson: Interval;
  nullRate: number;
  nullLabel: string;
  test: BinomialTestResult | null;
}): Verdict {
  const level = `${fmtPct(a.confidence)}`;
  if (a.trades === 0) return { kind: "no-data", significant: false, text: "no trades: nothing to test" };
  const nul = `${a.nullLabel} ${a.nullRate.toFixed(3)}`;
  const lo = `Wilson lower bound ${a.wilson.lower.toFixed(3)}`;
  const hi = `Wilson upper bound ${a.wilson.upper.toFixed(3)}`;
  const alpha = 1 - a.confidence;
  const caution = a.trades < MIN_TRADES_FOR_CONFIDENCE ? `; only ${a.trades} trades (< ${MIN_TRADES_FOR_CONFIDENCE}), treat with caution` : "";
  if (a.nullRate >= 1) {
    return { kind: "negative-edge", significant: false, text: `no edge possible: ${nul} ≥ 1 (fees exceed the payout)` };
  }
  const p = a.test?.pValue ?? 1;
  const ps = `exact binomial p = ${fmtP(p)}`;
  if (a.wilson.lower > a.nullRate && p < alpha) {
    return { kind: "positive-edge", significant: true, text: `edge significant at ${level}: ${lo} > ${nul} (${ps})${caution}` };
  }
  if (a.wilson.upper < a.nullRate && p < alpha) {
    return { kind: "negative-edge", significant: true, text: `negative edge at ${level}: ${hi} < ${nul} (${ps})${caution}` };
  }
  if (a.wilson.lower > a.nullRate) {
    return { kind: "not-significant", significant: false, text: `edge not significant at ${level}: ${ps} ≥ ${fmtP(alpha)} although ${lo} > ${nul}${caution}` };
  }
  return { kind: "not-significant", significant: false, text: `edge not significant at ${level}: ${lo} ${a.wilson.lower < a.nullRate ? "<" : "="} ${nul} (${ps})${caution}` };
}

function fmtPct(x: number): string {
  return `${Number((x * 100).toFixed(2))}%`;
}

/** p-values: 3 significant digits, scientific below 1e-4. */
export function fmtP(p: number): string {
  if (p === 0) return "0";
  if (p < 1e-4) return p.toExponential(2);
  return Number(p.toPrecision(3)).toString();
}
