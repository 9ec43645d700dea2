/**
 * Types of the TradingEngine's public surface (options, snapshot, manual orders, counters) and
 * the per-instrument slot with its StrategyContext. Split from engine.ts to keep files small.
 */
import type { Amount, Clock, Instrument, OrderEvent, OrderSide, OrderType, SeededRng, TimeInForce } from "../core/index.ts";
import type { PortfolioSnapshot } from "./portfolio-state.ts";
import type { Position } from "./position.ts";
import type { EngineListener, ExecutionVenue } from "./ports.ts";
import type { RiskManager } from "./risk.ts";
import type { Strategy, StrategyContext } from "./strategy.ts";

export interface EngineFeed {
  readonly instrument: Instrument;
  readonly strategy: Strategy;
}

export interface EngineSnapshot {
  readonly version: 1;
  readonly portfolio: PortfolioSnapshot;
  readonly nextOrderId: number;
  readonly openOrders: readonly OrderEvent[];
}

export interface TradingEngineOptions {
  /** One strategy per instrument; instrument ids must be distinct small integers. */
  readonly feeds: readonly EngineFeed[];
  readonly venue: ExecutionVenue;
  readonly risk: RiskManager;
  readonly clock: Clock;
  /** Initial capital (ignored when `snapshot` is given). */
  readonly capital: number | Amount;
  /** Seed of the strategies' SeededRng (default 1). */
  readonly seed?: number;
  readonly listener?: EngineListener;
  /** Restores portfolio, order ids and open orders (re-submitted to the venue). */
  readonly snapshot?: EngineSnapshot;
  /** Prefix of order client ids (default "e"); a client id is the prefix + the decimal order id. */
  readonly clientIdPrefix?: string;
}

/** A manually placed order (bots, API, tests). */
export interface OrderRequest {
  readonly instrumentId: number;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly quantity: number;
  readonly price?: number;
  readonly timeInForce?: TimeInForce;
  readonly reduceOnly?: boolean;
  readonly reason?: string;
}

export interface EngineCounters {
  bars: number;
  signals: number;
  ignoredSignals: number;
  orders: number;
  fills: number;
  cancels: number;
}

export class SlotContext implements StrategyContext {
  constructor(
    readonly clock: Clock,
    readonly instrument: Instrument,
    readonly rng: SeededRng,
    private readonly pos: Position,
  ) {}
  position(): number {
    return this.pos.qtyF;
  }
  entryPrice(): number {
    return this.pos.averagePrice;
  }
}

export interface Slot {
  readonly instrument: Instrument;
  readonly strategy: Strategy;
  readonly position: Position;
  readonly ctx: SlotContext;
  lastBarIndex: number;
}
