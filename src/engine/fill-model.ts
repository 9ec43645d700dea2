/**
 * Bar-based fill rules of the simulator (pure functions, no state):
 *  - market: fills at the OPEN of the first bar after submission, buy at open×(1+bps/1e4),
 *    sell at open×(1−bps/1e4), rounded to the nearest tick (exact integer arithmetic, a price
 *    exactly half-way between two ticks rounds up);
 *  - limit buy at L: fills when low ≤ L, at L, or at the open when the bar opens at or below L
 *    (gapped through); limit sell mirrors with high ≥ L;
 *  - stop buy at S: triggers when high ≥ S, fills at S, or at the open when it opens at or above
 *    S; stop sell mirrors with low ≤ S. Limit and stop fills carry no extra slippage.
 * The whole quantity fills (no volume or queue model); NaN means "no fill on this bar".
 */
import { roundPrice, type Instrument, type OrderSide, type OrderType } from "../core/index.ts";

export function marketFillPrice(i: Instrument, side: OrderSide, open: number, slippageBps: number): number {
  const scale = 10 ** i.priceDecimals;
  const n = Math.round(open * scale);
  const b = Math.round(slippageBps * 1e4); // slippage in 1e-8 of the price
  if (Math.abs(open * scale - n) <= 1e-6 && Math.abs(slippageBps * 1e4 - b) <= 1e-6) {
    // Exact: price units × (1e8 ± b) / 1e8, rounded to the nearest tick, ties up.
    const f = side === "buy" ? 1e8 + b : 1e8 - b;
    const step = 1e8 * i.tickUnits;
    const num = n * f;
    if (Number.isSafeInteger(num + step)) {
      const x = num + step / 2;
      return (((x - (x % step)) / step) * i.tickUnits) / scale;
    }
    const bx = BigInt(n) * BigInt(f) + BigInt(step / 2);
    return Number((bx / BigInt(step)) * BigInt(i.tickUnits)) / scale;
  }
  // Open off the price grid (coarser tick override) or fractional sub-1e-4 bps: float, then tick.
  const f = slippageBps / 1e4;
  return roundPrice(i, side === "buy" ? open * (1 + f) : open * (1 - f), "nearest");
}

/** Fill price of a resting limit/stop order on a bar, or NaN when the bar does not reach it. */
export function restingFillPrice(
  i: Instrument,
  type: Exclude<OrderType, "market">,
  side: OrderSide,
  price: number,
  open: number,
  high: number,
  low: number,
): number {
  const o = roundPrice(i, open, "nearest");
  if (type === "limit") {
    if (side === "buy") return low <= price ? (o <= price ? o : price) : Number.NaN;
    return high >= price ? (o >= price ? o : price) : Number.NaN;
  }
  if (side === "buy") return high >= price ? (o >= price ? o : price) : Number.NaN;
  return low <= price ? (o <= price ? o : price) : Number.NaN;
}

/** True when a limit order would take liquidity at the open (used to reject post-only orders). */
export function limitMarketableAtOpen(side: OrderSide, price: number, open: number): boolean {
  return side === "buy" ? open <= price : open >= price;
}
