/**
 * Each strategy's signals on REAL data (Binance BTCUSDT 1h, 76,724 bars) against an independent,
 * straightforward recomputation over plain arrays (window sums from scratch on every bar).
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { makeInstrument, type Instrument, type SignalDirection } from "../core/index.ts";
import { loadBars } from "../data/index.ts";
import { dataFile } from "../testkit/data-path.ts";
import { collectSignals, resolveStrategy, type ReplayBars } from "./index.ts";

let bars: ReplayBars;
let inst: Instrument;
let units: number[];
let vols: number[];

beforeAll(async () => {
  const r = await loadBars(dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"));
  bars = r.series;
  inst = makeInstrument({ symbol: "BTCUSDT", tick: (10 ** -r.priceDecimals).toFixed(r.priceDecimals), lot: (10 ** -r.sizeDecimals).toFixed(r.sizeDecimals) });
  units = Array.from(r.series.close, (c) => Math.round(c * 10 ** r.priceDecimals));
  vols = Array.from(r.series.volume, (v) => Math.round(v * 10 ** r.sizeDecimals));
});

/** Sum of a[i−n+1..i], from scratch. */
function windowSum(a: number[], i: number, n: number): number {
  let s = 0;
  for (let k = i - n + 1; k <= i; k++) s += a[k]!;
  return s;
}

/** Exact sign of sa/na − sb/nb for integer sums (cross-multiplied; BigInt beyond 2^53). */
function cmp(sa: number, na: number, sb: number, nb: number): number {
  const x = sa * nb;
  const y = sb * na;
  if (Math.abs(x) < 2 ** 53 && Math.abs(y) < 2 ** 53) return Math.sign(x - y);
  const l = BigInt(sa) * BigInt(nb);
  const r = BigInt(sb) * BigInt(na);
  return l > r ? 1 : l < r ? -1 : 0;
}

function run(name: string, kv: string[] = []): [number, SignalDirection][] {
  return collectSignals(resolveStrategy(name, kv).strategy, bars, inst);
}

describe("ma_crossover", () => {
  function naive(fast: number, slow: number): [number, SignalDirection][] {
    const out: [number, SignalDirection][] = [];
    let last = 0;
    for (let i = slow - 1; i < units.length; i++) {
      const c = cmp(windowSum(units, i, fast), fast, windowSum(units, i, slow), slow);
      if (c !== 0 && c !== last) {
        last = c;
        out.push([i, c > 0 ? "long" : "short"]);
      }
    }
    return out;
  }

  test("default 10/30 equals the naive recomputation bar by bar", () => {
    const got = run("ma_crossover");
    expect(got.length).toBeGreaterThan(1000);
    expect(got[0]![0]).toBe(29); // first full slow window emits at once
    expect(got).toEqual(naive(10, 30));
  });

  test("other windows, including exact ties (equal means emit nothing)", () => {
    expect(run("ma_crossover", ["fast=3", "slow=7"])).toEqual(naive(3, 7));
    // fast=1/slow=2 ties whenever two closes are equal, which real hourly data has
    const got = run("ma_crossover", ["fast=1", "slow=2"]);
    expect(got).toEqual(naive(1, 2));
    let ties = 0;
    for (let i = 1; i < units.length; i++) if (units[i] === units[i - 1]) ties++;
    expect(ties).toBeGreaterThan(10);
  });
});

describe("rsi", () => {
  function naiveRsi(period: number): number[] {
    const rsi = new Array<number>(units.length).fill(NaN);
    let g = 0;
    let l = 0;
    for (let i = 1; i < units.length; i++) {
      const d = units[i]! - units[i - 1]!;
      const up = Math.max(d, 0);
      const dn = Math.max(-d, 0);
      if (i <= period) {
        g += up;
        l += dn;
        if (i < period) continue;
        g /= period;
        l /= period;
      } else {
        g = (g * (period - 1) + up) / period;
        l = (l * (period - 1) + dn) / period;
      }
      rsi[i] = l === 0 ? (g === 0 ? 50 : 100) : 100 - 100 / (1 + g / l);
    }
    return rsi;
  }

  function naive(period: number, lower: number, upper: number, exit: number): [number, SignalDirection][] {
    const r = naiveRsi(period);
    const out: [number, SignalDirection][] = [];
    let pos = 0;
    for (let i = 1; i < r.length; i++) {
      const a = r[i - 1]!;
      const b = r[i]!;
      if (Number.isNaN(a)) continue;
      if (a < lower && b >= lower && pos !== 1) (pos = 1), out.push([i, "long"]);
      else if (a > upper && b <= upper && pos !== -1) (pos = -1), out.push([i, "short"]);
      else if (pos === 1 && a >= exit && b < exit) (pos = 0), out.push([i, "exit"]);
      else if (pos === -1 && a <= exit && b > exit) (pos = 0), out.push([i, "exit"]);
    }
    return out;
  }

  test("default 14 / 30 / 70 / 50 equals the naive recomputation", () => {
    const got = run("rsi");
    expect(got.length).toBeGreaterThan(500);
    expect(got.filter(([, d]) => d === "exit").length).toBeGreaterThan(100);
    expect(got[0]![0]).toBeGreaterThanOrEqual(15);
    expect(got).toEqual(naive(14, 30, 70, 50));
  });

  test("custom levels", () => {
    expect(run("rsi", ["period=7", "lower=20", "upper=80", "exit=55"])).toEqual(naive(7, 20, 80, 55));
  });
});

describe("quad_ma", () => {
  interface Q {
    ma1: number;
    ma2: number;
    ma3: number;
    ma4: number;
    trend: number;
    volFilter: boolean;
    volFactor: number;
    tp: number;
    sl: number;
    confirm: number;
  }
  const DEFAULTS: Q = { ma1: 5, ma2: 10, ma3: 20, ma4: 50, trend: 100, volFilter: true, volFactor: 1.5, tp: 0.02, sl: 0.01, confirm: 3 };

  /** Straight from the documented rules, recomputing every mean from scratch. */
  function naive(q: Q): [number, SignalDirection][] {
    const close = bars.close;
    const out: [number, SignalDirection][] = [];
    let state = 0;
    let entry = 0;
    let pending = 0;
    let count = 0;
    const mean = (n: number, i: number): [number, number] => [windowSum(units, i, n), n];
    const align = (i: number): number => {
      const [s1, s2, l1, l2, t, pt] = [mean(q.ma1, i), mean(q.ma2, i), mean(q.ma3, i), mean(q.ma4, i), mean(q.trend, i), mean(q.trend, i - 1)];
      const slope = t[0] - pt[0];
      const px = cmp(units[i]!, 1, ...t);
      const rel = [cmp(...s1, ...l1), cmp(...s1, ...l2), cmp(...s2, ...l1), cmp(...s2, ...l2)];
      if (rel.every((x) => x > 0) && slope > 0 && px > 0) return 1;
      if (rel.every((x) => x < 0) && slope < 0 && px < 0) return -1;
      return 0;
    };
    for (let i = q.trend; i < units.length; i++) {
      if (state !== 0) {
        const pr = state > 0 ? (close[i]! - entry) / entry : (entry - close[i]!) / entry;
        if (pr >= q.tp || pr <= -q.sl) {
          out.push([i, "exit"]);
          state = 0;
          pending = 0;
          count = 0;
          continue;
        }
      }
      const was = cmp(...mean(q.ma1, i - 1), ...mean(q.ma2, i - 1));
      const is = cmp(...mean(q.ma1, i), ...mean(q.ma2, i));
      const cross = was <= 0 && is > 0 ? 1 : was > 0 && is <= 0 ? -1 : 0;
      const a = align(i);
      const volOk = !q.volFilter || vols[i]! * q.ma4 > windowSum(vols, i, q.ma4) * q.volFactor;
      const setup = cross !== 0 && a === cross && volOk ? cross : 0;
      if (state === 0) {
        if (setup !== 0) {
          state = setup;
          entry = close[i]!;
          out.push([i, setup > 0 ? "long" : "short"]);
        }
        continue;
      }
      if (setup === -state && pending !== setup) {
        pending = setup;
        count = 0;
      }
      if (pending === 0) continue;
      if (a !== pending) {
        pending = 0;
        count = 0;
        continue;
      }
      if (++count >= q.confirm) {
        state = pending;
        entry = close[i]!;
        out.push([i, pending > 0 ? "long" : "short"]);
        pending = 0;
        count = 0;
      }
    }
    return out;
  }

  test("defaults equal the naive recomputation", () => {
    const got = run("quad_ma");
    expect(got.length).toBeGreaterThan(50);
    expect(got[0]![0]).toBeGreaterThanOrEqual(101);
    expect(got).toEqual(naive(DEFAULTS));
  });

  test("no volume filter, 1-bar reversals: flips happen and still match", () => {
    const got = run("quad_ma", ["volume_filter=false", "reversal_confirmation_bars=1", "take_profit=0.05", "stop_loss=0.03"]);
    const expected = naive({ ...DEFAULTS, volFilter: false, confirm: 1, tp: 0.05, sl: 0.03 });
    expect(got).toEqual(expected);
    const flips = got.filter(([, d], k) => k > 0 && d !== "exit" && got[k - 1]![1] !== "exit").length;
    expect(flips).toBeGreaterThan(0);
  });

  test("3-bar confirmation on wide stops produces confirmed reversals", () => {
    const kv = ["volume_filter=false", "take_profit=0.5", "stop_loss=0.5", "ma1=3", "ma2=6", "ma3=12", "ma4=24", "trend_period=48"];
    const got = run("quad_ma", kv);
    expect(got).toEqual(naive({ ...DEFAULTS, volFilter: false, tp: 0.5, sl: 0.5, ma1: 3, ma2: 6, ma3: 12, ma4: 24, trend: 48 }));
    expect(got.filter(([, d], k) => k > 0 && d !== "exit" && got[k - 1]![1] !== "exit").length).toBeGreaterThan(0);
  });
});

test("strategies are deterministic (two runs, identical signals)", () => {
  for (const name of ["ma_crossover", "rsi", "quad_ma"]) expect(run(name)).toEqual(run(name));
});
