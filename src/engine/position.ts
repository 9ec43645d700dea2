/**
 * One instrument's position, booked exactly. Quantity is a signed integer count of the size
 * grid's base unit (10^-sizeDecimals, a safe integer held in a number); `basis` is the signed
 * cost of the open position as a bigint Amount (long > 0, short < 0), so unrealized PnL at mark m
 * is notional(m, qty) − basis with no average-price rounding. Closing k of |q| units releases
 * basis·k/|q| (rounded once); the released part is exactly what realized PnL uses, which keeps
 * cash + position value = equity to the last 1e-12 unit.
 *
 * The float mirrors (qtyF, basisF) are refreshed on every fill and used only for the per-bar
 * equity curve and sizing arithmetic, never for booking.
 *
 * Hot path without bigints: when notionals are exact on the grid (priceDecimals + sizeDecimals
 * = d ≤ 12) the basis is an integer count of 10^-d quote units, held in a double while it and
 * every intermediate is a safe integer; opens and full closes then cost no bigint but the
 * realized PnL. A partial close (rounded release), a coarser grid or an unsafe intermediate
 * switches the position to a bigint basis (the general code below) until it is flat again.
 */
import type { Amount, Instrument } from "../core/index.ts";
import { pow10 } from "../core/index.ts";
import { mulDivRound, notionalOf, toNumber, unitsOrBig } from "./exact.ts";
import type { OpenTradeState } from "./trade-ledger.ts";

/**
 * What the last fill did (a reused record: read it before the next fill). Realized PnL is
 * `realizedUnits` (a safe-integer count of 1e-12 units) on the fast path, else `realizedBig`
 * (realizedUnits NaN); `realized` reads it as an Amount.
 */
export class FillEffect {
  realizedUnits = 0;
  realizedBig: Amount = 0n;
  /** Units closed (≥ 0) and opened (≥ 0); closed + opened = fill units. */
  closedUnits = 0;
  openedUnits = 0;

  /** Realized PnL before fees of the closing part (0n for pure opens). */
  get realized(): Amount {
    return unitsOrBig(this.realizedUnits, this.realizedBig);
  }
}

export class Position {
  readonly instrument: Instrument;
  readonly sizeScale: number;
  readonly priceScale: number;
  /** Signed quantity in units of 10^-sizeDecimals. */
  qty = 0;
  /** Basis in 10^-d units while `big` is null (fast grid only). */
  private bu = 0;
  /** Basis as an Amount when not on the fast path (null: use `bu`). */
  private big: Amount | null = null;
  /** d = priceDecimals + sizeDecimals ≤ 12, and 10^(12−d) as a number and a bigint. */
  private readonly fastGrid: boolean;
  private readonly m: number;
  private readonly mBig: bigint;
  qtyF = 0;
  basisF = 0;
  /** Last mark price (close of the latest bar or last trade); NaN before the first. */
  mark = Number.NaN;
  markTime = Number.NaN;
  /** The round trip in progress (null when flat). */
  trade: OpenTradeState | null = null;
  readonly effect = new FillEffect();

  constructor(instrument: Instrument) {
    this.instrument = instrument;
    this.sizeScale = 10 ** instrument.sizeDecimals;
    this.priceScale = 10 ** instrument.priceDecimals;
    const d = instrument.priceDecimals + instrument.sizeDecimals;
    this.fastGrid = d <= 12;
    this.m = this.fastGrid ? 10 ** (12 - d) : 1;
    this.mBig = this.fastGrid ? pow10(12 - d) : 1n;
    if (!this.fastGrid) this.big = 0n;
  }

  /** Signed cost basis of the open position (Amount: long > 0, short < 0). */
  get basis(): Amount {
    return this.big ?? this.amountOf(this.bu);
  }

  set basis(v: Amount) {
    if (this.fastGrid && v % this.mBig === 0n) {
      const u = Number(v / this.mBig);
      if (Number.isSafeInteger(u)) {
        this.bu = u;
        this.big = null;
        return;
      }
    }
    this.big = v;
  }

  /** Amount of u units of 10^-d (fast grid): one bigint, or two when u·10^(12−d) is not safe. */
  private amountOf(u: number): Amount {
    if (u === 0) return 0n;
    const a = u * this.m;
    return Number.isSafeInteger(a) ? BigInt(a) : BigInt(u) * this.mBig;
  }

  /** Average entry price (display only), 0 when flat. */
  get averagePrice(): number {
    return this.qty === 0 ? 0 : Math.abs(this.basisF / this.qtyF);
  }

  /** Exact unrealized PnL at a mark price (rounded onto the price decimals). */
  unrealizedAt(markPrice: number): Amount {
    if (this.qty === 0) return 0n;
    const i = this.instrument;
    const mu = Math.round(markPrice * this.priceScale);
    if (this.big === null) {
      const r = mu * this.qty - this.bu;
      if (Number.isSafeInteger(mu * this.qty) && Number.isSafeInteger(r)) return this.amountOf(r);
    }
    return notionalOf(mu, i.priceDecimals, this.qty, i.sizeDecimals) - this.basis;
  }

  /** unrealizedAt(markPrice) as a number of 1e-12 units when that is a safe integer on the fast path, else NaN. */
  unrealizedUnitsAt(markPrice: number): number {
    if (this.qty === 0) return 0;
    if (this.big !== null) return Number.NaN;
    const x = Math.round(markPrice * this.priceScale) * this.qty;
    const r = (x - this.bu) * this.m;
    return Number.isSafeInteger(x) && Number.isSafeInteger(x - this.bu) && Number.isSafeInteger(r) ? r : Number.NaN;
  }

  /** Float unrealized PnL at the current mark (0 when flat). */
  unrealizedF(): number {
    return this.qty === 0 ? 0 : this.mark * this.qtyF - this.basisF;
  }

  /**
   * Books a fill of `units` (> 0) at `priceUnits` (10^-priceDecimals) on `side`. A fill larger
   * than an opposite position closes it and opens the remainder the other way.
   */
  apply(side: "buy" | "sell", units: number, priceUnits: number): FillEffect {
    if (this.big === null && this.applyFast(side === "buy" ? 1 : -1, units, priceUnits)) return this.effect;
    if (this.big === null) this.big = this.amountOf(this.bu);
    const i = this.instrument;
    const pd = i.priceDecimals;
    const sd = i.sizeDecimals;
    const dir = side === "buy" ? 1 : -1;
    const q = this.qty;
    const e = this.effect;
    let realized = 0n;
    let closedUnits = 0;
    // Minus the signed notional of the closing part (notionalOf is odd: f(p, −q) = −f(p, q), also
    // when it rounds), so realized PnL costs one subtraction.
    let closeNeg = 0n;
    let exactMirror = false;
    if (q !== 0 && q > 0 !== dir > 0) {
      const absQ = q < 0 ? -q : q;
      closedUnits = units < absQ ? units : absQ;
      closeNeg = notionalOf(priceUnits, pd, -dir * closedUnits, sd);
      if (closedUnits === absQ) {
        realized = closeNeg - this.big!;
        this.big = 0n;
      } else {
        const portion = mulDivRound(this.big!, BigInt(closedUnits), BigInt(absQ));
        realized = closeNeg - portion;
        this.big = this.big! - portion;
        exactMirror = true;
      }
      this.qty = q + dir * closedUnits;
    }
    const openedUnits = units - closedUnits;
    if (openedUnits > 0) {
      // After a close, the opened part's notional directly when notionals are exact (pd + sd ≤ 12:
      // the same value as total + closeNeg, one bigint fewer); else total + closeNeg, so the
      // rounded parts still sum to the rounded total.
      const opened =
        closedUnits === 0 || pd + sd <= 12 ? notionalOf(priceUnits, pd, dir * openedUnits, sd) : notionalOf(priceUnits, pd, dir * units, sd) + closeNeg; // signed: buys > 0
      this.big = this.big === 0n ? opened : this.big! + opened;
      this.qty += dir * openedUnits;
    }
    if (!Number.isSafeInteger(this.qty)) throw new RangeError(`${i.symbol}: position size overflow`);
    // Float mirrors: exact conversions only when a partial close made the basis irregular.
    this.qtyF = this.qty / this.sizeScale;
    if (this.qty === 0) this.basisF = 0;
    else if (exactMirror || closedUnits > 0) this.basisF = toNumber(this.big!);
    else this.basisF += (dir * priceUnits * openedUnits) / (this.priceScale * this.sizeScale);
    // Back on the fast path once flat (the basis is 0 again).
    if (this.qty === 0 && this.fastGrid) {
      this.big = null;
      this.bu = 0;
    }
    e.realizedUnits = Number.NaN;
    e.realizedBig = realized;
    e.closedUnits = closedUnits;
    e.openedUnits = openedUnits;
    return e;
  }

  /**
   * The fill in 10^-d units with doubles, when no partial close and every value is a safe
   * integer; false (nothing changed) otherwise. Same values as the general path: with d ≤ 12
   * every notional is exact.
   */
  private applyFast(dir: number, units: number, priceUnits: number): boolean {
    if (!this.fastGrid || !Number.isSafeInteger(priceUnits * units)) return false;
    const q = this.qty;
    let bu = this.bu;
    let realizedU = 0;
    let closedUnits = 0;
    if (q !== 0 && q > 0 !== dir > 0) {
      const absQ = q < 0 ? -q : q;
      if (units < absQ) return false; // partial close: rounded release, general path
      closedUnits = absQ;
      realizedU = -dir * closedUnits * priceUnits - bu; // −(signed closing notional) − basis
      if (!Number.isSafeInteger(realizedU)) return false;
      bu = 0;
    }
    const openedUnits = units - closedUnits;
    const nb = bu + dir * openedUnits * priceUnits;
    const nq = q + dir * units;
    if (!Number.isSafeInteger(nb) || !Number.isSafeInteger(nq)) return false;
    this.bu = nb;
    this.qty = nq;
    this.qtyF = nq / this.sizeScale;
    if (nq === 0) this.basisF = 0;
    // Number(bigint basis) / 1e12 exactly: nb·10^(12−d) in doubles is the same correctly rounded value.
    else if (closedUnits > 0) this.basisF = (nb * this.m) / 1e12;
    else this.basisF += (dir * priceUnits * openedUnits) / (this.priceScale * this.sizeScale);
    const e = this.effect;
    const ru = realizedU * this.m;
    if (Number.isSafeInteger(ru)) e.realizedUnits = ru;
    else {
      e.realizedUnits = Number.NaN;
      e.realizedBig = BigInt(realizedU) * this.mBig;
    }
    e.closedUnits = closedUnits;
    e.openedUnits = openedUnits;
    return true;
  }

  /** Recomputes the float mirrors from the exact state. */
  refresh(): void {
    this.qtyF = this.qty / this.sizeScale;
    this.basisF = toNumber(this.basis);
  }
}
