/**
 * `rsi` — Wilder RSI mean-reversion entries with a midline exit (not in the seed; our design).
 *
 * With r = RSI(period) of closes and p its value on the previous bar ("crosses up through X"
 * means p < X ≤ r, "crosses down through X" means p > X ≥ r for entries and p ≥ X > r for the
 * exit):
 *  - long  when r crosses up through `lower` (leaving oversold) and we are not already long;
 *  - short when r crosses down through `upper` (leaving overbought) and not already short;
 *  - exit a long when r crosses down through `exit` (p ≥ exit > r): momentum lost the midline;
 *  - exit a short when r crosses up through `exit` (p ≤ exit < r).
 * Entries take precedence over exits on the same bar; a long→short switch is one "short" signal
 * (the engine flips). The position used is the strategy's own signal state, not fills.
 * First RSI after period + 1 bars; first possible signal on bar period + 2 (warmup).
 */
import { z } from "zod";
import type { Bar } from "../core/index.ts";
import { defineStrategy, type SignalIntent, type Strategy, type StrategyContext } from "../engine/strategy.ts";
import { unitScale } from "./indicators/units.ts";
import { WilderRsi } from "./indicators/wilder-rsi.ts";

export const rsiParams = z
  .object({
    period: z.number().int().min(2).max(10_000).default(14).describe("RSI period, bars (Wilder smoothing)"),
    lower: z.number().gt(0).lt(100).default(30).describe("oversold level: crossing up through it goes long"),
    upper: z.number().gt(0).lt(100).default(70).describe("overbought level: crossing down through it goes short"),
    exit: z.number().gt(0).lt(100).default(50).describe("midline: a long exits crossing down through it, a short crossing up"),
  })
  .strict();

export type RsiParams = z.infer<typeof rsiParams>;

class RsiStrategy implements Strategy {
  readonly name = "rsi";
  readonly warmup: number;
  private readonly rsi: WilderRsi;
  private scale = 0;
  private prev = NaN;
  /** +1 long, −1 short, 0 flat (own signal state). */
  private state = 0;

  constructor(private readonly p: RsiParams) {
    this.rsi = new WilderRsi(p.period);
    this.warmup = p.period + 2;
  }

  onBar(bar: Bar, ctx: StrategyContext): SignalIntent {
    if (this.scale === 0) this.scale = unitScale(ctx.instrument.priceDecimals);
    const r = this.rsi.push(Math.round(bar.close * this.scale));
    const p = this.prev;
    this.prev = r;
    if (p !== p || r !== r) return null;
    const { lower, upper, exit } = this.p;
    if (p < lower && r >= lower && this.state !== 1) {
      this.state = 1;
      return "long";
    }
    if (p > upper && r <= upper && this.state !== -1) {
      this.state = -1;
      return "short";
    }
    if ((this.state === 1 && p >= exit && r < exit) || (this.state === -1 && p <= exit && r > exit)) {
      this.state = 0;
      return "exit";
    }
    return null;
  }
}

export const rsi = defineStrategy({
  name: "rsi",
  description: "Wilder RSI: long leaving oversold, short leaving overbought, exit on crossing back through the midline",
  params: rsiParams,
  validate: (p) =>
    !(p.exit > p.lower)
      ? `param 'exit' (${p.exit}) must be greater than 'lower' (${p.lower})`
      : !(p.upper > p.exit)
        ? `param 'upper' (${p.upper}) must be greater than 'exit' (${p.exit})`
        : null,
  warmup: (p) => p.period + 2,
  create: (p) => new RsiStrategy(p),
});
