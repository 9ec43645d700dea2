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

/**
 * The round trip in progress. Realized PnL and fees are kept as safe-integer counts of 1e-12
 * units in plain numbers (no bigint, no extra object per trade) and switch to bigints for good
 * when a sum would leave the safe range; `realized` and `fees` read them as Amounts.
 */
export class OpenTradeState {
  /** Units entered and exited. */
  entryUnits = 0;
  exitUnits = 0;
  /** Sums of price units × size units (exact while below 2^53) for the average prices. */
  entryValueUnits = 0;
  exitValueUnits = 0;
  exitTime: number;
  exitBar: number;
  /** The sums in units while the bigint forms are null. */
  realizedUnits = 0;
  feesUnits = 0;
  private realizedBig: Amount | null = null;
  private feesBig: Amount | null = null;

  constructor(
    readonly direction: "long" | "short",
    readonly entryTime: number,
    readonly entryBar: number,
  ) {
    this.exitTime = entryTime;
    this.exitBar = entryBar;
  }

  get realized(): Amount {
    return this.realizedBig ?? BigInt(this.realizedUnits);
  }

  set realized(v: Amount) {
    this.realizedBig = v;
  }

  get fees(): Amount {
    return this.feesBig ?? BigInt(this.feesUnits);
  }

  set fees(v: Amount) {
    this.feesBig = v;
  }

  /** True while both sums are held in units. */
  get inUnits(): boolean {
    return this.realizedBig === null && this.feesBig === null;
  }

  /** Adds realized PnL given as a safe-integer count of 1e-12 units. */
  addRealizedUnits(x: number): void {
    if (this.realizedBig === null) {
      const s = this.realizedUnits + x; // exact whenever the true sum is a safe integer
      if (Number.isSafeInteger(s)) {
        this.realizedUnits = s;
        return;
      }
      this.realizedBig = BigInt(this.realizedUnits);
    }
    this.realizedBig += BigInt(x);
  }

  addFeesUnits(x: number): void {
    if (this.feesBig === null) {
      const s = this.feesUnits + x;
      if (Number.isSafeInteger(s)) {
        this.feesUnits = s;
        return;
      }
      this.feesBig = BigInt(this.feesUnits);
    }
    this.feesBig += BigInt(x);
  }

  addRealized(a: Amount): void {
    this.realizedBig = this.realized + a;
  }

  addFees(a: Amount): void {
    this.feesBig = this.fees + a;
  }
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
  return new OpenTradeState(direction, time, bar);
}

export function closeTrade(t: OpenTradeState, instrument: Instrument, id: number): TradeRecord {
  const sizeScale = 10 ** instrument.sizeDecimals;
  const priceScale = 10 ** instrument.priceDecimals;
  const entryQty = t.entryUnits / sizeScale;
  // Fast path: both sums in safe-integer 1e-12 units; x / 1e12 is exactly toNumber(BigInt(x)).
  const fu = t.feesUnits;
  const pu = t.realizedUnits - fu;
  const fast = t.inUnits && Number.isSafeInteger(pu);
  const pnlAmount = fast ? BigInt(pu) : t.realized - t.fees;
  const feesAmount = fast ? BigInt(fu) : t.fees;
  // Display averages: value-weighted price units over units, back on the price decimals.
  const entryPrice = t.entryUnits > 0 ? t.entryValueUnits / t.entryUnits / priceScale : 0;
  const exitPrice = t.exitUnits > 0 ? t.exitValueUnits / t.exitUnits / priceScale : 0;
  const entryNotional = entryPrice * entryQty;
  const pnl = fast ? pu / 1e12 : toNumber(pnlAmount);
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
    fees: fast ? fu / 1e12 : toNumber(feesAmount),
    entryBar: t.entryBar,
    exitBar: t.exitBar,
    pnlAmount,
    feesAmount,
  };
}
