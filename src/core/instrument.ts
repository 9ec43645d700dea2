/**
 * Instruments: what can be traded and on which price/size grid. Every order price is a multiple
 * of `tickSize` and every size a multiple of `lotSize`; helpers here do that rounding with
 * integer arithmetic so that 0.1 + 0.2 style drift can never reach a venue or the books.
 *
 * `id` is a dense integer index assigned at start-up; hot paths key on it, strings stay at the edges.
 */
export type InstrumentKind = "perp" | "spot" | "binary";

export interface Instrument {
  readonly id: number;
  readonly symbol: string;
  readonly venue: string;
  readonly kind: InstrumentKind;
  /** Decimals of the price grid, e.g. 2 for a 0.01 tick. */
  readonly priceDecimals: number;
  /** Tick in units of 10^-priceDecimals (1 for a 0.01 tick at 2 decimals, 5 for 0.05). */
  readonly tickUnits: number;
  /** Decimals of the size grid, e.g. 5 for a 0.00001 lot. */
  readonly sizeDecimals: number;
  /** Lot in units of 10^-sizeDecimals. */
  readonly lotUnits: number;
  /** Contract multiplier (1 for linear perps and spot). */
  readonly multiplier: number;
}

export function tickSize(i: Instrument): number {
  return i.tickUnits / 10 ** i.priceDecimals;
}

export function lotSize(i: Instrument): number {
  return i.lotUnits / 10 ** i.sizeDecimals;
}

export type RoundMode = "nearest" | "up" | "down";

/** Price rounded onto the tick grid; the result is the double closest to the decimal value. */
export function roundPrice(i: Instrument, price: number, mode: RoundMode = "nearest"): number {
  const scale = 10 ** i.priceDecimals;
  const units = price * scale;
  // Guard against representation noise (e.g. 100.00999999999999 × 100) before floor/ceil.
  const nearest = Math.round(units);
  const u = Math.abs(units - nearest) < 1e-7 ? nearest : units;
  const steps = u / i.tickUnits;
  const k = mode === "nearest" ? Math.round(steps) : mode === "up" ? Math.ceil(steps - 1e-9) : Math.floor(steps + 1e-9);
  return (k * i.tickUnits) / scale;
}

/** Size floored onto the lot grid (never rounds up: sizing must not exceed its budget). */
export function floorSize(i: Instrument, size: number): number {
  const scale = 10 ** i.sizeDecimals;
  const units = size * scale;
  const steps = Math.floor(units / i.lotUnits + 1e-9);
  return steps > 0 ? (steps * i.lotUnits) / scale : 0;
}

/** Price as an integer count of 10^-priceDecimals. */
export function priceUnits(i: Instrument, price: number): bigint {
  return BigInt(Math.round(price * 10 ** i.priceDecimals));
}

/** Size as an integer count of 10^-sizeDecimals. */
export function sizeUnits(i: Instrument, size: number): bigint {
  return BigInt(Math.round(size * 10 ** i.sizeDecimals));
}

/** Builds an instrument from tick and lot given as decimal strings ("0.01", "0.00001"). */
export function makeInstrument(p: {
  id?: number;
  symbol: string;
  venue?: string;
  kind?: InstrumentKind;
  tick: string;
  lot: string;
  multiplier?: number;
}): Instrument {
  const [pd, tu] = gridOf(p.tick, "tick");
  const [sd, lu] = gridOf(p.lot, "lot");
  return {
    id: p.id ?? 0,
    symbol: p.symbol,
    venue: p.venue ?? "sim",
    kind: p.kind ?? "perp",
    priceDecimals: pd,
    tickUnits: tu,
    sizeDecimals: sd,
    lotUnits: lu,
    multiplier: p.multiplier ?? 1,
  };
}

/** One unit at `decimals` decimals as the decimal string makeInstrument takes: 2 → "0.01", 0 → "1". */
export function gridStep(decimals: number): string {
  return decimals <= 0 ? "1" : `0.${"0".repeat(decimals - 1)}1`;
}

function gridOf(s: string, what: string): [number, number] {
  if (!/^\d+(\.\d+)?$/.test(s)) throw new RangeError(`${what} must be a positive decimal, got "${s}"`);
  const dot = s.indexOf(".");
  const decimals = dot < 0 ? 0 : s.length - dot - 1;
  const units = Number(s.replace(".", ""));
  if (!(units > 0)) throw new RangeError(`${what} must be > 0, got "${s}"`);
  return [decimals, units];
}
