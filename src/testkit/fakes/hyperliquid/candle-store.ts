/**
 * The fake's candle database with the venue's documented behaviour (protocols.md §A.1):
 *  - only candles that have opened by the fake's `now` exist; the one containing `now` is served
 *    in its in-progress state (aggregated from finer real candles when available, otherwise a
 *    deterministic partial path ending at the real values);
 *  - per (coin, interval) only the most recent `retain` (5000) candles are reachable;
 *  - a request [startTime, endTime] returns every candle with T ≥ startTime and t ≤ endTime,
 *    oldest first, capped at `responseCap` (5000, or 500 to exercise pagination).
 * Intervals that were not loaded are aggregated from the finest loaded interval that divides them.
 */
import { INTERVALS, type Interval } from "../../../core/index.ts";
import { closeOf, openOf } from "../../../venues/hyperliquid/intervals.ts";
import type { WireCandle } from "../../../venues/hyperliquid/types.ts";

export interface CandleStoreOptions {
  readonly retain?: number;
  readonly responseCap?: number;
}

export class CandleStore {
  readonly retain: number;
  responseCap: number;
  private readonly base = new Map<string, WireCandle[]>();
  private readonly derived = new Map<string, WireCandle[]>();

  constructor(o: CandleStoreOptions = {}) {
    this.retain = o.retain ?? 5000;
    this.responseCap = o.responseCap ?? 5000;
  }

  add(candles: readonly WireCandle[]): void {
    for (const c of candles) {
      const key = `${c.s}:${c.i}`;
      let arr = this.base.get(key);
      if (!arr) this.base.set(key, (arr = []));
      arr.push(c);
    }
    for (const arr of this.base.values()) arr.sort((a, b) => a.t - b.t);
    this.derived.clear();
  }

  coins(): string[] {
    return [...new Set([...this.base.keys()].map((k) => k.split(":")[0]!))];
  }

  /** Last open time with data for a coin/interval (for choosing a default `now`). */
  lastClose(): number {
    let m = 0;
    for (const arr of this.base.values()) m = Math.max(m, arr[arr.length - 1]!.T);
    return m;
  }

  /** Full (closed-at-the-end-of-data) series for coin/interval, aggregated if needed. */
  series(coin: string, interval: Interval): WireCandle[] {
    const key = `${coin}:${interval}`;
    const b = this.base.get(key);
    if (b) return b;
    let d = this.derived.get(key);
    if (d) return d;
    // History: the coarsest loaded divisor (longest coverage); in-progress states use the finest.
    const src = this.divisor(coin, interval, "coarsest");
    d = src ? aggregate(src.candles, interval, coin) : [];
    this.derived.set(key, d);
    return d;
  }

  /** candleSnapshot semantics at time `now`. */
  snapshot(coin: string, interval: Interval, startTime: number, endTime: number | null, now: number): WireCandle[] {
    const all = this.series(coin, interval);
    const lastIdx = upperBound(all, now) - 1; // last candle with t ≤ now
    if (lastIdx < 0) return [];
    const firstRetained = Math.max(0, lastIdx - this.retain + 1);
    const end = endTime ?? Number.MAX_SAFE_INTEGER;
    const out: WireCandle[] = [];
    for (let i = Math.max(firstRetained, lowerBoundT(all, startTime)); i <= lastIdx && out.length < this.responseCap; i++) {
      const c = all[i]!;
      if (c.t > end) break;
      out.push(c.T >= now ? this.partial(coin, interval, c, now) : c);
    }
    return out;
  }

  /** The candle containing `now` in its in-progress state, or null when there is none. */
  current(coin: string, interval: Interval, now: number): WireCandle | null {
    const all = this.series(coin, interval);
    const i = upperBound(all, now) - 1;
    if (i < 0) return null;
    const c = all[i]!;
    return c.T >= now ? this.partial(coin, interval, c, now) : c;
  }

  /** Latest price of a coin at `now`: close of its finest series' current candle (or null). */
  lastPrice(coin: string, now: number): string | null {
    let best: Interval | null = null;
    for (const key of this.base.keys()) {
      const [c, i] = key.split(":") as [string, Interval];
      if (c === coin && i !== "1M" && (best === null || INTERVALS[i] < INTERVALS[best])) best = i;
    }
    if (best === null) return null;
    return this.current(coin, best, now)?.c ?? null;
  }

  /** Candles of coin/interval with open time in (fromExclusive, toInclusive]. */
  opened(coin: string, interval: Interval, fromExclusive: number, toInclusive: number): WireCandle[] {
    const all = this.series(coin, interval);
    return all.slice(upperBound(all, fromExclusive), upperBound(all, toInclusive));
  }

  private partial(coin: string, interval: Interval, c: WireCandle, now: number): WireCandle {
    const src = this.divisor(coin, interval, "finest", true);
    if (src) {
      const parts = src.candles.slice(lowerBoundT(src.candles, c.t), upperBound(src.candles, now));
      const done = parts.filter((p) => p.T < now && p.t >= c.t);
      if (done.length > 0) return { ...aggregateOne(done, c.t, c.T, coin, interval) };
    }
    // Deterministic partial path from the open towards the real close.
    const f = Math.min(1, Math.max(0, (now - c.t) / (c.T + 1 - c.t)));
    const o = Number(c.o);
    const px = o + (Number(c.c) - o) * f;
    const cs = trim(px);
    return { ...c, c: cs, h: trim(Math.max(o, px)), l: trim(Math.min(o, px)), v: trim(Number(c.v) * f), n: Math.floor(c.n * f) };
  }

  private divisor(coin: string, interval: Interval, pick: "finest" | "coarsest", strictlyFiner = false): { candles: WireCandle[] } | null {
    const target = INTERVALS[interval];
    let best: { candles: WireCandle[]; ms: number } | null = null;
    for (const [key, candles] of this.base) {
      const [c, i] = key.split(":") as [string, Interval];
      if (c !== coin) continue;
      const ms = INTERVALS[i];
      if (i === "1M" || ms > target || (strictlyFiner && ms === target)) continue;
      const divides = interval === "1M" || interval === "1w" ? ms <= 86_400_000 && 86_400_000 % ms === 0 : target % ms === 0;
      if (divides && (!best || (pick === "finest" ? ms < best.ms : ms > best.ms))) best = { candles, ms };
    }
    return best;
  }
}

/** Aggregates complete buckets only (every constituent candle present); partial buckets are dropped. */
function aggregate(src: readonly WireCandle[], interval: Interval, coin: string): WireCandle[] {
  const out: WireCandle[] = [];
  let i = 0;
  while (i < src.length) {
    const open = openOf(src[i]!.t, interval);
    const close = closeOf(open, interval);
    let j = i;
    while (j < src.length && src[j]!.t <= close) j++;
    const group = src.slice(i, j);
    const srcMs = group[0]!.T - group[0]!.t + 1;
    if (group.length === (close + 1 - open) / srcMs && group[0]!.t === open) out.push(aggregateOne(group, open, close, coin, interval));
    i = j;
  }
  return out;
}

function aggregateOne(g: readonly WireCandle[], t: number, T: number, coin: string, interval: Interval): WireCandle {
  let h = -Infinity;
  let l = Infinity;
  let v = 0;
  let n = 0;
  for (const c of g) {
    h = Math.max(h, Number(c.h));
    l = Math.min(l, Number(c.l));
    v += Number(c.v);
    n += c.n;
  }
  return { t, T, s: coin, i: interval, o: g[0]!.o, c: g[g.length - 1]!.c, h: trim(h), l: trim(l), v: trim(v), n };
}

/** Plain decimal string with ≤ 8 decimals and no exponent (as the venue's strings). */
function trim(x: number): string {
  const s = x.toFixed(8).replace(/\.?0+$/, "");
  return s === "-0" ? "0" : s;
}

/** First index with t > x. */
function upperBound(a: readonly WireCandle[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m]!.t <= x) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** First index with T ≥ x (the candle containing x or the next one). */
function lowerBoundT(a: readonly WireCandle[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m]!.T < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}
