/**
 * Order books for the fake. The default book for a coin keeps the SHAPE of a real Hyperliquid BTC
 * l2Book snapshot (raw capture 2025-01-26, 20 levels a side: relative price offsets, sizes and
 * order counts) re-centred on the coin's current candle close, so prices follow the real candles
 * the fake serves. Tests can replace any book with setBook().
 */
import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { dataFile } from "../../data-path.ts";
import type { WireL2Book, WireLevel } from "../../../venues/hyperliquid/types.ts";
import { formatPrice } from "../../../venues/hyperliquid/wire.ts";

export const HL_CAPTURE_FILE = "hyperliquid_BTC_l2Book_trades_raw_20250126T1914Z.jsonl.gz";

export interface CaptureLine {
  /** Local receive time, ns since epoch (as recorded). */
  readonly recvNs: bigint;
  /** The raw JSON text of the WS message. */
  readonly text: string;
}

let captureCache: CaptureLine[] | null = null;

/** The raw capture: 55 real WS messages (46 l2Book, 9 trades). */
export function captureLines(): CaptureLine[] {
  if (captureCache) return captureCache;
  const raw = gunzipSync(readFileSync(dataFile(HL_CAPTURE_FILE))).toString("utf8");
  captureCache = raw
    .split("\n")
    .filter((l) => l.length > 0)
    .map((l) => {
      const sp = l.indexOf(" ");
      return { recvNs: BigInt(l.slice(0, sp)), text: l.slice(sp + 1) };
    });
  return captureCache;
}

interface Shape {
  readonly bids: readonly { rel: number; sz: string; n: number }[];
  readonly asks: readonly { rel: number; sz: string; n: number }[];
}

let shapeCache: Shape | null = null;

function shape(): Shape {
  if (shapeCache) return shapeCache;
  const first = captureLines().find((l) => l.text.startsWith('{"channel":"l2Book"'));
  if (!first) throw new Error(`${HL_CAPTURE_FILE}: no l2Book message`);
  const book = (JSON.parse(first.text) as { data: WireL2Book }).data;
  const [bids, asks] = book.levels;
  const mid = (Number(bids[0]!.px) + Number(asks[0]!.px)) / 2;
  const rel = (l: WireLevel) => ({ rel: Number(l.px) / mid - 1, sz: l.sz, n: l.n });
  shapeCache = { bids: bids.map(rel), asks: asks.map(rel) };
  return shapeCache;
}

/** A 20-level book with the captured shape centred on `mid` (prices on the venue's grid). */
export function bookAround(coin: string, mid: number, time: number, szDecimals: number): WireL2Book {
  const s = shape();
  const side = (levels: Shape["bids"], mode: "down" | "up"): WireLevel[] => {
    const out: WireLevel[] = [];
    let last = "";
    for (const l of levels) {
      const px = formatPrice(mid * (1 + l.rel), szDecimals, mode);
      if (px === last) continue; // coarse grids can merge levels
      last = px;
      out.push({ px, sz: l.sz, n: l.n });
    }
    return out;
  };
  const bids = side(s.bids, "down");
  let asks = side(s.asks, "up");
  // Keep the book uncrossed after rounding.
  asks = asks.filter((a) => Number(a.px) > Number(bids[0]?.px ?? 0));
  return { coin, time, levels: [bids, asks] };
}

export function bestBid(b: WireL2Book): number | null {
  const l = b.levels[0][0];
  return l ? Number(l.px) : null;
}

export function bestAsk(b: WireL2Book): number | null {
  const l = b.levels[1][0];
  return l ? Number(l.px) : null;
}

export function midOf(b: WireL2Book): number | null {
  const bid = bestBid(b);
  const ask = bestAsk(b);
  if (bid === null || ask === null) return bid ?? ask;
  return (bid + ask) / 2;
}
