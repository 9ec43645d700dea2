/**
 * `quad_ma` — four-MA crossover with trend, volume, TP/SL and reversal confirmation
 * (reference §6.2; parameters in real units: take_profit 0.02 = 2 %).
 *
 * Per bar (all MAs are SMAs of closes including this bar; volume average = SMA of the last ma4
 * volumes including this bar):
 *  1. Until the trend window is full: nothing. The first full bar only records the trend MA and
 *     the ma1/ma2 values (for slope and crossover) and emits nothing.
 *  2. In a position: profit = (close − entry)/entry for long, (entry − close)/entry for short;
 *     profit ≥ take_profit or ≤ −stop_loss → "exit" (flat, pending reversal dropped), done.
 *  3. Bullish crossover: prev ma1 ≤ prev ma2 and ma1 > ma2; bearish: prev ma1 > prev ma2 and
 *     ma1 ≤ ma2.
 *  4. Long setup = bullish crossover ∧ ma1, ma2 both > ma3 and ma4 ∧ trend slope > 0 ∧ close >
 *     trend MA ∧ (volume > avg·volume_factor, if volume_filter). Short setup mirrors it.
 *  5. Flat + setup → enter at once. Same-direction setup → nothing.
 *  6. Opposite setup while positioned starts a pending reversal; it counts every consecutive
 *     bar (the setup bar included) on which the reversal's alignment still holds (MA order,
 *     slope sign, close vs trend — crossover and volume are one-bar triggers and are not
 *     re-required); at `reversal_confirmation_bars` it flips, if alignment breaks it is dropped.
 *  7. Entry price = close of the signal bar.
 * Fixes vs the seed (documented in docs/readme/data-and-strategies.md): the seed re-required a
 * crossover on every confirmation bar, so a reversal could never confirm; it skipped updating
 * the previous MAs on exit bars; and it wrote a debug log file.
 */
import { z } from "zod";
import type { Bar } from "../core/index.ts";
import { defineStrategy, type SignalIntent, type Strategy, type StrategyContext } from "../engine/strategy.ts";
import { RollingSum } from "./indicators/rolling-sum.ts";
import { compareMeans, unitScale } from "./indicators/units.ts";

const win = (d: number, what: string) => z.number().int().min(1).max(100_000).default(d).describe(what);

export const quadMaParams = z
  .object({
    ma1: win(5, "short MA 1 window, bars"),
    ma2: win(10, "short MA 2 window, bars (> ma1)"),
    ma3: win(20, "long MA 1 window, bars (> ma2)"),
    ma4: win(50, "long MA 2 window and volume-average window, bars (> ma3)"),
    trend_period: win(100, "trend MA window, bars (≥ ma4)"),
    volume_filter: z.boolean().default(true).describe("require volume > average × volume_factor on entries"),
    volume_factor: z.number().positive().max(100).default(1.5).describe("volume filter multiple of the ma4-bar average volume"),
    take_profit: z.number().positive().max(10).default(0.02).describe("exit when profit ≥ this fraction of the entry price"),
    stop_loss: z.number().positive().lt(1).default(0.01).describe("exit when loss ≥ this fraction of the entry price"),
    reversal_confirmation_bars: z.number().int().min(1).max(1000).default(3).describe("bars a reversal must stay aligned before flipping"),
  })
  .strict();

export type QuadMaParams = z.infer<typeof quadMaParams>;

class QuadMa implements Strategy {
  readonly name = "quad_ma";
  readonly warmup: number;
  private readonly w1: RollingSum;
  private readonly w2: RollingSum;
  private readonly w3: RollingSum;
  private readonly w4: RollingSum;
  private readonly wt: RollingSum;
  private readonly wv: RollingSum;
  private priceScale = 0;
  private sizeScale = 0;
  private primed = false;
  private prev1 = 0;
  private prev2 = 0;
  private prevTrend = 0;
  /** +1 long, −1 short, 0 flat. */
  private state = 0;
  private entry = 0;
  private pending = 0;
  private pendingBars = 0;

  constructor(private readonly p: QuadMaParams) {
    this.w1 = new RollingSum(p.ma1);
    this.w2 = new RollingSum(p.ma2);
    this.w3 = new RollingSum(p.ma3);
    this.w4 = new RollingSum(p.ma4);
    this.wt = new RollingSum(p.trend_period);
    this.wv = new RollingSum(p.ma4);
    this.warmup = p.trend_period + 1;
  }

  /** +1 when the bullish structure holds, −1 when the bearish one holds, else 0. */
  private alignment(closeUnits: number, slope: number): number {
    const { w1, w2, w3, w4, wt } = this;
    const a13 = compareMeans(w1.sum, w1.n, w3.sum, w3.n);
    const a14 = compareMeans(w1.sum, w1.n, w4.sum, w4.n);
    const a23 = compareMeans(w2.sum, w2.n, w3.sum, w3.n);
    const a24 = compareMeans(w2.sum, w2.n, w4.sum, w4.n);
    const vsTrend = compareMeans(closeUnits, 1, wt.sum, wt.n);
    if (a13 > 0 && a14 > 0 && a23 > 0 && a24 > 0 && slope > 0 && vsTrend > 0) return 1;
    if (a13 < 0 && a14 < 0 && a23 < 0 && a24 < 0 && slope < 0 && vsTrend < 0) return -1;
    return 0;
  }

  onBar(bar: Bar, ctx: StrategyContext): SignalIntent {
    if (this.priceScale === 0) {
      this.priceScale = unitScale(ctx.instrument.priceDecimals);
      this.sizeScale = unitScale(ctx.instrument.sizeDecimals);
    }
    const p = this.p;
    const cu = Math.round(bar.close * this.priceScale);
    const vu = Math.round(bar.volume * this.sizeScale);
    const { w1, w2, w3, w4, wt, wv } = this;
    w1.push(cu);
    w2.push(cu);
    w3.push(cu);
    w4.push(cu);
    wt.push(cu);
    wv.push(vu);
    if (!wt.full) return null;
    const prev1 = this.prev1;
    const prev2 = this.prev2;
    const prevTrend = this.prevTrend;
    this.prev1 = w1.sum;
    this.prev2 = w2.sum;
    this.prevTrend = wt.sum;
    if (!this.primed) {
      this.primed = true;
      return null;
    }
    if (this.state !== 0) {
      const profit = this.state > 0 ? (bar.close - this.entry) / this.entry : (this.entry - bar.close) / this.entry;
      if (profit >= p.take_profit || profit <= -p.stop_loss) {
        this.state = 0;
        this.entry = 0;
        this.pending = 0;
        this.pendingBars = 0;
        return "exit";
      }
    }
    const before = compareMeans(prev1, w1.n, prev2, w2.n);
    const now = compareMeans(w1.sum, w1.n, w2.sum, w2.n);
    const cross = before <= 0 && now > 0 ? 1 : before > 0 && now <= 0 ? -1 : 0;
    const slope = wt.sum - prevTrend;
    const aligned = this.alignment(cu, slope);
    let setup = 0;
    if (cross !== 0 && aligned === cross && (!p.volume_filter || vu * wv.n > wv.sum * p.volume_factor)) setup = cross;

    if (this.state !== 0 && setup === -this.state && this.pending !== setup) {
      this.pending = setup;
      this.pendingBars = 0;
    }
    if (this.pending !== 0) {
      if (aligned === this.pending) this.pendingBars++;
      else {
        this.pending = 0;
        this.pendingBars = 0;
        return null;
      }
      if (this.pendingBars < p.reversal_confirmation_bars) return null;
      setup = this.pending;
      this.pending = 0;
      this.pendingBars = 0;
    } else if (this.state !== 0 || setup === 0) return null;
    this.state = setup;
    this.entry = bar.close;
    return setup > 0 ? "long" : "short";
  }
}

export const quadMa = defineStrategy({
  name: "quad_ma",
  description: "Four-MA crossover with trend/volume filters, TP/SL exits and confirmed reversals",
  params: quadMaParams,
  validate: (p) =>
    !(p.ma2 > p.ma1)
      ? `param 'ma2' (${p.ma2}) must be greater than 'ma1' (${p.ma1})`
      : !(p.ma3 > p.ma2)
        ? `param 'ma3' (${p.ma3}) must be greater than 'ma2' (${p.ma2})`
        : !(p.ma4 > p.ma3)
          ? `param 'ma4' (${p.ma4}) must be greater than 'ma3' (${p.ma3})`
          : !(p.trend_period >= p.ma4)
            ? `param 'trend_period' (${p.trend_period}) must be ≥ 'ma4' (${p.ma4})`
            : null,
  warmup: (p) => p.trend_period + 1,
  create: (p) => new QuadMa(p),
});
