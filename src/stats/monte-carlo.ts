/**
 * Seeded Monte Carlo of bankroll paths.
 *
 * Outcome model: each bet returns r per unit staked, drawn either from a binary bet (win with
 * probability p at price c, fees per break-even.ts) or uniformly from an empirical list (e.g.
 * the PnL/notional of a backtest's trades). Sizing per bet: fixed amount (capped by equity),
 * a fraction of current equity, or Kelly × multiplier (optionally capped). A path is ruined
 * when equity ≤ ruinFraction × initial bankroll and then stops betting (as in the reference);
 * equity never goes below 0. Outputs: P(ruin) (path touched the ruin level), P(profit)
 * (final > initial), P(double) (final ≥ 2 × initial), final-equity distribution, per-path max
 * drawdown, and percentile bands of equity after each bet (≤ 200 checkpoints).
 * Float arithmetic: this is a statistical simulation, not booking.
 */
import { SeededRng } from "../core/index.ts";
import type { FeeSpec } from "./break-even.ts";
import { percentileSorted, sortedCopy } from "./descriptive.ts";
import { binaryOutcomes, kellyFraction } from "./kelly.ts";
import { checkInt, checkRange } from "./validate.ts";

export type OutcomeModel =
  | { readonly kind: "binary"; readonly winProb: number; readonly price: number; readonly fee?: FeeSpec }
  | { readonly kind: "empirical"; readonly returns: ArrayLike<number> };

export type Sizing =
  | { readonly kind: "fixed"; readonly amount: number }
  | { readonly kind: "fraction"; readonly fraction: number }
  | { readonly kind: "kelly"; readonly multiplier: number; readonly cap?: number };

export interface MonteCarloOptions {
  readonly simulations?: number;
  readonly bets?: number;
  readonly bankroll?: number;
  /** Ruin when equity ≤ ruinFraction × bankroll (default 0.1). */
  readonly ruinFraction?: number;
  readonly seed?: number;
}

export const BAND_LEVELS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export interface MonteCarloResult {
  readonly simulations: number;
  readonly bets: number;
  readonly bankroll: number;
  readonly ruinLevel: number;
  readonly seed: number;
  /** Full Kelly fraction of the outcome model (before multiplier/cap). */
  readonly kellyFull: number;
  /** Fraction of equity staked per bet for fraction/kelly sizing; null for fixed. */
  readonly stakeFraction: number | null;
  readonly probRuin: number;
  readonly probProfit: number;
  readonly probDouble: number;
  readonly final: { readonly mean: number; readonly median: number; readonly percentiles: Readonly<Record<string, number>> };
  readonly maxDrawdown: { readonly median: number; readonly p95: number };
  /** Equity percentile bands after `step` bets (step 0 = start). */
  readonly bands: readonly { readonly step: number; readonly p5: number; readonly p25: number; readonly p50: number; readonly p75: number; readonly p95: number }[];
  readonly favourable: boolean;
}

/** Smallest of 1, 2, 5 × 10^k that is ≥ x (at least 1): round checkpoint spacing. */
export function niceStep(x: number): number {
  if (!(x > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

function outcomeTable(model: OutcomeModel): { values: Float64Array; weights: Float64Array | null; cdf: number } {
  if (model.kind === "binary") {
    checkRange("monteCarlo", "winProb", model.winProb, 0, 1, false);
    const { win, loss } = binaryOutcomes(model.price, model.fee);
    return { values: Float64Array.of(win, loss), weights: Float64Array.of(model.winProb, 1 - model.winProb), cdf: model.winProb };
  }
  checkInt("monteCarlo", "number of empirical returns", model.returns.length, 1);
  for (let i = 0; i < model.returns.length; i++) {
    if (!Number.isFinite(model.returns[i]!)) throw new RangeError(`monteCarlo: empirical return #${i + 1} is not finite`);
  }
  return { values: Float64Array.from(model.returns as ArrayLike<number>), weights: null, cdf: 0 };
}

export function monteCarlo(model: OutcomeModel, sizing: Sizing, opts: MonteCarloOptions = {}): MonteCarloResult {
  const fn = "monteCarlo";
  const sims = opts.simulations ?? 10_000;
  const bets = opts.bets ?? 100;
  const bankroll = opts.bankroll ?? 10_000;
  const ruinFraction = opts.ruinFraction ?? 0.1;
  const seed = opts.seed ?? 42;
  checkInt(fn, "simulations", sims, 1, 10_000_000);
  checkInt(fn, "bets", bets, 1, 10_000_000);
  checkRange(fn, "bankroll", bankroll, 0, Infinity);
  checkRange(fn, "ruinFraction", ruinFraction, 0, 1, false);
  if (sims * bets > 2e9) throw new RangeError(`${fn}: simulations × bets = ${sims * bets} is too large (max 2e9)`);
  const table = outcomeTable(model);
  const kellyFull = kellyFraction(table.values, table.weights ?? undefined, Infinity);
  let stakeFraction: number | null = null;
  if (sizing.kind === "fixed") checkRange(fn, "stake amount", sizing.amount, 0, Infinity);
  else if (sizing.kind === "fraction") {
    checkRange(fn, "fraction", sizing.fraction, 0, 1, false);
    stakeFraction = sizing.fraction;
  } else {
    checkRange(fn, "kelly multiplier", sizing.multiplier, 0, 10, false);
    stakeFraction = Math.min(kellyFull * sizing.multiplier, sizing.cap ?? 1);
  }
  const ruinLevel = ruinFraction * bankroll;
  const stride = niceStep(bets / 200);
  const checkpoints: number[] = [];
  for (let s = 0; s <= bets; s += stride) checkpoints.push(s);
  if (checkpoints[checkpoints.length - 1] !== bets) checkpoints.push(bets);
  const nc = checkpoints.length;
  const atStep = new Float64Array(sims * nc);
  const finals = new Float64Array(sims);
  const mdds = new Float64Array(sims);
  const rng = new SeededRng(seed);
  const vals = table.values;
  const nv = vals.length;
  let ruined = 0;
  for (let s = 0; s < sims; s++) {
    let eq = bankroll;
    let peak = bankroll;
    let mdd = 0;
    let isRuined = eq <= ruinLevel;
    let ci = 0;
    atStep[s * nc + ci++] = eq;
    for (let b = 1; b <= bets; b++) {
      if (!isRuined) {
        const u = rng.next();
        const r = table.weights ? (u < table.cdf ? vals[0]! : vals[1]!) : vals[Math.floor(u * nv)]!;
        const stake = stakeFraction === null ? Math.min((sizing as { amount: number }).amount, eq) : stakeFraction * eq;
        eq = Math.max(0, eq + stake * r);
        if (eq > peak) peak = eq;
        else if (peak > 0 && (peak - eq) / peak > mdd) mdd = (peak - eq) / peak;
        if (eq <= ruinLevel) isRuined = true;
      }
      if (ci < nc && checkpoints[ci] === b) atStep[s * nc + ci++] = eq;
    }
    if (isRuined) ruined++;
    finals[s] = eq;
    mdds[s] = mdd;
  }
  let profit = 0;
  let dbl = 0;
  let sum = 0;
  for (let s = 0; s < sims; s++) {
    const f = finals[s]!;
    if (f > bankroll) profit++;
    if (f >= 2 * bankroll) dbl++;
    sum += f;
  }
  const fs = sortedCopy(finals);
  const pct: Record<string, number> = {};
  for (const q of [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95]) pct[`p${Math.round(q * 100)}`] = percentileSorted(fs, q);
  const ms = sortedCopy(mdds);
  const col = new Float64Array(sims);
  const bands = checkpoints.map((step, c) => {
    for (let s = 0; s < sims; s++) col[s] = atStep[s * nc + c]!;
    col.sort();
    const [p5, p25, p50, p75, p95] = BAND_LEVELS.map((q) => percentileSorted(col, q)) as [number, number, number, number, number];
    return { step, p5, p25, p50, p75, p95 };
  });
  const probRuin = ruined / sims;
  const probProfit = profit / sims;
  return {
    simulations: sims,
    bets,
    bankroll,
    ruinLevel,
    seed,
    kellyFull,
    stakeFraction,
    probRuin,
    probProfit,
    probDouble: dbl / sims,
    final: { mean: sum / sims, median: pct.p50!, percentiles: pct },
    maxDrawdown: { median: percentileSorted(ms, 0.5), p95: percentileSorted(ms, 0.95) },
    bands,
    favourable: probProfit > 0.5 && probRuin < 0.1,
  };
}
