/**
 * Hot-reload seams: a strategy and a risk manager whose implementation can be replaced between
 * two bars without rebuilding the engine (and so without touching the portfolio or open
 * orders). A replacement strategy is first warmed on the bars the bot has already seen, with
 * its signals discarded, so that it is as warm at the next bar as if it had run all along.
 */
import type { Bar, SignalEvent } from "../core/index.ts";
import type { RiskContext, RiskDecision, RiskManager, SignalIntent, Strategy, StrategyContext } from "../engine/index.ts";

export class SwappableStrategy implements Strategy {
  private ctx: StrategyContext | null = null;

  constructor(private inner: Strategy) {}

  get name(): string {
    return this.inner.name;
  }

  get warmup(): number {
    return this.inner.warmup;
  }

  onBar(bar: Bar, ctx: StrategyContext): SignalIntent {
    this.ctx = ctx;
    return this.inner.onBar(bar, ctx);
  }

  /** Replaces the strategy after feeding it `history` (oldest first) with intents ignored. */
  swap(next: Strategy, history: readonly Bar[]): void {
    const ctx = this.ctx;
    if (ctx !== null) for (const b of history) next.onBar(b, ctx);
    this.inner = next;
  }
}

export class SwappableRisk implements RiskManager {
  constructor(private inner: RiskManager) {}

  evaluate(signal: SignalEvent, ctx: RiskContext): RiskDecision {
    return this.inner.evaluate(signal, ctx);
  }

  swap(next: RiskManager): void {
    this.inner = next;
  }
}
