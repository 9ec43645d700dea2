/**
 * Domain events: market data in, signals, orders and fills out. Flow:
 * MarketEvent → Strategy → SignalEvent → RiskManager → OrderEvent → ExecutionHandler → FillEvent.
 *
 * Every market record carries two timestamps: `tsEvent` (venue time; for bars the OPEN time)
 * and `tsInit` (local receive time). Both are epoch milliseconds. Hot paths hand strategies a
 * reused read-only view of the current bar rather than allocating one object per bar, so a
 * strategy must copy any field it wants to keep.
 */

export interface Bar {
  readonly instrumentId: number;
  /** Bar open time (venue), epoch ms. */
  readonly tsEvent: number;
  /** Local receive time, epoch ms (equal to the close time in backtests). */
  readonly tsInit: number;
  /** Bar length in ms (60_000 for 1m). */
  readonly intervalMs: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Position of the bar in its stream (0-based); gaps in time do not create indices. */
  readonly index: number;
}

export interface TradeTick {
  readonly instrumentId: number;
  readonly tsEvent: number;
  readonly tsInit: number;
  readonly price: number;
  readonly size: number;
  /** Aggressor side. */
  readonly side: "buy" | "sell";
  readonly tradeId: string;
}

export interface Quote {
  readonly instrumentId: number;
  readonly tsEvent: number;
  readonly tsInit: number;
  readonly bid: number;
  readonly bidSize: number;
  readonly ask: number;
  readonly askSize: number;
}

export interface BookLevel {
  readonly price: number;
  readonly size: number;
  readonly count?: number;
}

export interface BookSnapshot {
  readonly instrumentId: number;
  readonly tsEvent: number;
  readonly tsInit: number;
  /** Best first (highest bid first). */
  readonly bids: readonly BookLevel[];
  /** Best first (lowest ask first). */
  readonly asks: readonly BookLevel[];
}

export type MarketEvent =
  | { readonly kind: "bar"; readonly bar: Bar }
  | { readonly kind: "trade"; readonly trade: TradeTick }
  | { readonly kind: "quote"; readonly quote: Quote }
  | { readonly kind: "book"; readonly book: BookSnapshot };

export type SignalDirection = "long" | "short" | "exit";

export interface SignalEvent {
  readonly instrumentId: number;
  readonly direction: SignalDirection;
  /** In [0, 1]. */
  readonly strength: number;
  /** Reference price (close of the bar that produced the signal). */
  readonly price: number;
  /** Time of the decision: the close time of the bar that produced it. */
  readonly tsEvent: number;
  /** Index of the bar that produced the signal. */
  readonly barIndex: number;
  readonly strategy: string;
}

export type OrderSide = "buy" | "sell";
export type OrderType = "market" | "limit" | "stop";
export type TimeInForce = "gtc" | "ioc" | "alo";

export interface OrderEvent {
  readonly id: number;
  readonly clientId: string;
  readonly instrumentId: number;
  readonly side: OrderSide;
  readonly type: OrderType;
  /** On the instrument's lot grid, > 0. */
  readonly quantity: number;
  /** Limit or stop trigger price on the tick grid; undefined for market orders. */
  readonly price?: number;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly: boolean;
  readonly tsEvent: number;
  /** Bar index at which the order was created. */
  readonly barIndex: number;
  /** Why the order exists ("entry", "close", "flip-close", "flip-open", "exit"). */
  readonly reason: string;
}

export interface FillEvent {
  readonly orderId: number;
  readonly instrumentId: number;
  readonly side: OrderSide;
  readonly quantity: number;
  /** Fill price on the tick grid. */
  readonly price: number;
  /** Commission in quote currency (exact decimal rendered as number; the books keep bigint). */
  readonly commission: number;
  readonly tsEvent: number;
  /** Index of the bar on which the fill happened. */
  readonly barIndex: number;
  readonly liquidity: "maker" | "taker";
  readonly reason: string;
}

export interface ClosedTrade {
  readonly instrumentId: number;
  readonly direction: "long" | "short";
  readonly entryTime: number;
  readonly exitTime: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly quantity: number;
  /** Net of the fees of both legs attributed to this trade. */
  readonly pnl: number;
  readonly pnlPct: number;
  readonly fees: number;
  readonly entryBar: number;
  readonly exitBar: number;
}
