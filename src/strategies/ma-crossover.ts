/**
 * `ma_crossover` — simple moving-average crossover of closes (reference §6.1).
 *
 * Once the slow window is full: fast SMA > slow SMA → long, fast < slow → short, equal → nothing.
 * A signal is emitted only when the direction differs from the last one emitted, so the first
 * full-window bar emits immediately. Never exits: the engine flips the position on the opposite
 * signal. Means are compared exactly on grid units (indicators/units.ts).
 */
import { z } from "zod";
import type { Bar } from "../core/index.ts";
import { defineStrategy, type SignalIntent, type Strategy, type StrategyContext } from "../engine/strategy.ts";
import { RollingSum } from "./indicators/rolling-sum.ts";
import { compareMeans, unitScale } from "./indicators/units.ts";

export const maCrossoverParams = z
  .object({
    fast: z.number().int().min(1).max(100_000).default(10).describe("fast SMA window, bars"),
    slow: z.number().int().min(2).max(100_000).default(30).describe("slow SMA window, bars (> fast)"),
  })
  .strict();

export type MaCrossoverParams = z.infer<typeof maCrossoverParams>;

class MaCrossover implements Strategy {
  readonly name = "ma_crossover";
  readonly warmup: number;
  private readonly fast: RollingSum;
  private readonly slow: RollingSum;
  private scale = 0;
  private last = 0;

  constructor(p: MaCrossoverParams) {
    this.fast = new RollingSum(p.fast);
    this.slow = new RollingSum(p.slow);
    this.warmup = p.slow;
  }

  onBar(bar: Bar, ctx: StrategyContext): SignalIntent {
    if (this.scale === 0) this.scale = unitScale(ctx.instrument.priceDecimals);
    const u = Math.round(bar.close * this.scale);
    const f = this.fast;
    const s = this.slow;
    f.push(u);
    s.push(u);
    if (!s.full) return null;
    const cmp = compareMeans(f.sum, f.n, s.sum, s.n);
    if (cmp === 0 || cmp === this.last) return null;
    this.last = cmp;
    return cmp > 0 ? "long" : "short";
  }
}

export const maCrossover = defineStrategy({
  name: "ma_crossover",
  description: "SMA crossover of closes: long while fast SMA > slow SMA, short while below; signals on change only",
  params: maCrossoverParams,
  validate: (p) => (p.slow > p.fast ? null : `param 'slow' (${p.slow}) must be greater than 'fast' (${p.fast})`),
  warmup: (p) => p.slow,
  create: (p) => new MaCrossover(p),
});
