/**
 * Wire → domain parsing for Hyperliquid candles, books, trades and mids. Every parser validates
 * what it reads and throws a DataError that names the message and field (`candle[12].o: "abc" is
 * not a decimal`), so a malformed venue message is never turned into a silent NaN.
 *
 * Each parsed record carries two timestamps: tsEvent (venue) and tsInit (local receive time).
 */
import { DataError, type BookLevel, type BookSnapshot, type TradeTick } from "../../core/index.ts";

export interface Candle {
  /** Open time (venue), ms. */
  readonly t: number;
  /** Close time (venue), ms: t + interval − 1. */
  readonly T: number;
  readonly coin: string;
  readonly interval: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly trades: number;
  /** Local receive time, ms. */
  readonly tsInit: number;
}

/** Decimal string → number; throws naming `where` when it is not a finite decimal. */
export function dec(v: unknown, where: string): number {
  if (typeof v === "string" && v.length > 0) {
    const n = +v;
    if (n === n && n !== Infinity && n !== -Infinity) return n;
  }
  throw new DataError(`${where}: ${JSON.stringify(v)} is not a decimal string`, { column: where, code: "HL_PARSE" });
}

function int(v: unknown, where: string): number {
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  throw new DataError(`${where}: ${JSON.stringify(v)} is not an integer`, { column: where, code: "HL_PARSE" });
}

function obj(v: unknown, where: string): Record<string, unknown> {
  if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  throw new DataError(`${where}: expected an object, got ${v === null ? "null" : Array.isArray(v) ? "array" : typeof v}`, { column: where, code: "HL_PARSE" });
}

export function parseCandle(raw: unknown, tsInit: number, where = "candle"): Candle {
  const c = obj(raw, where);
  const t = int(c.t, `${where}.t`);
  const T = int(c.T, `${where}.T`);
  if (T < t) throw new DataError(`${where}: close time T=${T} is before open time t=${t}`, { column: `${where}.T`, code: "HL_PARSE" });
  return {
    t,
    T,
    coin: typeof c.s === "string" ? c.s : "",
    interval: typeof c.i === "string" ? c.i : "",
    open: dec(c.o, `${where}.o`),
    high: dec(c.h, `${where}.h`),
    low: dec(c.l, `${where}.l`),
    close: dec(c.c, `${where}.c`),
    volume: dec(c.v, `${where}.v`),
    trades: typeof c.n === "number" ? c.n : 0,
    tsInit,
  };
}

export function parseCandles(raw: unknown, tsInit: number, where = "candleSnapshot"): Candle[] {
  if (!Array.isArray(raw)) throw new DataError(`${where}: expected an array of candles, got ${raw === null ? "null" : typeof raw}`, { code: "HL_PARSE" });
  const out: Candle[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = parseCandle(raw[i], tsInit, `${where}[${i}]`);
  return out;
}

function levels(raw: unknown, where: string): BookLevel[] {
  if (!Array.isArray(raw)) throw new DataError(`${where}: expected an array of levels`, { column: where, code: "HL_PARSE" });
  const out: BookLevel[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const l = raw[i] as { px?: unknown; sz?: unknown; n?: unknown } | null;
    if (typeof l !== "object" || l === null) throw new DataError(`${where}[${i}]: expected a level object`, { column: where, code: "HL_PARSE" });
    out[i] = { price: dec(l.px, `${where}[${i}].px`), size: dec(l.sz, `${where}[${i}].sz`), count: typeof l.n === "number" ? l.n : 0 };
  }
  return out;
}

/** l2Book payload (REST reply or WS `data`) → BookSnapshot; bids best-first, asks best-first. */
export function parseL2Book(raw: unknown, instrumentId: number, tsInit: number, where = "l2Book"): BookSnapshot {
  const b = obj(raw, where);
  const lv = b.levels;
  if (!Array.isArray(lv) || lv.length !== 2) throw new DataError(`${where}.levels: expected [bids, asks]`, { column: `${where}.levels`, code: "HL_PARSE" });
  return {
    instrumentId,
    tsEvent: b.time === undefined ? tsInit : int(b.time, `${where}.time`),
    tsInit,
    bids: levels(lv[0], `${where}.levels[0]`),
    asks: levels(lv[1], `${where}.levels[1]`),
  };
}

/** trades payload (array) → TradeTicks. Side "B" = buy aggressor. */
export function parseTrades(raw: unknown, instrumentId: number, tsInit: number, where = "trades"): TradeTick[] {
  if (!Array.isArray(raw)) throw new DataError(`${where}: expected an array of trades`, { code: "HL_PARSE" });
  const out: TradeTick[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const t = obj(raw[i], `${where}[${i}]`);
    const side = t.side;
    if (side !== "B" && side !== "A") throw new DataError(`${where}[${i}].side: ${JSON.stringify(side)} is not "B" or "A"`, { column: "side", code: "HL_PARSE" });
    out[i] = {
      instrumentId,
      tsEvent: int(t.time, `${where}[${i}].time`),
      tsInit,
      price: dec(t.px, `${where}[${i}].px`),
      size: dec(t.sz, `${where}[${i}].sz`),
      side: side === "B" ? "buy" : "sell",
      tradeId: String(t.tid),
    };
  }
  return out;
}

/** allMids payload: REST `{coin: px}` or WS `{mids: {coin: px}}` → Map coin → mid. */
export function parseAllMids(raw: unknown, where = "allMids"): Map<string, number> {
  const o = obj(raw, where);
  const mids = "mids" in o ? obj(o.mids, `${where}.mids`) : o;
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(mids)) out.set(k, dec(v, `${where}.${k}`));
  return out;
}
