/**
 * Seams between the engine and the outside world. Backtest, paper and live differ only in what
 * is plugged in here (chosen in src/app/): the clock, the data source feeding `processBar`, and
 * the ExecutionVenue. The simulated venue (sim-venue.ts) implements the same port as the
 * paper/live venues written elsewhere.
 *
 * Flow: the engine submits OrderEvents to the venue; the venue reports fills through the
 * VenueSink it was connected to (synchronously during `onBar` for the simulator, asynchronously
 * for a real exchange). The engine books every fill in its Portfolio.
 */
import type { Amount, Bar, ClosedTrade, FillEvent, Instrument, OrderEvent, SignalEvent } from "../core/index.ts";

/** A fill as reported by a venue; the engine enriches it into a FillEvent. */
export interface FillReport {
  readonly orderId: number;
  /** Filled quantity (on the lot grid, > 0); may be less than the order for partial fills. */
  readonly quantity: number;
  /** Fill price on the tick grid. */
  readonly price: number;
  /** Exact commission charged, in quote currency. */
  readonly commission: Amount;
  /**
   * Optional bigint-free twin of `commission`: the same value as a safe-integer count of 1e-12
   * units (NaN or absent: use `commission`). The simulator sets it so booking allocates no bigint.
   */
  readonly commissionUnits?: number;
  readonly tsEvent: number;
  /** Index of the bar during which the fill happened (−1 when not bar-driven). */
  readonly barIndex: number;
  readonly liquidity: "maker" | "taker";
  /** Quantity of the order still working after this fill (0 = order done). */
  readonly remaining: number;
}

/** Why a venue dropped an order without filling it. */
export interface OrderCancel {
  readonly orderId: number;
  readonly reason: string;
}

/** What a venue may call back into the engine. */
export interface VenueSink {
  /** Books a fill; the engine copies what it keeps, so a venue may reuse `report` afterwards. */
  fill(report: FillReport): void;
  cancelled(c: OrderCancel): void;
  /** Current signed position (base units) of an instrument, for reduce-only checks. */
  position(instrumentId: number): number;
}

export interface ExecutionVenue {
  readonly name: string;
  /** Called once by the engine before any order is submitted. */
  connect(sink: VenueSink): void;
  /** Accepts an order; fills are reported later through the sink (never synchronously here). */
  submit(order: OrderEvent, instrument: Instrument): void;
  /** Cancels an open order; returns false when it is unknown or already done. */
  cancel(orderId: number): boolean;
  /** Open orders still working at the venue. */
  openOrders(): readonly OrderEvent[];
  /**
   * Market data hook called by the engine at the START of each bar, before mark-to-market and
   * before the strategy sees the bar. The simulator matches resting orders against the bar
   * here; real venues ignore it. `hasWork` lets the engine skip the call on the hot path.
   */
  onBar(bar: Bar): void;
  readonly hasWork: boolean;
}

/**
 * Audit stream: every callback is optional and called synchronously in engine order. Bots, the
 * API and the report subscribe here (or through `busListener` which republishes on an
 * EventBus). Payloads are immutable; `equity` is called once per bar after mark-to-market.
 */
export interface EngineListener {
  onSignal?(signal: SignalEvent): void;
  /** A signal the risk manager turned into no order, with the reason. */
  onSignalIgnored?(signal: SignalEvent, reason: string): void;
  onOrder?(order: OrderEvent): void;
  onOrderCancelled?(cancel: OrderCancel): void;
  onFill?(fill: FillEvent): void;
  onTradeClosed?(trade: ClosedTrade): void;
  onEquity?(tsEvent: number, equity: number, barIndex: number): void;
}
