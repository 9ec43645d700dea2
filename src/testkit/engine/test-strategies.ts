/**
 * Tiny strategies for engine tests and benches (the real ones live in src/strategies):
 *  - ScriptedStrategy: emits given signals at given bar indices (drives exact scenarios);
 *  - SmaCrossStrategy: SMA(fast) vs SMA(slow) of closes, long when fast > slow, short when
 *    fast < slow, signal only on change (same rule as ma_crossover; O(1) per bar, ring sums).
 */
import type { Bar, SignalDirection } from "../../core/index.ts";
import type { SignalIntent, Strategy, StrategyContext } from "../../engine/strategy.ts";

export class ScriptedStrategy implements Strategy {
  readonly name = "scripted";
  readonly warmup = 0;
  readonly seen: number[] = [];
  constructor(private readonly script: ReadonlyMap<number, SignalDirection>) {}
  onBar(bar: Bar, _ctx: StrategyContext): SignalIntent {
    this.seen.push(bar.index);
    return this.script.get(bar.index) ?? null;
  }
}

export class SmaCrossStrategy implements Strategy {
  readonly name = "sma_cross_test";
  readonly warmup: number;
  private readonly fastBuf: Float64Array;
  private readonly slowBuf: Float64Array;
  private fastSum = 0;
  private slowSum = 0;
  private n = 0;
  private last = 0;

  constructor(
    private readonly fast = 10,
    private readonly slow = 30,
  ) {
    this.warmup = slow;
    this.fastBuf = new Float64Array(fast);
    this.slowBuf = new Float64Array(slow);
  }

  onBar(bar: Bar): SignalIntent {
    const c = bar.close;
    const n = this.n;
    const fi = n % this.fast;
    const si = n % this.slow;
    this.fastSum += c - this.fastBuf[fi]!;
    this.fastBuf[fi] = c;
    this.slowSum += c - this.slowBuf[si]!;
    this.slowBuf[si] = c;
    this.n = n + 1;
    if (this.n < this.slow) return null;
    const d = this.fastSum * this.slow - this.slowSum * this.fast;
    const dir = d > 0 ? 1 : d < 0 ? -1 : 0;
    if (dir === 0 || dir === this.last) return null;
    this.last = dir;
    return dir > 0 ? "long" : "short";
  }
}
