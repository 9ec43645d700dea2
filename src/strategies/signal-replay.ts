/**
 * Signal-only replay of a strategy over columnar bars: one reused Bar view, a HistoricalClock at
 * each bar's close, and a position that follows the strategy's own signals (long +1, short −1,
 * exit 0; entry price = signal bar close). No orders, fills or money — that is the engine's job
 * (src/engine). Used by strategy tests and benchmarks to check signals bar by bar.
 */
import { HistoricalClock, SeededRng, type Bar, type Instrument, type SignalDirection } from "../core/index.ts";
import type { SignalIntent, Strategy, StrategyContext } from "../engine/strategy.ts";

/** Structural subset of the engine's BarSeries. */
export interface ReplayBars {
  readonly length: number;
  readonly intervalMs: number;
  readonly tsEvent: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

type MutableBar = { -readonly [K in keyof Bar]: Bar[K] };

function directionOf(s: SignalIntent): SignalDirection | null {
  if (s === null || s === undefined) return null;
  return typeof s === "string" ? s : s.direction;
}

/** Runs the strategy over all bars; calls onSignal(index, direction) and returns the signal count. */
export function replaySignals(strategy: Strategy, bars: ReplayBars, instrument: Instrument, onSignal?: (index: number, direction: SignalDirection) => void): number {
  const clock = new HistoricalClock(0);
  let position = 0;
  let entry = 0;
  const ctx: StrategyContext = { clock, instrument, rng: new SeededRng(1), position: () => position, entryPrice: () => entry };
  const bar: MutableBar = { instrumentId: instrument.id, tsEvent: 0, tsInit: 0, intervalMs: bars.intervalMs, open: 0, high: 0, low: 0, close: 0, volume: 0, index: 0 };
  let count = 0;
  for (let i = 0; i < bars.length; i++) {
    const t = bars.tsEvent[i]!;
    bar.tsEvent = t;
    bar.tsInit = t + bars.intervalMs;
    bar.open = bars.open[i]!;
    bar.high = bars.high[i]!;
    bar.low = bars.low[i]!;
    bar.close = bars.close[i]!;
    bar.volume = bars.volume[i]!;
    bar.index = i;
    clock.advance(bar.tsInit);
    const d = directionOf(strategy.onBar(bar, ctx));
    if (d === null) continue;
    count++;
    position = d === "long" ? 1 : d === "short" ? -1 : 0;
    entry = position === 0 ? 0 : bar.close;
    onSignal?.(i, d);
  }
  return count;
}

/** All signals as [barIndex, direction] pairs. */
export function collectSignals(strategy: Strategy, bars: ReplayBars, instrument: Instrument): [number, SignalDirection][] {
  const out: [number, SignalDirection][] = [];
  replaySignals(strategy, bars, instrument, (i, d) => out.push([i, d]));
  return out;
}
