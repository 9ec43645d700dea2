/**
 * Commission model: commission = fill price × quantity × rate, computed exactly (price and
 * quantity as scaled integers, the rate as an integer over 10^k with k its decimal places) and
 * rounded once, half away from zero, to 1e-12. One rate for takers, optionally another for
 * makers (limit fills).
 */
import { parseDecimal, pow10, type Amount, type Instrument } from "../core/index.ts";
import { mulDivRoundPow10, notionalOf, notionalTimesRateUnits } from "./exact.ts";

interface Rate {
  readonly num: bigint;
  readonly den: bigint;
  readonly half: bigint;
  /** The same fraction in doubles when both are safe integers (fast path), else NaN. */
  readonly numF: number;
  readonly denF: number;
}

export class FeeModel {
  readonly takerRate: number;
  readonly makerRate: number;
  private readonly taker: Rate;
  private readonly maker: Rate;

  constructor(takerRate: number, makerRate: number = takerRate) {
    this.takerRate = takerRate;
    this.makerRate = makerRate;
    this.taker = rateOf(takerRate);
    this.maker = rateOf(makerRate);
  }

  commission(i: Instrument, price: number, quantity: number, liquidity: "maker" | "taker" = "taker"): Amount {
    return this.commissionUnits(i, gridUnits(price, i.priceDecimals), gridUnits(quantity, i.sizeDecimals), liquidity);
  }

  /**
   * The same commission as a safe-integer count of 1e-12 units when doubles compute it exactly
   * (the simulator's hot path, no bigint), else NaN: then use `commission`.
   */
  commissionUnitsOf(i: Instrument, price: number, quantity: number, liquidity: "maker" | "taker" = "taker"): number {
    return fastUnits(liquidity === "maker" ? this.maker : this.taker, i, gridUnits(price, i.priceDecimals), gridUnits(quantity, i.sizeDecimals));
  }

  /** Same with price and quantity already as scaled integers. */
  commissionUnits(i: Instrument, priceUnits: number, qtyUnits: number, liquidity: "maker" | "taker" = "taker"): Amount {
    const r = liquidity === "maker" ? this.maker : this.taker;
    const u = fastUnits(r, i, priceUnits, qtyUnits);
    if (u === u) return BigInt(u);
    const n = notionalOf(priceUnits, i.priceDecimals, qtyUnits, i.sizeDecimals);
    return r.den === 1n ? n * r.num : mulDivRoundPow10(n, r.num, r.den, r.half);
  }
}

/** x as an integer count of 10^-decimals. */
function gridUnits(x: number, decimals: number): number {
  return Math.round(x * 10 ** decimals);
}

/** The commission in 1e-12 units computed in doubles, or NaN when that is not exact (then bigints). */
function fastUnits(r: Rate, i: Instrument, priceUnits: number, qtyUnits: number): number {
  if (r.numF !== r.numF) return Number.NaN;
  if (r.numF === 0) return 0;
  return notionalTimesRateUnits(priceUnits, i.priceDecimals, qtyUnits, i.sizeDecimals, r.numF, r.denF);
}

/** Rates seen so far: walk-forward builds thousands of engines with the same fee rate. */
const RATES = new Map<number, Rate>();

function rateOf(rate: number): Rate {
  let r = RATES.get(rate);
  if (r === undefined) {
    r = parseRate(rate);
    if (RATES.size < 1024) RATES.set(rate, r);
  }
  return r;
}

/** The rate as an exact fraction num / 10^k using its shortest decimal form (0.001 → 1/1000). */
function parseRate(rate: number): Rate {
  if (!Number.isFinite(rate)) throw new RangeError(`fee rate must be finite, got ${rate}`);
  const s = String(rate);
  const k = /e-(\d+)$/.exec(s) ? Number(/e-(\d+)$/.exec(s)![1]) + 6 : s.includes(".") ? s.length - s.indexOf(".") - 1 : 0;
  const d = Math.min(k, 18);
  const den = pow10(d);
  const num = parseDecimal(s, d);
  const safe = num <= BigInt(Number.MAX_SAFE_INTEGER) && den <= BigInt(Number.MAX_SAFE_INTEGER);
  return { num, den, half: den / 2n, numF: safe ? Number(num) : Number.NaN, denF: safe ? Number(den) : Number.NaN };
}
