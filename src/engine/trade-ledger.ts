/**
 * Round-trip bookkeeping: a trade opens when a position leaves zero and closes when it returns
 * to zero (a flip closes one trade and opens the next). Fees of a fill that both closes and
 * opens are split pro rata by quantity (rounded once; the parts sum to the fee).
 *
 * Trade PnL = realized PnL of its closing fills − fees of all its fills (entry and exit), so
 * Σ trade PnL over closed trades + open trade (realized − fees so far) = Δcash.
 */
import type { Amount, ClosedTrade, Instrument } from "../core/index.ts";
import { toNumber } from "./exact.ts";

export interface OpenTradeState {
  direction: "long" | "short";
  entryTime: number;
  entryBar: number;
  /** Units entered and exited. */
  entryUnits: number;
  exitUnits: number;
  /** Sums of price units × size units (exact while below 2^53) for the average prices. */
  entryValueUnits: number;
  exitValueUnits: number;
  exitTime: number;
  exitBar: number;
  realized: Amount;
  fees: Amount;
}

/** A closed round trip: the core ClosedTrade plus exact money and an id. */
export interface TradeRecord extends ClosedTrade {
  /** 1-based sequence number of the trade in its portfolio. */
  readonly id: number;
  readonly symbol: string;
  /** Exact net PnL (realized − fees) and fees. */
  readonly pnlAmount: Amount;
  readonly feesAmount: Amount;
}

export function openTrade(direction: "long" | "short", time: number, bar: number): OpenTradeState {
  return {
    direction,
    entryTime: time,
    entryBar: bar,
    entryUnits: 0,
    exitUnits: 0,
    entryValueUnits: 0,
    exitValueUnits: 0,
    exitTime: time,
    exitBar: bar,
    realized: 0n,
    fees: 0n,
  };
}

export function closeTrade(t: OpenTradeState, instrument: Instrument, id: number): TradeRecord {
  const sizeScale = 10 ** instrument.sizeDecimals;
  const priceScale = 10 ** instrument.priceDecimals;
  const entryQty = t.entryUnits / sizeScale;
  const pnlAmount = t.realized - t.fees;
  // Display averages: value-weighted price units over units, back on the price decimals.
  const entryPrice = t.entryUnits > 0 ? t.entryValueUnits / t.entryUnits / priceScale : 0;
  const exitPrice = t.exitUnits > 0 ? t.exitValueUnits / t.exitUnits / priceScale : 0;
  const entryNotional = entryPrice * entryQty;
  const pnl = toNumber(pnlAmount);
  return {
    id,
    symbol: instrument.symbol,
    instrumentId: instrument.id,
    direction: t.direction,
    entryTime: t.entryTime,
    exitTime: t.exitTime,
    entryPrice,
    exitPrice,
    quantity: entryQty,
    pnl,
    pnlPct: entryNotional > 0 ? pnl / entryNotional : 0,
    fees: toNumber(t.fees),
    entryBar: t.entryBar,
    exitBar: t.exitBar,
    pnlAmount,
    feesAmount: t.fees,
  };
}
