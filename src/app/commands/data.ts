/**
 * `algo-trade data import|export|query` — moving data between files and the storage tiers:
 *   import FILE --kind K   file → warm tier (candles via the bar loader: CSV/Parquet/Arrow; other
 *                          kinds from CSV with catalog column names), validated at the boundary;
 *   export --kind K …      closed time range warm → cold Parquet (verified, atomic, optional delete);
 *   query "SQL"            DuckDB SQL over the cold files (a view per kind) as a table, JSON or CSV.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command, CommandContext, ParsedArgs } from "../../cli/command.ts";
import { flag, num, str, time } from "../../cli/parse-args.ts";
import { DataError, UsageError } from "../../core/index.ts";
import { loadBars } from "../../data/index.ts";
import { LiveClock } from "../../lib/live-clock.ts";
import {
  candleBatchFromSeries, ColdStore, coldRoot, DEFAULT_MIN_TS, isTableName, loadBarsFromTier, readCsvBatch, resolveSymbol, TABLE_NAMES, validateBatch,
  type ColumnBatch, type QueryResult, type TableName,
} from "../../storage/index.ts";
import { openWarmReady } from "./db.ts";
import { onBadRowFlag } from "./on-bad-row-flag.ts";

const NAME = "data";
const DAY = 86_400_000;

export const dataCommand: Command = {
  name: NAME,
  summary: "Storage tiers: import files into warm, export warm ranges to cold Parquet, query cold with SQL",
  usage: 'data import FILE --kind KIND [options] | data export --kind KIND --to TIME [options] | data query "SQL" [--json|--csv]',
  positionals: true,
  options: {
    kind: { type: "string", short: "k", description: `Table: ${TABLE_NAMES.join(", ")}`, value: "KIND" },
    symbol: { type: "string", description: "Series symbol (import: filter/override; export: BTC matches BTCUSDT when unique)", value: "SYM" },
    venue: { type: "string", description: "Venue (import: override the one inferred from the file name)", value: "VENUE" },
    interval: { type: "string", description: "Candle interval (import: check; export: filter)", value: "IV" },
    from: { type: "string", description: "Range start, inclusive (RFC3339 or epoch ms)", value: "TIME" },
    to: { type: "string", description: "Range end, exclusive (export: must not be in the future)", value: "TIME" },
    "on-bad-row": { type: "string", description: "import: error (write nothing) | skip (write the good rows, report the bad)", value: "MODE", default: "error" },
    delete: { type: "boolean", description: "export: delete the verified exported rows from the warm tier" },
    "chunk-days": { type: "string", description: "export: days per warm read", value: "N", default: "tiers.cold.chunk_days = 31" },
    dir: { type: "string", description: "Cold-tier root (default tiers.cold.dir or <data_dir>/cold)", value: "DIR" },
    json: { type: "boolean", description: "Machine-readable output (query: JSON array of objects)" },
    csv: { type: "boolean", description: "query: CSV output" },
  },
  details: [
    "Examples:",
    "  algo-trade data import /work/shared/data/binance_spot_BTCUSDT_1m_stitched_2019-10_2026-04.csv.gz --kind candles",
    "  algo-trade data import funding.csv.gz --kind funding_rates --venue binance-usdm",
    "  algo-trade data export --kind candles --symbol BTC --from 2024-01-01T00:00:00Z --to 2024-02-01T00:00:00Z",
    "  algo-trade data export --kind trades --to 2026-01-01T00:00:00Z --delete",
    "  algo-trade data query \"SELECT symbol, count(*) AS bars, min(ts), max(ts) FROM candles GROUP BY symbol\"",
    "  algo-trade data query \"SELECT date_trunc('day', ts) AS day, max(high) FROM candles GROUP BY 1 ORDER BY 1\" --csv",
    "",
    "Cold layout: <dir>/<kind>/<venue>/<symbol>/date=YYYY-MM-DD.parquet (UTC days). Warm target: see `algo-trade db --help`.",
  ].join("\n"),
  async run(args, ctx) {
    const sub = args.positionals[0];
    if (sub === "import") return importCmd(args, ctx);
    if (sub === "export") return exportCmd(args, ctx);
    if (sub === "query") return queryCmd(args, ctx);
    throw new UsageError(`${NAME}: expected a subcommand: import, export or query${sub ? ` (got "${sub}")` : ""}`);
  },
};

function kindOf(args: ParsedArgs, required = true): TableName {
  const k = str(args, "kind");
  if (k === undefined) {
    if (required) throw new UsageError(`${NAME}: missing required flag --kind (${TABLE_NAMES.join(", ")})`, { flag: "kind" });
    return "candles";
  }
  if (!isTableName(k)) throw new UsageError(`${NAME}: --kind must be one of ${TABLE_NAMES.join(", ")}, got "${k}"`, { flag: "kind" });
  return k;
}

/** The cold store at --dir, else the configured root (tiers.cold.dir or <data_dir>/cold). */
function coldStoreFor(args: ParsedArgs, ctx: CommandContext): ColdStore {
  const dir = str(args, "dir");
  return new ColdStore(dir ? resolve(dir) : coldRoot(ctx.config));
}

async function importCmd(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const file = args.positionals[1];
  if (!file) throw new UsageError(`${NAME} import: missing FILE (e.g. data import bars.csv.gz --kind candles)`);
  if (args.positionals.length > 2) throw new UsageError(`${NAME} import: unexpected argument "${args.positionals[2]}"`);
  if (!existsSync(file)) throw new UsageError(`${NAME} import: file not found: ${file}`);
  const kind = kindOf(args);
  const onBad = onBadRowFlag(args, NAME);
  const from = time(args, "from", NAME);
  const to = time(args, "to", NAME);
  const t0 = performance.now();
  let batch: ColumnBatch;
  let label: string;
  let skippedByLoader = 0;
  if (kind === "candles") {
    const loaded = await loadBars(file, { symbol: str(args, "symbol"), interval: str(args, "interval"), from, to, onBadRow: onBad });
    const s = loaded.series;
    skippedByLoader = loaded.skipped;
    batch = candleBatchFromSeries(s, { venue: str(args, "venue") ?? s.venue, symbol: s.symbol });
    label = `candles ${s.symbol} ${(batch.columns.interval as { constant: string }).constant} @${str(args, "venue") ?? s.venue}`;
  } else {
    const constants: Record<string, string> = {};
    for (const k of ["venue", "symbol", "interval"] as const) if (str(args, k) !== undefined) constants[k] = str(args, k)!;
    batch = readCsvBatch(file, kind, constants);
    label = kind;
  }
  const v = validateBatch(batch, { minTs: from ?? DEFAULT_MIN_TS, maxTs: Math.min(to !== undefined ? to - 1 : Infinity, new LiveClock().now() + DAY) });
  if (v.rejected > 0 && onBad === "error") {
    const first = v.errors[0]!;
    // first.message already starts with "file:line: ".
    throw new DataError(`${first.message} (${v.rejected} bad row${v.rejected > 1 ? "s" : ""}; nothing imported; --on-bad-row skip imports the good rows)`, {
      ...(first.column ? { column: first.column } : {}),
      code: "ROW_REJECTED",
    });
  }
  for (const e of v.errors.slice(0, 5)) ctx.log.warn("Rejected row", { error: e.message });
  const warm = await openWarmReady(ctx);
  try {
    const mode = await warm.mode();
    const step = 100_000;
    let done = 0;
    for (let a = 0; a < v.rows.length; a += step) {
      done += await warm.write({ batch: v.batch, rows: v.rows.subarray(a, a + step) });
      if (ctx.isTTY) ctx.stderr.write(`\rimport ${label}: ${done.toLocaleString("en-US")}/${v.rows.length.toLocaleString("en-US")} rows\x1b[K`);
    }
    if (ctx.isTTY) ctx.stderr.write("\r\x1b[K");
    const secs = (performance.now() - t0) / 1000;
    const out = { kind, file, rows: done, rejected: v.rejected + skippedByLoader, seconds: Number(secs.toFixed(2)), store: warm.description, mode };
    if (flag(args, "json")) ctx.stdout.write(JSON.stringify(out) + "\n");
    else ctx.stdout.write(`Imported ${done.toLocaleString("en-US")} rows of ${label} into ${warm.description} (${mode}) in ${secs.toFixed(1)} s; rejected ${out.rejected}\n`);
    return 0;
  } finally {
    await warm.close();
  }
}

async function exportCmd(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  if (args.positionals.length > 1) throw new UsageError(`${NAME} export: unexpected argument "${args.positionals[1]}"`);
  const kind = kindOf(args);
  const to = time(args, "to", NAME);
  if (to === undefined) throw new UsageError(`${NAME} export: missing required flag --to (exports move closed ranges only)`, { flag: "to" });
  const now = new LiveClock().now();
  if (to > now) throw new UsageError(`${NAME} export: --to ${new Date(to).toISOString()} is in the future; only closed ranges can move to cold`, { flag: "to" });
  const from = time(args, "from", NAME) ?? 0;
  const chunkDays = num(args, "chunk-days", NAME, { min: 1, integer: true }) ?? ctx.config.tiers.cold.chunk_days;
  const warm = await openWarmReady(ctx);
  const cold = coldStoreFor(args, ctx);
  try {
    let symbol = str(args, "symbol");
    const venue = str(args, "venue");
    const interval = str(args, "interval");
    if (symbol !== undefined && kind === "candles") symbol = resolveSymbol({ symbol, interval: interval ?? "", ...(venue ? { venue } : {}) }, (await warm.listSeries("candles")).map((x) => (interval ? x : { ...x, interval: "" }))) ?? symbol;
    const t0 = performance.now();
    const r = await cold.exportFromWarm(warm, { table: kind, fromMs: from, toMs: to, chunkDays, deleteFromWarm: flag(args, "delete"), ...(symbol ? { symbol } : {}), ...(venue ? { venue } : {}), ...(interval ? { interval } : {}) });
    const secs = (performance.now() - t0) / 1000;
    if (flag(args, "json")) ctx.stdout.write(JSON.stringify({ kind, ...r, dir: cold.root, seconds: Number(secs.toFixed(2)) }) + "\n");
    else ctx.stdout.write(`Exported ${r.rows.toLocaleString("en-US")} ${kind} rows${symbol ? ` (${symbol})` : ""} into ${r.files} Parquet files under ${cold.root} in ${secs.toFixed(1)} s; deleted from warm ${r.deleted}${r.skippedDeletes ? ` (${r.skippedDeletes} chunks changed during export were kept)` : ""}\n`);
    return 0;
  } finally {
    await cold.close();
    await warm.close();
  }
}

async function queryCmd(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const sql = args.positionals[1];
  if (!sql) throw new UsageError(`${NAME} query: missing SQL, e.g. data query "SELECT count(*) FROM candles"`);
  if (args.positionals.length > 2) throw new UsageError(`${NAME} query: put the SQL in one quoted argument (got extra "${args.positionals[2]}")`);
  if (flag(args, "json") && flag(args, "csv")) throw new UsageError(`${NAME} query: choose one of --json and --csv`);
  const cold = coldStoreFor(args, ctx);
  try {
    const r = await cold.query(sql);
    ctx.stdout.write(flag(args, "json") ? toJson(r) : flag(args, "csv") ? toCsv(r) : toTable(r));
    return 0;
  } finally {
    await cold.close();
  }
}

export function toTable(r: QueryResult): string {
  const cells = r.rows.map((row) => row.map((c) => c ?? "NULL"));
  const w = r.columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: readonly string[]): string => vals.map((v, i) => (r.numeric[i] ? v.padStart(w[i]!) : v.padEnd(w[i]!))).join("  ").trimEnd();
  return [line(r.columns), w.map((n) => "─".repeat(n)).join("  "), ...cells.map(line), `(${r.rows.length} row${r.rows.length === 1 ? "" : "s"})`].join("\n") + "\n";
}

export function toCsv(r: QueryResult): string {
  const q = (s: string | null): string => (s === null ? "" : /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [r.columns.map(q).join(","), ...r.rows.map((row) => row.map(q).join(","))].join("\n") + "\n";
}

export function toJson(r: QueryResult): string {
  const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
  const rows = r.rows.map((row) => `{${row.map((v, i) => `${JSON.stringify(r.columns[i])}:${v === null ? "null" : r.numeric[i] && num.test(v) ? v : JSON.stringify(v)}`).join(",")}}`);
  return `[${rows.join(",\n")}]\n`;
}

/**
 * Bars for `backtest --source warm|cold|hot`: the same shape src/data's loadBars returns for a
 * file, so the backtest treats a tier like a CSV. Hot is only populated inside the daemon.
 */
export async function loadBarsFromSource(
  ctx: CommandContext,
  source: string,
  q: { symbol: string | undefined; venue: string | undefined; interval: string | undefined; from: number | undefined; to: number | undefined },
): Promise<{ series: import("../../engine/bar-series.ts").BarSeries; skipped: number; priceDecimals: number; sizeDecimals: number }> {
  if (source !== "warm" && source !== "cold") throw new UsageError(`backtest: --source must be warm or cold, got "${source}"`, { flag: "source" });
  if (!q.symbol) throw new UsageError("backtest: --source needs --symbol (e.g. --symbol BTC)", { flag: "symbol" });
  if (!q.interval) throw new UsageError("backtest: --source needs --interval (e.g. --interval 1m)", { flag: "interval" });
  const query = { symbol: q.symbol, interval: q.interval, ...(q.venue ? { venue: q.venue } : {}), ...(q.from !== undefined ? { fromMs: q.from } : {}), ...(q.to !== undefined ? { toMs: q.to } : {}) };
  if (source === "warm") {
    const warm = await openWarmReady(ctx);
    try {
      return { ...(await loadBarsFromTier("warm", query, { warm })), skipped: 0 };
    } finally {
      await warm.close();
    }
  }
  const cold = new ColdStore(coldRoot(ctx.config));
  try {
    return { ...(await loadBarsFromTier("cold", query, { cold })), skipped: 0 };
  } finally {
    await cold.close();
  }
}
