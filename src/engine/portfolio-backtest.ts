/**
 * Several instruments, one portfolio: each feed's bars (with its own strategy) are merged by bar
 * close time (ties: feed order) and pushed through one NumericRing into one TradingEngine, so
 * all strategies share cash and equity. The equity curve has one point per distinct close time,
 * taken after every bar closing then has been processed (marks of the other instruments are their
 * latest closes). Metrics annualise by the shortest feed interval; buy & hold is the equal-weight
 * average of the instruments' buy & hold returns. Per-bar semantics are those of runBacktest.
 */
import { DataError, HistoricalClock, type FillEvent, type Instrument } from "../core/index.ts";
import { NumericRing } from "../bus/index.ts";
import { teeListeners } from "./audit-bus.ts";
import type { BarSeries } from "./bar-series.ts";
import { MutableBar } from "./bar-view.ts";
import { TradingEngine } from "./engine.ts";
import { toNumber } from "./exact.ts";
import { FeeModel } from "./fees.ts";
import { computeMetrics, type BacktestMetrics } from "./metrics.ts";
import type { EngineListener } from "./ports.ts";
import { SizingRiskManager } from "./risk.ts";
import { resolveSettings, type EngineSettings } from "./settings.ts";
import { SimulatedVenue } from "./sim-venue.ts";
import type { Strategy } from "./strategy.ts";
import type { TradeRecord } from "./trade-ledger.ts";

export interface PortfolioFeed {
  readonly series: BarSeries;
  /** Instrument ids must be 0..n-1 in feed order. */
  readonly instrument: Instrument;
  readonly strategy: Strategy;
}

export interface PortfolioBacktestResult {
  readonly settings: EngineSettings;
  readonly bars: number;
  /** Close time of each equity point, and the equity after all bars closing then. */
  readonly closeTime: Float64Array;
  readonly equity: Float64Array;
  readonly fills: readonly FillEvent[];
  readonly trades: readonly TradeRecord[];
  readonly metrics: BacktestMetrics;
  readonly perInstrument: readonly { symbol: string; bars: number; trades: number; buyHoldReturn: number }[];
}

export function runPortfolioBacktest(
  feeds: readonly PortfolioFeed[],
  settings: Partial<EngineSettings> = {},
  opts: { listener?: EngineListener; ringCapacity?: number } = {},
): PortfolioBacktestResult {
  const s = resolveSettings(settings);
  feeds.forEach((f, k) => {
    if (f.instrument.id !== k) throw new DataError(`feed ${k} (${f.instrument.symbol}) must use instrument id ${k}`, { code: "FEED_INVALID" });
    if (f.series.length === 0) throw new DataError("no bars to backtest", { file: f.series.source, code: "DATA_EMPTY" });
  });
  const fills: FillEvent[] = [];
  const clock = new HistoricalClock();
  const engine = new TradingEngine({
    feeds: feeds.map((f) => ({ instrument: f.instrument, strategy: f.strategy })),
    venue: new SimulatedVenue(new FeeModel(s.feeRate), s.slippageBps),
    risk: new SizingRiskManager(s),
    clock,
    capital: s.capital,
    seed: s.seed,
    listener: teeListeners({ onFill: (f) => void fills.push(f) }, opts.listener ?? {}),
  });
  const total = feeds.reduce((a, f) => a + f.series.length, 0);
  const closeTime = new Float64Array(total);
  const equity = new Float64Array(total);
  const ring = new NumericRing(opts.ringCapacity ?? 4096, 8, "reject");
  const d = ring.data;
  const next = feeds.map(() => 0);
  const bars = feeds.map((f) => {
    const b = new MutableBar();
    b.instrumentId = f.instrument.id;
    b.intervalMs = f.series.intervalMs;
    return b;
  });
  const positions = feeds.map((f) => engine.portfolio.position(f.instrument.id));
  let produced = 0;
  let points = 0;
  let open = false; // bars processed since the last recorded point
  let inPosition = 0;
  let lastClose = Number.NaN;
  const flush = (): void => {
    // Consumer: all queued bars, recording equity whenever the close time moves on.
    for (let at = ring.peek(); at >= 0; at = ring.peek()) {
      const k = d[at + 6]!;
      const bar = bars[k]!;
      bar.tsEvent = d[at]!;
      bar.open = d[at + 1]!;
      bar.high = d[at + 2]!;
      bar.low = d[at + 3]!;
      bar.close = d[at + 4]!;
      bar.volume = d[at + 5]!;
      bar.index = d[at + 7]!;
      ring.release();
      const ct = bar.tsEvent + bar.intervalMs;
      if (open && ct !== lastClose) record();
      lastClose = ct;
      open = true;
      bar.tsInit = ct;
      clock.advance(ct);
      engine.processBar(bar);
    }
  };
  const record = (): void => {
    closeTime[points] = lastClose;
    equity[points] = engine.portfolio.equityF();
    for (let j = 0; j < positions.length; j++) {
      if (positions[j]!.qtyF !== 0) {
        inPosition++;
        break;
      }
    }
    points++;
    open = false;
  };
  while (produced < total) {
    // Producer: the feed whose next bar closes first (ties: lowest feed index).
    let k = -1;
    let best = Infinity;
    for (let j = 0; j < feeds.length; j++) {
      const i = next[j]!;
      const fs = feeds[j]!.series;
      if (i < fs.length) {
        const ct = fs.tsEvent[i]! + fs.intervalMs;
        if (ct < best) {
          best = ct;
          k = j;
        }
      }
    }
    const at = ring.claim();
    if (at < 0) {
      flush();
      continue;
    }
    const fs = feeds[k]!.series;
    const i = next[k]!;
    d[at] = fs.tsEvent[i]!;
    d[at + 1] = fs.open[i]!;
    d[at + 2] = fs.high[i]!;
    d[at + 3] = fs.low[i]!;
    d[at + 4] = fs.close[i]!;
    d[at + 5] = fs.volume[i]!;
    d[at + 6] = k;
    d[at + 7] = i;
    ring.commit();
    next[k] = i + 1;
    produced++;
  }
  flush();
  if (open) record();
  const n = points;
  const minInterval = Math.min(...feeds.map((f) => f.series.intervalMs));
  const eq = equity.subarray(0, n);
  const ct = closeTime.subarray(0, n);
  const openTimes = Float64Array.from(ct, (t) => t - minInterval);
  const perInstrument = feeds.map((f) => {
    const c = f.series.close;
    return {
      symbol: f.instrument.symbol,
      bars: f.series.length,
      trades: engine.portfolio.trades.filter((t) => t.instrumentId === f.instrument.id).length,
      buyHoldReturn: c[c.length - 1]! / c[0]! - 1,
    };
  });
  const bh = perInstrument.reduce((a, p) => a + p.buyHoldReturn, 0) / feeds.length;
  const metrics = computeMetrics({
    equity: eq,
    tsEvent: openTimes,
    intervalMs: minInterval,
    capital: s.capital,
    trades: engine.portfolio.trades,
    feesPaid: toNumber(engine.portfolio.feesPaid),
    barsInPosition: inPosition,
    firstClose: 1,
    lastClose: 1 + bh,
  });
  return { settings: s, bars: total, closeTime: ct, equity: eq, fills, trades: engine.portfolio.trades, metrics, perInstrument };
}
