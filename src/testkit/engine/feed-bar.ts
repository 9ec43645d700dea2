/**
 * Hand-feeding an engine one bar of a series, as the backtest driver does: row t is copied into a
 * reused MutableBar (tsInit = open time + interval, i.e. the bar's close), the clock advances to
 * tsInit, then processBar. The caller sets the bar's instrumentId and intervalMs once.
 */
import type { HistoricalClock } from "../../core/index.ts";
import type { BarSeries } from "../../engine/bar-series.ts";
import type { MutableBar } from "../../engine/bar-view.ts";
import type { TradingEngine } from "../../engine/engine.ts";

export function feedBar(engine: TradingEngine, clock: HistoricalClock, bar: MutableBar, s: BarSeries, t: number): void {
  bar.index = t;
  bar.tsEvent = s.tsEvent[t]!;
  bar.tsInit = bar.tsEvent + s.intervalMs;
  bar.open = s.open[t]!;
  bar.high = s.high[t]!;
  bar.low = s.low[t]!;
  bar.close = s.close[t]!;
  bar.volume = s.volume[t]!;
  clock.advance(bar.tsInit);
  engine.processBar(bar);
}
