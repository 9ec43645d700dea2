/**
 * `algo-trade data-info`: loads a bar file the way `backtest` does and describes it — layout
 * result, symbol, interval, range, price/size grid, gaps, skipped rows, load speed. Useful to
 * check a file (and its filters) before a backtest; bad input fails with the same messages.
 */
import type { Command } from "../../cli/command.ts";
import { flag, req, str, time } from "../../cli/parse-args.ts";
import { UsageError } from "../../core/index.ts";
import { gapSummary, intervalName, isoTime, loadBars } from "../../data/index.ts";
import { onBadRowFlag } from "./on-bad-row-flag.ts";

const NAME = "data-info";

export const dataInfoCommand: Command = {
  name: NAME,
  summary: "Describe a bar file (CSV/CSV.gz/Parquet/Arrow): series, range, grid, gaps, bad rows",
  usage: "data-info --data FILE [--symbol SYM] [--interval IV] [--from TIME] [--to TIME] [--on-bad-row error|skip] [--json]",
  options: {
    data: { type: "string", short: "d", description: "Bar file: CSV (plain or .gz), Parquet or Arrow IPC", value: "FILE" },
    symbol: { type: "string", description: "Series to load from a multi-series file", value: "SYM" },
    interval: { type: "string", description: "Interval filter / check (e.g. 1h)", value: "IV" },
    from: { type: "string", description: "First bar open time (inclusive), RFC3339 or epoch ms", value: "TIME" },
    to: { type: "string", description: "End of the window (exclusive), RFC3339 or epoch ms", value: "TIME" },
    "on-bad-row": { type: "string", description: "error: stop at the first bad row; skip: drop and count bad rows", value: "MODE", default: "error" },
    json: { type: "boolean", description: "Print one JSON object" },
  },
  details: [
    "Examples:",
    "  algo-trade data-info -d /work/shared/data/binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz",
    "  algo-trade data-info -d hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz --symbol ETH --interval 1h",
  ].join("\n"),
  async run(args, ctx) {
    const path = req(args, "data", NAME);
    const mode = onBadRowFlag(args, NAME);
    const t0 = performance.now();
    const symbol = str(args, "symbol");
    const interval = str(args, "interval");
    let r;
    try {
      r = await loadBars(path, { symbol, interval, from: time(args, "from", NAME), to: time(args, "to", NAME), onBadRow: mode });
    } catch (e) {
      // A file with several series and no filter: describing it means listing them.
      const series = e instanceof UsageError && symbol === undefined && interval === undefined ? (e.details.series as SeriesRow[] | undefined) : undefined;
      if (!series || series.length < 2) throw e;
      printSeriesList(path, series, flag(args, "json"), ctx.stdout);
      return 0;
    }
    const ms = performance.now() - t0;
    const s = r.series;
    const g = gapSummary(s.tsEvent, s.intervalMs);
    const info = {
      file: path,
      symbol: s.symbol,
      venue: s.venue,
      interval: intervalName(s.intervalMs),
      intervalMs: s.intervalMs,
      bars: s.length,
      first: isoTime(s.tsEvent[0]!),
      last: isoTime(s.tsEvent[s.length - 1]!),
      priceDecimals: r.priceDecimals,
      sizeDecimals: r.sizeDecimals,
      skipped: r.skipped,
      gaps: g.gaps,
      missingBars: g.missingBars,
      largestGap: g.largestMissing > 0 ? { after: isoTime(g.largestFrom), missingBars: g.largestMissing } : null,
      loadMs: Math.round(ms),
    };
    if (flag(args, "json")) {
      ctx.stdout.write(JSON.stringify(info) + "\n");
      return 0;
    }
    const n = (x: number): string => x.toLocaleString("en-US");
    const lines = [
      `File      ${path}`,
      `Series    ${s.symbol} ${info.interval} @${s.venue}: ${n(s.length)} bars`,
      `Range     ${info.first} → ${info.last} (bar open times)`,
      `Grid      price ${r.priceDecimals} decimals (tick ${(10 ** -r.priceDecimals).toFixed(r.priceDecimals)}), size ${r.sizeDecimals} decimals (lot ${(10 ** -r.sizeDecimals).toFixed(r.sizeDecimals)})`,
      `Gaps      ${n(g.gaps)} gaps, ${n(g.missingBars)} missing bars${info.largestGap ? `; largest ${n(g.largestMissing)} bars after ${info.largestGap.after}` : ""}`,
      `Bad rows  ${n(r.skipped)} skipped`,
      `Loaded in ${n(info.loadMs)} ms (${(s.length / Math.max(ms, 1e-3) / 1000).toFixed(2)} M rows/s)`,
    ];
    ctx.stdout.write(lines.join("\n") + "\n");
    return 0;
  },
};

interface SeriesRow {
  readonly symbol: string;
  readonly interval: string;
  readonly rows: number;
}

function printSeriesList(path: string, series: readonly SeriesRow[], json: boolean, out: { write(s: string): unknown }): void {
  if (json) {
    out.write(JSON.stringify({ file: path, series }) + "\n");
    return;
  }
  const w = Math.max(6, ...series.map((x) => x.symbol.length));
  const lines = [
    `File      ${path}`,
    `Series    ${series.length} in this file; describe one with --symbol and --interval:`,
    `  ${"symbol".padEnd(w)}  interval        rows`,
    ...series.map((x) => `  ${x.symbol.padEnd(w)}  ${x.interval.padEnd(8)}  ${x.rows.toLocaleString("en-US").padStart(10)}`),
  ];
  out.write(lines.join("\n") + "\n");
}
