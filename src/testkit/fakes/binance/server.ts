/**
 * Loopback Binance USD-M fake (public market data): GET /fapi/v1/klines serving REAL Binance
 * USD-M 1m perp candles from the shared data folder (other intervals aggregated from them),
 * GET /fapi/v1/time and /fapi/v1/ping. Semantics (protocols.md B.2 conventions): startTime/endTime
 * filter on OPEN time (inclusive), limit default 500 / max 1500, the kline still open at `now` is
 * included (partial), errors as HTTP 400 `{"code","msg"}`, weight used in X-MBX-USED-WEIGHT-1M.
 * Quote volume and taker columns are not in the data files and are served as "0".
 */
import { INTERVALS, type Interval } from "../../../core/index.ts";
import type { WireCandle } from "../../../venues/hyperliquid/types.ts";
import { CandleStore } from "../hyperliquid/candle-store.ts";
import { BINANCE_USDM_1M, readGzLines } from "../hyperliquid/candle-source.ts";
import { dataFile } from "../../data-path.ts";

export interface BinanceFakeOptions {
  /** Symbols to load (default all three: BTCUSDT, ETHUSDT, SOLUSDT). */
  readonly symbols?: readonly ("BTC" | "ETH" | "SOL")[];
  /** Market clock; default: just after the last loaded candle closed. */
  readonly now?: number;
}

export interface BinanceFake {
  readonly url: string;
  readonly stats: { klines: number };
  now(): number;
  setNow(t: number): void;
  failNext(...statuses: number[]): void;
  /** All loaded 1m candles for a symbol (e.g. "BTCUSDT"), for test expectations. */
  minutes(symbol: string): readonly WireCandle[];
  stop(): Promise<void>;
}

let cache: Map<string, WireCandle[]> | null = null;

function loadAll(coins: readonly ("BTC" | "ETH" | "SOL")[]): WireCandle[] {
  cache ??= new Map();
  const out: WireCandle[] = [];
  for (const coin of coins) {
    const sym = `${coin}USDT`;
    let arr = cache.get(sym);
    if (!arr) {
      arr = [];
      const lines = readGzLines(dataFile(BINANCE_USDM_1M[coin]));
      for (let i = 1; i < lines.length; i++) {
        const [ms, , o, h, l, c, v] = lines[i]!.split(",");
        const t = Number(ms);
        arr.push({ t, T: t + 59_999, s: sym, i: "1m", o: o!, c: c!, h: h!, l: l!, v: v!, n: 0 });
      }
      cache.set(sym, arr);
    }
    out.push(...arr);
  }
  return out;
}

export function startBinanceFake(o: BinanceFakeOptions = {}): BinanceFake {
  const store = new CandleStore({ retain: Number.MAX_SAFE_INTEGER });
  store.add(loadAll(o.symbols ?? ["BTC", "ETH", "SOL"]));
  let now = o.now ?? store.lastClose() + 1;
  const failures: number[] = [];
  const stats = { klines: 0 };
  let weight = 0;
  let weightMinute = 0;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "X-MBX-USED-WEIGHT-1M": String(weight) } });
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const url = new URL(req.url);
      const minute = Math.floor(Date.now() / 60_000);
      if (minute !== weightMinute) {
        weightMinute = minute;
        weight = 0;
      }
      const f = failures.shift();
      if (f !== undefined) return json(f, { code: f === 429 ? -1003 : -1000, msg: `fake: injected HTTP ${f}` });
      if (url.pathname === "/fapi/v1/ping") return json(200, {});
      if (url.pathname === "/fapi/v1/time") return json(200, { serverTime: now });
      if (url.pathname !== "/fapi/v1/klines") return json(404, { code: -1000, msg: "Not found" });
      const q = url.searchParams;
      const symbol = q.get("symbol") ?? "";
      const interval = q.get("interval") ?? "";
      const limit = q.has("limit") ? Number(q.get("limit")) : 500;
      if (!symbol) return json(400, { code: -1102, msg: "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed." });
      if (!store.coins().includes(symbol)) return json(400, { code: -1121, msg: "Invalid symbol." });
      if (!Object.hasOwn(INTERVALS, interval)) return json(400, { code: -1120, msg: "Invalid interval." });
      if (!Number.isInteger(limit) || limit < 1 || limit > 1500) return json(400, { code: -1130, msg: "Data sent for parameter 'limit' is not valid." });
      weight += limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
      stats.klines++;
      const start = q.has("startTime") ? Number(q.get("startTime")) : -Infinity;
      const end = q.has("endTime") ? Number(q.get("endTime")) : Infinity;
      const all = store.series(symbol, interval as Interval);
      const rows: unknown[] = [];
      for (let i = lowerBound(all, start); i < all.length && rows.length < limit; i++) {
        const c0 = all[i]!;
        if (c0.t > end || c0.t > now) break;
        const c = c0.T >= now ? store.current(symbol, interval as Interval, now)! : c0;
        rows.push([c.t, c.o, c.h, c.l, c.c, c.v, c.T, "0", c.n, "0", "0", "0"]);
      }
      return json(200, rows);
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    stats,
    now: () => now,
    setNow(t) {
      now = t;
    },
    failNext: (...s) => void failures.push(...s),
    minutes: (symbol) => store.series(symbol, "1m"),
    stop: () => server.stop(true),
  };
}

/** First index with open time ≥ x. */
function lowerBound(a: readonly WireCandle[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m]!.t < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}
