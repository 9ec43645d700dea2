/**
 * Backtest driver: feeds a BarSeries through a NumericRing (the bus's allocation-free lane ring,
 * back-pressure "reject": when the ring is full the producer stops and the consumer drains it,
 * so nothing is dropped) into a TradingEngine with a HistoricalClock and the SimulatedVenue.
 *
 * `runBacktest(series, instrument, strategy, settings?, opts?)` is the one-call entry used by the
 * CLI, walk-forward grids, parity tests and benchmarks. `BacktestRun` is the same thing in steps
 * (`step(maxBars)` until it returns false, then `finish()`), so callers can report progress or
 * yield between chunks without the engine touching timers.
 *
 * Semantics: see engine.ts and docs/readme/backtest.md. The last bar's open position is marked
 * at its close, not force-closed; orders still working at the end are reported as pending.
 */
import { DataError, HistoricalClock, type Amount, type FillEvent, type Instrument, type OrderEvent } from "../core/index.ts";
import { NumericRing } from "../bus/index.ts";
import { toNumber } from "./exact.ts";
import type { BarSeries } from "./bar-series.ts";
import { MutableBar } from "./bar-view.ts";
import { teeListeners } from "./audit-bus.ts";
import { TradingEngine } from "./engine.ts";
import { FeeModel } from "./fees.ts";
import { computeMetrics, type BacktestMetrics } from "./metrics.ts";
import type { EngineListener, ExecutionVenue } from "./ports.ts";
import { SizingRiskManager, type RiskManager } from "./risk.ts";
import { resolveSettings, type EngineSettings } from "./settings.ts";
import { SimulatedVenue } from "./sim-venue.ts";
import type { Strategy } from "./strategy.ts";
import type { TradeRecord } from "./trade-ledger.ts";

export interface BacktestOptions {
  /** Extra audit listener (signals, orders, fills, trades, per-bar equity). */
  readonly listener?: EngineListener;
  /** Replaces the seed sizing risk manager. */
  readonly risk?: RiskManager;
  /** Replaces the SimulatedVenue built from settings. */
  readonly venue?: ExecutionVenue;
  /** Ring capacity (power of two, default 4096 bars). */
  readonly ringCapacity?: number;
  /** Keep every FillEvent in the result (default true). */
  readonly collectFills?: boolean;
}

export interface OpenPositionReport {
  readonly direction: "long" | "short";
  readonly quantity: number;
  readonly entryPrice: number;
  readonly entryTime: number;
  readonly markPrice: number;
  readonly unrealizedPnl: number;
}

export interface BacktestResult {
  readonly symbol: string;
  readonly strategy: string;
  readonly instrument: Instrument;
  readonly settings: EngineSettings;
  readonly intervalMs: number;
  readonly bars: number;
  /** Bar open times and closes (the series' columns, not copies). */
  readonly tsEvent: Float64Array;
  readonly close: Float64Array;
  /** Equity at the close of every bar. */
  readonly equity: Float64Array;
  readonly fills: readonly FillEvent[];
  readonly trades: readonly TradeRecord[];
  readonly metrics: BacktestMetrics;
  readonly openPosition: OpenPositionReport | null;
  readonly pendingOrders: readonly OrderEvent[];
  readonly signals: number;
  readonly ignoredSignals: number;
  readonly orders: number;
  /** Exact books at the end. */
  readonly cash: Amount;
  readonly finalEquityExact: Amount;
  readonly feesPaid: Amount;
  readonly realizedPnl: Amount;
}

const LANES = 6; // tsEvent, open, high, low, close, volume

export class BacktestRun {
  readonly engine: TradingEngine;
  readonly settings: EngineSettings;
  readonly total: number;
  private readonly series: BarSeries;
  private readonly instrument: Instrument;
  private readonly strategy: Strategy;
  private readonly ring: NumericRing;
  private readonly clock = new HistoricalClock();
  private readonly bar = new MutableBar();
  private readonly equity: Float64Array;
  private readonly fills: FillEvent[] = [];
  private produced = 0;
  private consumed = 0;
  private barsInPosition = 0;

  constructor(series: BarSeries, instrument: Instrument, strategy: Strategy, settings: Partial<EngineSettings> = {}, opts: BacktestOptions = {}) {
    if (series.length === 0) throw new DataError(`no bars to backtest`, { file: series.source, code: "DATA_EMPTY" });
    if (!(series.intervalMs > 0)) throw new DataError(`bar interval must be > 0 ms, got ${series.intervalMs}`, { file: series.source });
    this.settings = resolveSettings(settings);
    this.series = series;
    this.instrument = instrument;
    this.strategy = strategy;
    this.total = series.length;
    this.equity = new Float64Array(series.length);
    this.ring = new NumericRing(opts.ringCapacity ?? 4096, LANES, "reject");
    const s = this.settings;
    const venue = opts.venue ?? new SimulatedVenue(new FeeModel(s.feeRate), s.slippageBps);
    const collect = opts.collectFills ?? true;
    const user = opts.listener;
    const fills = this.fills;
    const listener: EngineListener = collect ? teeListeners({ onFill: (f: FillEvent) => void fills.push(f) }, user ?? {}) : (user ?? {});
    this.engine = new TradingEngine({
      feeds: [{ instrument, strategy }],
      venue,
      risk: opts.risk ?? new SizingRiskManager(s),
      clock: this.clock,
      capital: s.capital,
      seed: s.seed,
      listener,
    });
    this.bar.instrumentId = instrument.id;
    this.bar.intervalMs = series.intervalMs;
  }

  get done(): number {
    return this.consumed;
  }

  /** Processes up to `maxBars` more bars; returns true while bars remain. */
  step(maxBars = Number.POSITIVE_INFINITY): boolean {
    const s = this.series;
    const ring = this.ring;
    const data = ring.data;
    const n = s.length;
    const limit = Math.min(n, this.consumed + maxBars);
    const bar = this.bar;
    const engine = this.engine;
    const position = engine.portfolio.position(this.instrument.id);
    const portfolio = engine.portfolio;
    const equity = this.equity;
    const clock = this.clock;
    const interval = s.intervalMs;
    while (this.consumed < limit) {
      // Producer: publish until the ring rejects (full) or the chunk is fully queued.
      while (this.produced < limit) {
        const at = ring.claim();
        if (at < 0) break;
        const i = this.produced;
        data[at] = s.tsEvent[i]!;
        data[at + 1] = s.open[i]!;
        data[at + 2] = s.high[i]!;
        data[at + 3] = s.low[i]!;
        data[at + 4] = s.close[i]!;
        data[at + 5] = s.volume[i]!;
        ring.commit();
        this.produced = i + 1;
      }
      // Consumer: drain everything queued into the engine (counters in locals, stored after).
      let i = this.consumed;
      let inPosition = this.barsInPosition;
      try {
        for (let at = ring.peek(); at >= 0; at = ring.peek()) {
          bar.tsEvent = data[at]!;
          bar.open = data[at + 1]!;
          bar.high = data[at + 2]!;
          bar.low = data[at + 3]!;
          bar.close = data[at + 4]!;
          bar.volume = data[at + 5]!;
          ring.release();
          bar.index = i;
          bar.tsInit = bar.tsEvent + interval;
          clock.advance(bar.tsInit);
          engine.processBar(bar);
          // portfolio.equityF() for this run's one position, inlined (same expression, same double).
          const q = position.qtyF;
          if (q !== 0) {
            equity[i] = portfolio.cashF + (position.mark * q - position.basisF);
            inPosition++;
          } else equity[i] = portfolio.cashF;
          i++;
        }
      } finally {
        // Also after a throw: the bars before the failing one count as done.
        this.consumed = i;
        this.barsInPosition = inPosition;
      }
    }
    return this.consumed < n;
  }

  finish(): BacktestResult {
    while (this.step()) {
      /* run to the end */
    }
    const s = this.series;
    const e = this.engine;
    const p = e.portfolio;
    const pos = p.position(this.instrument.id);
    const trades = p.trades;
    const metrics = computeMetrics({
      equity: this.equity,
      tsEvent: s.tsEvent,
      intervalMs: s.intervalMs,
      capital: this.settings.capital,
      trades,
      feesPaid: toNumber(p.feesPaid),
      barsInPosition: this.barsInPosition,
      firstClose: s.close[0]!,
      lastClose: s.close[s.length - 1]!,
    });
    const openPosition: OpenPositionReport | null =
      pos.qty === 0
        ? null
        : {
            direction: pos.qty > 0 ? "long" : "short",
            quantity: Math.abs(pos.qtyF),
            entryPrice: pos.averagePrice,
            entryTime: pos.trade?.entryTime ?? Number.NaN,
            markPrice: pos.mark,
            unrealizedPnl: toNumber(pos.unrealizedAt(pos.mark)),
          };
    return {
      symbol: this.instrument.symbol,
      strategy: this.strategy.name,
      instrument: this.instrument,
      settings: this.settings,
      intervalMs: s.intervalMs,
      bars: s.length,
      tsEvent: s.tsEvent,
      close: s.close,
      equity: this.equity,
      fills: this.fills,
      trades,
      metrics,
      openPosition,
      pendingOrders: e.openOrders(),
      signals: e.counters.signals,
      ignoredSignals: e.counters.ignoredSignals,
      orders: e.counters.orders,
      cash: p.cash,
      finalEquityExact: p.equity(),
      feesPaid: p.feesPaid,
      realizedPnl: p.realizedPnl,
    };
  }
}

/** Runs a whole backtest of one strategy on one series (see the file comment). */
export function runBacktest(
  series: BarSeries,
  instrument: Instrument,
  strategy: Strategy,
  settings: Partial<EngineSettings> = {},
  opts: BacktestOptions = {},
): BacktestResult {
  return new BacktestRun(series, instrument, strategy, settings, opts).finish();
}

