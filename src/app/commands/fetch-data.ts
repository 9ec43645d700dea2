/**
 * `algo-trade fetch-data`: download closed candles from Hyperliquid (default) or Binance USD-M
 * into the seed's CSV layout (or Parquet/Arrow), atomically, with resume, retries, weight limits,
 * a progress bar on a TTY and a one-line summary. See docs/readme/hyperliquid.md.
 */
import type { Command } from "../../cli/command.ts";
import { flag, req, str, time } from "../../cli/parse-args.ts";
import { UsageError } from "../../core/index.ts";
import { LiveClock } from "../../lib/live-clock.ts";
import { isInterval } from "../../venues/hyperliquid/index.ts";
import { runFetch } from "../fetch-data/run-fetch.ts";
import { binanceSource, hyperliquidSource } from "../fetch-data/sources.ts";

const NAME = "fetch-data";
const INTERVAL_LIST = "1m 3m 5m 15m 30m 1h 2h 4h 8h 12h 1d 3d 1w 1M";

export const fetchDataCommand: Command = {
  name: NAME,
  summary: "Download closed candles (Hyperliquid, or Binance USD-M for older history) to CSV/Parquet",
  usage: "fetch-data --symbol BTC --interval 1h --start TIME [--end TIME] --output FILE [--source hyperliquid|binance] [--resume] [--strict]",
  options: {
    symbol: { type: "string", short: "s", description: "Coin (Hyperliquid name, e.g. BTC; for Binance BTC → BTCUSDT)", value: "SYM" },
    interval: { type: "string", short: "i", description: `Candle interval: ${INTERVAL_LIST}`, value: "I" },
    start: { type: "string", description: "Range start, RFC3339 (2025-01-01T00:00:00Z) or epoch ms; inclusive", value: "TIME" },
    end: { type: "string", description: "Range end, RFC3339 or epoch ms; exclusive", value: "TIME", default: "now" },
    output: { type: "string", short: "o", description: "Output file: .csv, .csv.gz, .parquet or .arrow (written atomically)", value: "FILE" },
    source: { type: "string", description: "hyperliquid | binance", value: "SRC", default: "hyperliquid" },
    resume: { type: "boolean", description: "Continue an existing output from its last candle (appends)" },
    strict: { type: "boolean", description: "Exit 1 and write nothing if the venue returns fewer candles than the range implies" },
  },
  details: [
    "Only closed candles are written, ascending and de-duplicated by open time, in the layout",
    "timestamp,symbol,open,high,low,close,volume (timestamp = RFC3339 UTC open time).",
    "Base URLs: config hyperliquid.api_url (env HYPERLIQUID_API_URL), binance.fapi_url (env BINANCE_FAPI_URL).",
    "Hyperliquid keeps only the most recent 5000 candles per interval: a shorter result is reported.",
    "",
    "Examples:",
    "  algo-trade fetch-data --symbol BTC --interval 1h --start 2025-01-01T00:00:00Z --end 2025-02-01T00:00:00Z --output data/btc_jan2025.csv",
    "  algo-trade fetch-data --symbol ETH --interval 1m --start 2024-01-01T00:00:00Z --end 2024-02-01T00:00:00Z --source binance -o data/eth_1m.parquet",
    "  algo-trade fetch-data --symbol BTC --interval 1h --start 2025-01-01T00:00:00Z --output data/btc_1h.csv --resume",
  ].join("\n"),
  async run(args, ctx) {
    const symbol = req(args, "symbol", NAME);
    const interval = req(args, "interval", NAME);
    if (!isInterval(interval)) throw new UsageError(`${NAME}: --interval must be one of ${INTERVAL_LIST}, got "${interval}"`, { flag: "interval" });
    const output = req(args, "output", NAME);
    const clock = new LiveClock();
    const start = time(args, "start", NAME);
    if (start === undefined) throw new UsageError(`${NAME}: missing required flag --start`, { flag: "start" });
    const end = time(args, "end", NAME) ?? clock.now();
    if (!(start < end)) {
      throw new UsageError(`${NAME}: --start must be before --end (got ${new Date(start).toISOString()} ≥ ${new Date(end).toISOString()})`, { flag: "start" });
    }
    const src = str(args, "source") ?? "hyperliquid";
    if (src !== "hyperliquid" && src !== "binance") throw new UsageError(`${NAME}: --source must be hyperliquid or binance, got "${src}"`, { flag: "source" });
    const common = { symbol, log: ctx.log, now: () => clock.now() };
    const source = src === "binance" ? binanceSource({ ...common, baseUrl: ctx.config.binance.fapi_url }) : await hyperliquidSource({ ...common, baseUrl: ctx.config.hyperliquid.api_url });
    const t0 = performance.now();
    const r = await runFetch({ symbol, interval, start, end, output, resume: flag(args, "resume"), strict: flag(args, "strict") }, source, { now: () => clock.now(), stderr: ctx.stderr, isTTY: ctx.isTTY });
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    const iso = (t: number | null) => (t === null ? "-" : new Date(t).toISOString().replace(".000Z", "Z"));
    if (r.upToDate) {
      ctx.stdout.write(`${NAME}: ${output} is already up to date (${r.written} candles, nothing after ${iso(end)})\n`);
      return 0;
    }
    if (r.warning) ctx.stderr.write(`warning: ${r.warning}\n`);
    ctx.stdout.write(
      `${NAME}: wrote ${r.written} candles to ${output} (${r.fetched} fetched${r.kept ? `, ${r.kept} kept from the existing file` : ""}; ` +
        `${source.venue} ${source.venueSymbol} ${interval} ${iso(r.firstFetched)} → ${iso(r.lastFetched)}; ${r.requests} requests, ${r.retries} retries, ${secs} s)\n`,
    );
    return 0;
  },
};
