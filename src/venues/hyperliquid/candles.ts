/**
 * Paginated candleSnapshot walk over [start, end) (protocols.md §A.1):
 *   cursor = start; ask [cursor, end − 1]; keep candles not seen before; cursor = last.T + 1;
 *   stop when the reply is empty, did not advance, or reached the end.
 * Works whatever the per-response cap is (500 or 5000). Candles are de-duplicated by open time,
 * returned in ascending order, and filtered to start ≤ t < end and T < now (never a candle that
 * has not closed yet). `expected` counts the candles the range implies, so callers can report a
 * short result (the venue keeps only the most recent 5000 per coin and interval).
 */
import type { Interval } from "../../core/index.ts";
import type { HyperliquidHttp } from "./http.ts";
import { countOpens, openOf } from "./intervals.ts";
import { parseCandles, type Candle } from "./parse.ts";

export interface CandleRange {
  readonly coin: string;
  readonly interval: Interval;
  /** Inclusive open-time lower bound, ms. */
  readonly start: number;
  /** Exclusive open-time upper bound, ms. */
  readonly end: number;
}

export interface CandlePage {
  readonly candles: readonly Candle[];
  /** Open times covered so far (cursor), for progress. */
  readonly cursor: number;
  readonly requests: number;
}

export interface CandleWalkOptions {
  /** Local time used to drop candles still open (T ≥ now). */
  readonly now: () => number;
  /** Receive-time stamp for parsed candles (defaults to now()). */
  readonly recvTime?: () => number;
}

/** Candles the range implies, counting only candles that have closed by `now`. */
export function expectedCandles(r: CandleRange, now: number): number {
  const lastClosedOpen = openOf(now, r.interval); // candles opening before this one are closed
  return countOpens(r.start, Math.min(r.end, lastClosedOpen), r.interval);
}

/** Walks the range page by page; each yielded page holds only new, closed, in-range candles. */
export async function* walkCandles(http: HyperliquidHttp, r: CandleRange, o: CandleWalkOptions): AsyncGenerator<CandlePage> {
  let cursor = r.start;
  let lastT = -Infinity;
  let requests = 0;
  const recv = o.recvTime ?? o.now;
  while (cursor < r.end) {
    const raw = await http.info({ type: "candleSnapshot", req: { coin: r.coin, interval: r.interval, startTime: cursor, endTime: r.end - 1 } });
    requests++;
    const batch = parseCandles(raw, recv(), `candleSnapshot ${r.coin} ${r.interval}`);
    if (batch.length === 0) break;
    const now = o.now();
    const fresh: Candle[] = [];
    // Replies are oldest first, but sort defensively: dedupe relies on ascending order.
    batch.sort((a, b) => a.t - b.t);
    for (const c of batch) {
      if (c.t <= lastT) continue;
      lastT = c.t;
      if (c.t < r.start || c.t >= r.end || c.T >= now) continue;
      fresh.push(c);
    }
    const last = batch[batch.length - 1]!;
    const next = last.T + 1;
    yield { candles: fresh, cursor: Math.min(next, r.end), requests };
    if (next <= cursor || last.T >= r.end - 1 || last.T >= now) break;
    cursor = next;
  }
}
