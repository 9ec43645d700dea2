/**
 * fetch-data orchestration: resolve the range (and, with --resume, continue after the last candle
 * already in the output), pull pages from the source, de-duplicate by open time, sort, write the
 * output atomically, and report — including when the venue returned fewer candles than the range
 * implies (Hyperliquid keeps only the most recent 5000 per coin and interval).
 */
import { existsSync } from "node:fs";
import { DataError, UsageError, type Interval, INTERVALS } from "../../core/index.ts";
import { loadBars } from "../../data/index.ts";
import { countOpens, expectedCandles, nextOpen, openOf } from "../../venues/hyperliquid/index.ts";
import { outputFormat, toSeries, writeAtomically } from "./output.ts";
import { createProgress } from "./progress.ts";
import type { CandleSource, Row } from "./sources.ts";

export interface FetchPlan {
  readonly symbol: string;
  readonly interval: Interval;
  readonly start: number;
  readonly end: number;
  readonly output: string;
  readonly resume: boolean;
  /** Fail (exit 1, nothing written) when fewer candles arrive than the range implies. */
  readonly strict: boolean;
}

export interface FetchReport {
  readonly written: number;
  readonly fetched: number;
  readonly kept: number;
  readonly expected: number;
  readonly missing: number;
  readonly firstFetched: number | null;
  readonly lastFetched: number | null;
  readonly requests: number;
  readonly retries: number;
  readonly upToDate: boolean;
  readonly warning: string | null;
}

export interface FetchIo {
  readonly now: () => number;
  readonly stderr: { write(s: string): unknown };
  readonly isTTY: boolean;
}

export async function runFetch(plan: FetchPlan, source: CandleSource, io: FetchIo): Promise<FetchReport> {
  const format = outputFormat(plan.output);
  const intervalMs = INTERVALS[plan.interval];
  let kept: Row[] = [];
  let start = plan.start;
  if (plan.resume && existsSync(plan.output)) {
    const prev = await loadBars(plan.output, { symbol: plan.symbol });
    const s = prev.series;
    if (s.symbol !== plan.symbol) throw new UsageError(`--resume: ${plan.output} holds ${s.symbol}, not ${plan.symbol}`, { flag: "resume" });
    if (plan.interval !== "1M" && s.length > 1 && s.intervalMs !== intervalMs) {
      throw new UsageError(`--resume: ${plan.output} holds ${s.intervalMs} ms bars, not ${plan.interval}`, { flag: "resume" });
    }
    for (let i = 0; i < s.length; i++) kept.push({ t: s.tsEvent[i]!, open: s.open[i]!, high: s.high[i]!, low: s.low[i]!, close: s.close[i]!, volume: s.volume[i]! });
    if (s.length > 0) start = Math.max(start, nextOpen(openOf(s.tsEvent[s.length - 1]!, plan.interval), plan.interval));
  }
  const now = io.now();
  const expected = start < plan.end ? expectedCandles({ coin: plan.symbol, interval: plan.interval, start, end: plan.end }, now) : 0;
  if (expected === 0 && start >= plan.end) {
    return { written: kept.length, fetched: 0, kept: kept.length, expected: 0, missing: 0, firstFetched: null, lastFetched: null, requests: 0, retries: 0, upToDate: true, warning: null };
  }
  const progress = createProgress(io.stderr, io.isTTY, expected, `${plan.symbol} ${plan.interval}`);
  const fresh: Row[] = [];
  let lastT = kept.length ? kept[kept.length - 1]!.t : -Infinity;
  try {
    for await (const page of source.pages(plan.interval, start, plan.end)) {
      for (const r of page.rows) {
        if (r.t <= lastT) continue; // dedupe against earlier pages and the resumed file
        lastT = r.t;
        fresh.push(r);
      }
      progress.update(fresh.length, (page.cursor - start) / Math.max(1, plan.end - start));
    }
  } finally {
    progress.done();
  }
  fresh.sort((a, b) => a.t - b.t);
  const missing = Math.max(0, expected - fresh.length);
  const warning = missing > 0 ? shortMessage(source.venue, plan, start, fresh, expected, missing) : null;
  if (warning && plan.strict) throw new DataError(`${warning} (--strict: nothing written)`, { file: plan.output, code: "FETCH_SHORT" });
  const rows = kept.length ? [...kept, ...fresh] : fresh;
  if (rows.length === 0) throw new DataError(`${source.venue} returned no closed candles for ${plan.symbol} ${plan.interval} in the range; nothing written`, { file: plan.output, code: "FETCH_EMPTY" });
  await writeAtomically(toSeries(rows, plan.symbol, source.venue, intervalMs, source.venue), plan.output, format);
  return {
    written: rows.length, fetched: fresh.length, kept: kept.length, expected, missing,
    firstFetched: fresh[0]?.t ?? null, lastFetched: fresh.at(-1)?.t ?? null,
    requests: source.stats.requests, retries: source.stats.retries, upToDate: false, warning,
  };
}

function shortMessage(venue: string, plan: FetchPlan, start: number, fresh: readonly Row[], expected: number, missing: number): string {
  const iso = (t: number) => new Date(t).toISOString().replace(".000Z", "Z");
  const head = `${venue} returned ${fresh.length} of the ${expected} closed ${plan.interval} candles the range implies (${missing} missing)`;
  const first = fresh[0]?.t;
  const leading = first === undefined ? expected : countOpens(start, first, plan.interval);
  if (venue === "hyperliquid" && leading > 0) {
    const avail = first === undefined ? "it returned none in the range" : `it has nothing before ${iso(first)}`;
    return `${head}: ${avail} — Hyperliquid serves only the most recent 5000 candles per coin and interval (and none before a listing). Use --source binance for older history`;
  }
  return `${head}: the venue has gaps in this range (outages or before listing)`;
}
