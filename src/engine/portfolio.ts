/**
 * Portfolio: cash, positions and closed trades, booked exactly in bigint Amounts (perp/margin
 * style: a fill moves cash by its realized PnL minus its commission; an open position is worth
 * its unrealized PnL). Identities that hold after every fill, to the last 1e-12 unit:
 *   equity = cash + Σ unrealized(mark)
 *   cash − initialCash = realizedPnl − feesPaid
 * (proved by portfolio.property.test.ts against an independent spot-style cash-flow ledger).
 *
 * cash, feesPaid and realizedPnl are ExactSums (two doubles, bigint only past 2^53 ranges) behind
 * Amount getters, so booking a fill allocates no bigint for them.
 *
 * Positions are indexed by the dense instrument id. State is serialisable with `snapshot()` and
 * `Portfolio.restore()` so bots can persist it across restarts.
 */
import { amountFromNumber, ConflictError, DataError, type Amount, type Instrument, type OrderSide } from "../core/index.ts";
import { mulDivFloorSafe, scaledUnits, toNumber } from "./exact.ts";
import { ExactSum } from "./exact-sum.ts";
import { FillEffect, Position } from "./position.ts";
import { closeTrade, openTrade, type TradeRecord } from "./trade-ledger.ts";
import { positionFromJson, positionToJson, tradeFromJson, tradeToJson, type PortfolioSnapshot } from "./portfolio-state.ts";

/** What one fill did (the position's FillEffect plus the trade it closed); a record reused by the next fill. */
export class BookedFill extends FillEffect {
  /** Trade closed by this fill, if any. */
  closed: TradeRecord | null = null;
}

/** Capital (number) → its exact Amount and ExactSum split, converted once. */
const STARTING_CASH = new Map<number, { amount: Amount; sum: ExactSum }>();

export class Portfolio {
  readonly initialCash: Amount;
  private readonly cashSum: ExactSum;
  private readonly feesSum = new ExactSum();
  private readonly realizedSum = new ExactSum();
  fillCount = 0;
  private cashFloat = 0;
  private cashDirty = true;
  readonly trades: TradeRecord[] = [];
  private readonly positions: Position[] = [];
  private readonly booked = new BookedFill();

  constructor(initialCash: Amount | number, instruments: readonly Instrument[] = []) {
    if (typeof initialCash === "bigint") {
      this.initialCash = initialCash;
      this.cashSum = new ExactSum(initialCash);
    } else {
      // Walk-forward builds thousands of portfolios with the same capital: convert it once.
      let start = STARTING_CASH.get(initialCash);
      if (start === undefined) {
        const amount = amountFromNumber(initialCash);
        start = { amount, sum: new ExactSum(amount) };
        if (STARTING_CASH.size < 256) STARTING_CASH.set(initialCash, start);
      }
      this.initialCash = start.amount;
      this.cashSum = start.sum.clone();
    }
    for (const i of instruments) this.addInstrument(i);
  }

  get cash(): Amount {
    return this.cashSum.value;
  }

  set cash(v: Amount) {
    this.cashSum.value = v;
    this.cashDirty = true;
  }

  get feesPaid(): Amount {
    return this.feesSum.value;
  }

  set feesPaid(v: Amount) {
    this.feesSum.value = v;
  }

  get realizedPnl(): Amount {
    return this.realizedSum.value;
  }

  set realizedPnl(v: Amount) {
    this.realizedSum.value = v;
  }

  addInstrument(i: Instrument): Position {
    const existing = this.positions[i.id];
    if (existing) {
      if (existing.instrument.symbol !== i.symbol) {
        throw new ConflictError(`instrument id ${i.id} is already used by ${existing.instrument.symbol}`, { id: i.id });
      }
      return existing;
    }
    const p = new Position(i);
    this.positions[i.id] = p;
    return p;
  }

  position(instrumentId: number): Position {
    const p = this.positions[instrumentId];
    if (!p) throw new ConflictError(`unknown instrument id ${instrumentId}`, { instrumentId });
    return p;
  }

  allPositions(): readonly Position[] {
    return this.positions.filter((p) => p !== undefined);
  }

  /**
   * Books one fill. `quantity` must lie on the instrument's size decimals and `price` on its
   * price decimals; `commission` is the exact fee already computed by the venue: an Amount, or a
   * number meaning a safe-integer count of 1e-12 units (the simulator's bigint-free form).
   */
  applyFill(instrumentId: number, side: OrderSide, quantity: number, price: number, commission: Amount | number, time: number, barIndex: number): BookedFill {
    const pos = this.position(instrumentId);
    const units = scaledUnits(quantity, pos.sizeScale);
    const priceUnits = scaledUnits(price, pos.priceScale);
    if (!(units > 0)) throw offGrid(pos.instrument, "quantity", quantity);
    if (!(priceUnits > 0)) throw offGrid(pos.instrument, "price", price);
    return this.applyFillUnits(pos, side, units, priceUnits, commission, time, barIndex);
  }

  /**
   * Same as applyFill with quantity and price already as scaled integers. Every money amount is
   * booked as safe-integer 1e-12 units when it is one (ExactSum.addUnits, no bigint), else as a
   * bigint: the same exact values either way.
   */
  applyFillUnits(pos: Position, side: OrderSide, units: number, priceUnits: number, commission: Amount | number, time: number, barIndex: number): BookedFill {
    const qBefore = pos.qty;
    const effect = pos.apply(side, units, priceUnits);
    let cu = Number.NaN; // commission in units, when safe
    if (typeof commission === "number") {
      if (!Number.isSafeInteger(commission)) throw new RangeError(`commission units must be a safe integer, got ${commission}`);
      cu = commission;
    } else {
      const c = Number(commission);
      if (Number.isSafeInteger(c)) cu = c;
    }
    // The closing share of the fee, truncated toward zero; the opening share is the rest. In units
    // when possible (feeCloseU/feeOpenU), else in bigints (feeClose/feeOpen, units then NaN).
    let feeCloseU = 0;
    let feeOpenU = 0;
    let feeClose: Amount = 0n;
    let feeOpen: Amount = 0n;
    const { closedUnits, openedUnits } = effect;
    // A negative fee (rebate) splits by bigint truncation toward zero, as mulDivFloorSafe floors.
    const f = closedUnits > 0 && openedUnits > 0 ? (cu >= 0 ? mulDivFloorSafe(cu, closedUnits, units) : Number.NaN) : cu;
    if (cu === cu && f === f) {
      if (closedUnits === 0) feeOpenU = cu;
      else if (openedUnits === 0) feeCloseU = cu;
      else {
        feeCloseU = f;
        feeOpenU = cu - f;
      }
    } else {
      feeCloseU = Number.NaN;
      feeOpenU = Number.NaN;
      const c = typeof commission === "number" ? BigInt(commission) : commission;
      if (closedUnits === 0) feeOpen = c;
      else if (openedUnits === 0) feeClose = c;
      else {
        feeClose = (c * BigInt(closedUnits)) / BigInt(units);
        feeOpen = c - feeClose;
      }
    }
    const ru = effect.realizedUnits;
    let closed: TradeRecord | null = null;
    if (closedUnits > 0) {
      const t = pos.trade ?? openTrade(qBefore > 0 ? "long" : "short", time, barIndex);
      t.exitUnits += closedUnits;
      t.exitValueUnits += priceUnits * closedUnits;
      t.exitTime = time;
      t.exitBar = barIndex;
      if (ru === ru) t.addRealizedUnits(ru);
      else t.addRealized(effect.realizedBig);
      if (feeCloseU === feeCloseU) t.addFeesUnits(feeCloseU);
      else t.addFees(feeClose);
      pos.trade = t;
      if (pos.qty === 0 || openedUnits > 0) {
        closed = closeTrade(t, pos.instrument, this.trades.length + 1);
        this.trades.push(closed);
        pos.trade = null;
      }
    }
    if (openedUnits > 0) {
      const t = pos.trade ?? openTrade(side === "buy" ? "long" : "short", time, barIndex);
      t.entryUnits += openedUnits;
      t.entryValueUnits += priceUnits * openedUnits;
      if (feeOpenU === feeOpenU) t.addFeesUnits(feeOpenU);
      else t.addFees(feeOpen);
      pos.trade = t;
    }
    const cs = this.cashSum;
    if (cu === cu) {
      cs.addUnits(-cu);
      this.feesSum.addUnits(cu);
    } else {
      cs.sub(commission as Amount);
      this.feesSum.add(commission as Amount);
    }
    if (ru === ru) {
      if (ru !== 0) {
        cs.addUnits(ru);
        this.realizedSum.addUnits(ru);
      }
    } else {
      cs.add(effect.realizedBig);
      this.realizedSum.add(effect.realizedBig);
    }
    this.cashDirty = true;
    this.fillCount++;
    const b = this.booked;
    b.realizedUnits = ru;
    b.realizedBig = effect.realizedBig;
    b.closedUnits = closedUnits;
    b.openedUnits = openedUnits;
    b.closed = closed;
    return b;
  }

  /** Cash as a number (converted lazily, once per change). */
  get cashF(): number {
    if (this.cashDirty) {
      this.cashFloat = this.cashSum.toNumber();
      this.cashDirty = false;
    }
    return this.cashFloat;
  }

  /** Sets the mark price of an instrument (close of its latest bar or last trade). */
  mark(instrumentId: number, price: number, time: number): void {
    const p = this.positions[instrumentId]!;
    p.mark = price;
    p.markTime = time;
  }

  /** Float equity at the current marks (hot path; for curves and metrics). */
  equityF(): number {
    let e = this.cashF;
    const ps = this.positions;
    for (let i = 0; i < ps.length; i++) {
      const p = ps[i];
      if (p !== undefined && p.qtyF !== 0 && p.mark === p.mark) e += p.mark * p.qtyF - p.basisF;
    }
    return e;
  }

  /** Exact equity at the current marks (a position not marked yet counts at cost: unrealized 0). */
  equity(): Amount {
    let e = this.cash;
    for (const p of this.positions) if (p !== undefined && p.qty !== 0 && Number.isFinite(p.mark)) e += p.unrealizedAt(p.mark);
    return e;
  }

  /** toNumber(equity()) without bigints when every unrealized PnL is a small safe integer. */
  equityNumber(): number {
    let x = 0;
    for (const p of this.positions) {
      if (p !== undefined && p.qty !== 0 && Number.isFinite(p.mark)) {
        const u = p.unrealizedUnitsAt(p.mark);
        x += u;
        if (!(x < 2 ** 52 && x > -(2 ** 52))) return toNumber(this.equity());
      }
    }
    return this.cashSum.toNumberPlus(x);
  }

  /** Exact unrealized PnL of every open position at the current marks. */
  unrealized(): Amount {
    return this.equity() - this.cash;
  }

  snapshot(): PortfolioSnapshot {
    return {
      version: 1,
      initialCash: this.initialCash.toString(),
      cash: this.cash.toString(),
      feesPaid: this.feesPaid.toString(),
      realizedPnl: this.realizedPnl.toString(),
      fillCount: this.fillCount,
      positions: this.allPositions().map(positionToJson),
      trades: this.trades.map(tradeToJson),
    };
  }

  /** Rebuilds a portfolio from a snapshot; instruments must match the snapshot's symbols by id. */
  static restore(snap: PortfolioSnapshot, instruments: readonly Instrument[]): Portfolio {
    if (snap.version !== 1) throw new ConflictError(`unsupported portfolio snapshot version ${String(snap.version)}`);
    const p = new Portfolio(BigInt(snap.initialCash), instruments);
    p.cash = BigInt(snap.cash);
    p.cashDirty = true;
    p.feesPaid = BigInt(snap.feesPaid);
    p.realizedPnl = BigInt(snap.realizedPnl);
    p.fillCount = snap.fillCount;
    for (const ps of snap.positions) {
      const pos = p.positions[ps.instrumentId];
      if (!pos || pos.instrument.symbol !== ps.symbol) {
        throw new ConflictError(`snapshot position ${ps.symbol} (id ${ps.instrumentId}) has no matching instrument`, { instrumentId: ps.instrumentId });
      }
      positionFromJson(ps, pos);
    }
    for (const t of snap.trades) p.trades.push(tradeFromJson(t));
    return p;
  }
}

function offGrid(i: Instrument, what: "quantity" | "price", x: number): DataError {
  return new DataError(`${i.symbol}: fill ${what} ${x} must be > 0 and on the instrument's ${what === "price" ? "price decimals" : "size decimals"}`, {
    column: what,
    code: "FILL_OFF_GRID",
  });
}
