/**
 * JSON-safe form of the portfolio (bigints as decimal strings) for bots that persist their
 * state across restarts. Version 1; `Portfolio.restore` rejects other versions.
 */
import type { Amount } from "../core/index.ts";
import type { Position } from "./position.ts";
import { openTrade, type OpenTradeState, type TradeRecord } from "./trade-ledger.ts";

export interface OpenTradeJson {
  direction: "long" | "short";
  entryTime: number;
  entryBar: number;
  entryUnits: number;
  exitUnits: number;
  entryValueUnits: number;
  exitValueUnits: number;
  exitTime: number;
  exitBar: number;
  realized: string;
  fees: string;
}

export interface PositionJson {
  instrumentId: number;
  symbol: string;
  /** Signed quantity in units of 10^-sizeDecimals (a safe integer). */
  qtyUnits: number;
  /** Signed cost basis in 1e-12 quote units. */
  basis: string;
  mark: number | null;
  markTime: number | null;
  trade: OpenTradeJson | null;
}

export type TradeJson = Omit<TradeRecord, "pnlAmount" | "feesAmount"> & { pnlAmount: string; feesAmount: string };

export interface PortfolioSnapshot {
  version: 1;
  initialCash: string;
  cash: string;
  feesPaid: string;
  realizedPnl: string;
  fillCount: number;
  positions: PositionJson[];
  trades: TradeJson[];
}

export function positionToJson(p: Position): PositionJson {
  const t = p.trade;
  return {
    instrumentId: p.instrument.id,
    symbol: p.instrument.symbol,
    qtyUnits: p.qty,
    basis: p.basis.toString(),
    mark: Number.isFinite(p.mark) ? p.mark : null,
    markTime: Number.isFinite(p.markTime) ? p.markTime : null,
    trade: t
      ? {
          direction: t.direction,
          entryTime: t.entryTime,
          entryBar: t.entryBar,
          entryUnits: t.entryUnits,
          exitUnits: t.exitUnits,
          entryValueUnits: t.entryValueUnits,
          exitValueUnits: t.exitValueUnits,
          exitTime: t.exitTime,
          exitBar: t.exitBar,
          realized: t.realized.toString(),
          fees: t.fees.toString(),
        }
      : null,
  };
}

export function positionFromJson(j: PositionJson, into: Position): void {
  into.qty = j.qtyUnits;
  into.basis = BigInt(j.basis);
  into.mark = j.mark ?? Number.NaN;
  into.markTime = j.markTime ?? Number.NaN;
  const t = j.trade;
  let trade: OpenTradeState | null = null;
  if (t) {
    trade = openTrade(t.direction, t.entryTime, t.entryBar);
    trade.entryUnits = t.entryUnits;
    trade.exitUnits = t.exitUnits;
    trade.entryValueUnits = t.entryValueUnits;
    trade.exitValueUnits = t.exitValueUnits;
    trade.exitTime = t.exitTime;
    trade.exitBar = t.exitBar;
    trade.realized = BigInt(t.realized) as Amount;
    trade.fees = BigInt(t.fees) as Amount;
  }
  into.trade = trade;
  into.refresh();
}

export function tradeToJson(t: TradeRecord): TradeJson {
  return { ...t, pnlAmount: t.pnlAmount.toString(), feesAmount: t.feesAmount.toString() };
}

export function tradeFromJson(t: TradeJson): TradeRecord {
  return { ...t, pnlAmount: BigInt(t.pnlAmount), feesAmount: BigInt(t.feesAmount) };
}
