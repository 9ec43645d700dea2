/**
 * Binance USD-M futures klines (`GET /fapi/v1/klines`, up to 1500 per request) for history that
 * Hyperliquid no longer serves. Same contract as the Hyperliquid candle walk: ascending,
 * de-duplicated by open time, only start ≤ t < end, never a kline that has not closed (Binance
 * returns the open one), pages yielded as they arrive.
 *
 * Row shape: [openTime, "o", "h", "l", "c", "v", closeTime, "quoteVolume", trades, "takerBase",
 * "takerQuote", "ignore"]. Weight per request by limit (1 / 2 / 5 / 10) against 2400 per minute;
 * the server's X-MBX-USED-WEIGHT-1M header is honoured when it says we are closer to the cap.
 * 429/5xx/network errors are retried with full-jitter backoff (Retry-After respected).
 */
import { DataError, type VenueError } from "../../core/index.ts";
import { binanceHttpError, binanceNetworkError } from "./errors.ts";

export interface Kline {
  readonly t: number;
  readonly T: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly trades: number;
  readonly tsInit: number;
}

export interface BinanceKlinesOptions {
  readonly baseUrl: string;
  readonly retries?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly weightPerMinute?: number;
  readonly limit?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly onRetry?: (e: VenueError, attempt: number, delayMs: number) => void;
}

export interface KlineRange {
  readonly symbol: string;
  readonly interval: string;
  readonly start: number;
  readonly end: number;
}

export function klineWeight(limit: number): number {
  return limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
}

export class BinanceKlinesClient {
  requests = 0;
  retries = 0;
  private usedWeight = 0;
  private windowStart = 0;
  private readonly o: Required<Omit<BinanceKlinesOptions, "onRetry">> & Pick<BinanceKlinesOptions, "onRetry">;

  constructor(o: BinanceKlinesOptions) {
    this.o = {
      retries: 6, baseDelayMs: 250, maxDelayMs: 15_000, weightPerMinute: 2400, limit: 1500,
      sleep: (ms) => (ms <= 0 ? Promise.resolve() : new Promise((r) => setTimeout(r, ms))),
      random: Math.random, now: () => Date.now(), ...o, baseUrl: o.baseUrl.replace(/\/+$/, ""),
    };
  }

  /** Walks [start, end) page by page; each page holds new, closed, in-range klines. */
  async *walk(r: KlineRange): AsyncGenerator<{ klines: Kline[]; cursor: number; requests: number }> {
    let cursor = r.start;
    let lastT = -Infinity;
    while (cursor < r.end) {
      const rows = await this.get(r.symbol, r.interval, cursor, r.end - 1);
      if (rows.length === 0) break;
      const now = this.o.now();
      const fresh: Kline[] = [];
      for (const k of rows) {
        if (k.t <= lastT) continue;
        lastT = k.t;
        if (k.t >= r.start && k.t < r.end && k.T < now) fresh.push(k);
      }
      const last = rows[rows.length - 1]!;
      yield { klines: fresh, cursor: Math.min(last.T + 1, r.end), requests: this.requests };
      if (rows.length < this.o.limit || last.T + 1 <= cursor || last.T >= now) break;
      cursor = last.T + 1;
    }
  }

  private async get(symbol: string, interval: string, startTime: number, endTime: number): Promise<Kline[]> {
    const what = `klines ${symbol} ${interval}`;
    const url = `${this.o.baseUrl}/fapi/v1/klines?symbol=${encodeURIComponent(symbol)}&interval=${encodeURIComponent(interval)}&startTime=${startTime}&endTime=${endTime}&limit=${this.o.limit}`;
    for (let attempt = 0; ; attempt++) {
      await this.budget(klineWeight(this.o.limit));
      let err: VenueError & { retryAfterMs?: number };
      try {
        this.requests++;
        const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
        const text = await res.text();
        const used = Number(res.headers.get("x-mbx-used-weight-1m"));
        if (Number.isFinite(used) && used > this.usedWeight) this.usedWeight = used;
        if (res.ok) return parseKlines(text, what, this.o.now());
        err = binanceHttpError(res.status, text, what);
        const ra = res.headers.get("retry-after");
        if (ra && /^\d+$/.test(ra)) err.retryAfterMs = Number(ra) * 1000;
      } catch (e) {
        if (e instanceof DataError) throw e;
        err = binanceNetworkError(what, e);
      }
      if (!err.retryable || attempt >= this.o.retries) throw err;
      const cap = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** attempt);
      const delay = Math.max(Math.floor(this.o.random() * cap), err.retryAfterMs ?? 0);
      this.retries++;
      this.o.onRetry?.(err, attempt + 1, delay);
      await this.o.sleep(delay);
    }
  }

  /** Fixed one-minute windows, as Binance meters the 1M weight. */
  private async budget(w: number): Promise<void> {
    for (;;) {
      const t = this.o.now();
      if (t - this.windowStart >= 60_000) {
        this.windowStart = Math.floor(t / 60_000) * 60_000;
        this.usedWeight = 0;
      }
      if (this.usedWeight + w <= this.o.weightPerMinute) {
        this.usedWeight += w;
        return;
      }
      await this.o.sleep(this.windowStart + 60_000 - t + 1);
    }
  }
}

export function parseKlines(text: string, what: string, tsInit: number): Kline[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new DataError(`${what}: reply is not JSON: ${(e as Error).message}`, { code: "BN_PARSE" });
  }
  if (!Array.isArray(raw)) throw new DataError(`${what}: expected an array of klines`, { code: "BN_PARSE" });
  return raw.map((row, i) => {
    const where = `${what}[${i}]`;
    if (!Array.isArray(row) || row.length < 9) throw new DataError(`${where}: expected a kline array`, { column: where, code: "BN_PARSE" });
    const num = (v: unknown, f: string): number => {
      const n = typeof v === "string" && v !== "" ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw new DataError(`${where}.${f}: ${JSON.stringify(v)} is not a decimal string`, { column: f, code: "BN_PARSE" });
      return n;
    };
    if (!Number.isSafeInteger(row[0]) || !Number.isSafeInteger(row[6])) throw new DataError(`${where}: open/close time must be integers`, { column: "openTime", code: "BN_PARSE" });
    return {
      t: row[0] as number, T: row[6] as number, open: num(row[1], "open"), high: num(row[2], "high"), low: num(row[3], "low"),
      close: num(row[4], "close"), volume: num(row[5], "volume"), trades: typeof row[8] === "number" ? row[8] : 0, tsInit,
    };
  });
}
