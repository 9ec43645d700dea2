/**
 * Storage tiers benchmark on the real ≈1M-row Binance BTCUSDT 1m file:
 *  - PostgreSQL ingest through the project (validated binary COPY into the partitioned table)
 *    vs `psql -c "\copy …"` of the same rows into an identical fresh table, in the same run,
 *    interleaved (ratio = project rows/s ÷ psql rows/s; target ≥ 0.7);
 *  - embedded DuckDB ingest; warm reads back to a BarSeries;
 *  - export to Parquet (embedded and PostgreSQL warm); a DuckDB aggregate over the cold files;
 *  - hot tier append and query rates.
 * Prints its figures; never fails on time. Needs the machine's PostgreSQL and psql.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { candleBatchFromSeries, ColdStore, DuckDBWarmStore, HotStore, HotStream, PgWarmStore, validateBatch } from "../src/storage/index.ts";
import { dataFile } from "../src/testkit/data-path.ts";
import { readCsvBars } from "../src/testkit/engine/read-csv-bars.ts";
import { createTestSchema } from "../src/testkit/pg-schema.ts";
import { BTC_1M_FILE } from "../src/testkit/storage-fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "storage-bench-"));
const fmt = (x: number, d = 0): string => x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const rate = (rows: number, ms: number): string => `${fmt(rows / (ms / 1000))} rows/s`;
const line = (name: string, ms: number, extra = ""): void => console.log(`${name.padEnd(58)} ${fmt(ms, 0).padStart(8)} ms  ${extra}`);
const now = (): number => performance.now();

console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(" ")} (2 cores, shared)`);
let t = now();
const bars = readCsvBars(dataFile(BTC_1M_FILE), { intervalMs: 60_000, symbol: "BTCUSDT" }).series;
line(`parse ${BTC_1M_FILE} (${fmt(bars.length)} rows)`, now() - t);
t = now();
const valid = validateBatch(candleBatchFromSeries(bars, { venue: "binance", interval: "1m" }), { minTs: 0, maxTs: Date.UTC(2100, 0, 1) });
line("validate at the ingest boundary", now() - t, rate(bars.length, now() - t));

// CSV for psql, same rows and columns (not timed).
const csvPath = join(dir, "btc.csv");
{
  const parts: string[] = [];
  for (let i = 0; i < bars.length; i++) {
    parts.push(`${new Date(bars.tsEvent[i]!).toISOString()},binance,BTCUSDT,1m,${bars.open[i]},${bars.high[i]},${bars.low[i]},${bars.close[i]},${bars.volume[i]}`);
  }
  writeFileSync(csvPath, parts.join("\n") + "\n");
}

async function freshPg(): Promise<{ store: PgWarmStore; drop(): Promise<void>; schema: string; url: string }> {
  const s = await createTestSchema("bench");
  const store = new PgWarmStore({ url: s.url, schema: s.schema });
  await store.migrate();
  await store.sql`SELECT algo_ensure_partitions('candles', ${new Date(bars.tsEvent[0]!)}, ${new Date(bars.tsEvent[bars.length - 1]!)})`;
  return { store, schema: s.schema, url: s.url, drop: async () => { await store.close(); await s.drop(); } };
}

console.log("\n— PostgreSQL ingest: project vs psql \\copy (same table definition, partitions pre-created, interleaved, 3 rounds) —");
const project: number[] = [];
const psql: number[] = [];
for (let round = 0; round < 3; round++) {
  const a = await freshPg();
  t = now();
  await a.store.write(valid);
  project.push(now() - t);
  line(`round ${round + 1}: project (binary COPY, validated rows)`, project.at(-1)!, rate(bars.length, project.at(-1)!));
  if (round === 0) {
    t = now();
    const back = await a.store.queryCandles({ symbol: "BTCUSDT", interval: "1m" });
    line(`warm read back (PostgreSQL → BarSeries, ${fmt(back.length)} rows)`, now() - t, rate(back.length, now() - t));
  }
  await a.drop();
  const b = await freshPg();
  t = now();
  const p = Bun.spawnSync(["psql", b.url, "-v", "ON_ERROR_STOP=1", "-c", `\\copy candles (ts, venue, symbol, interval, open, high, low, close, volume) from '${csvPath}' with (format csv)`], { env: { ...process.env, PGOPTIONS: `-c search_path=${b.schema}` } });
  psql.push(now() - t);
  if (p.exitCode !== 0) console.log(`psql failed: ${p.stderr.toString()}`);
  line(`round ${round + 1}: psql \\copy (text CSV)`, psql.at(-1)!, rate(bars.length, psql.at(-1)!));
  await b.drop();
}
const best = (xs: number[]): number => Math.min(...xs);
const ratios = project.map((x, i) => psql[i]! / x);
const median = [...ratios].sort((a, b) => a - b)[1]!;
console.log(`ratio project/psql rows/s: best-of-3 ${(best(psql) / best(project)).toFixed(2)}, median of per-round ratios ${median.toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(", ")}) — target ≥ 0.7`);
{
  const c = await createTestSchema("bench");
  const store = new PgWarmStore({ url: c.url, schema: c.schema });
  await store.migrate();
  t = now();
  await store.write(valid);
  line("project incl. creating the ~90 monthly partitions", now() - t, rate(bars.length, now() - t));
  const sub = { batch: valid.batch, rows: valid.rows.subarray(0, 100_000) };
  t = now();
  await store.write(sub);
  line("re-delivery of 100k stored rows (staging + ON CONFLICT)", now() - t, rate(100_000, now() - t));
  const pgCold = new ColdStore(join(dir, "cold-pg"));
  t = now();
  const r = await pgCold.exportFromWarm(store, { table: "candles", fromMs: 0, toMs: Date.UTC(2100, 0, 1) });
  line(`export PostgreSQL → Parquet (${fmt(r.rows)} rows, ${r.files} files)`, now() - t, rate(r.rows, now() - t));
  await pgCold.close();
  await store.close();
  await c.drop();
}

console.log("\n— Embedded DuckDB warm tier —");
const duck = new DuckDBWarmStore(join(dir, "warm.duckdb"));
await duck.migrate();
t = now();
await duck.write(valid);
line("ingest into embedded DuckDB (appender + INSERT, PK)", now() - t, rate(bars.length, now() - t));
t = now();
const dback = await duck.queryCandles({ symbol: "BTCUSDT", interval: "1m" });
line(`warm read back (DuckDB → BarSeries, ${fmt(dback.length)} rows)`, now() - t, rate(dback.length, now() - t));

console.log("\n— Cold tier (Parquet via DuckDB) —");
const cold = new ColdStore(join(dir, "cold"));
t = now();
const ex = await cold.exportFromWarm(duck, { table: "candles", fromMs: 0, toMs: Date.UTC(2100, 0, 1) });
line(`export embedded warm → Parquet (${fmt(ex.rows)} rows, ${ex.files} files)`, now() - t, rate(ex.rows, now() - t));
for (let k = 0; k < 2; k++) {
  t = now();
  const q = await cold.query("SELECT date_trunc('month', ts) AS m, count(*) AS n, avg(close) AS c, max(high) AS h, min(low) AS l, sum(volume) AS v FROM candles GROUP BY 1 ORDER BY 1");
  line(`DuckDB monthly aggregate over ${ex.files} cold files (${k ? "warm cache" : "first run"}, ${q.rows.length} rows)`, now() - t);
}
t = now();
const cb = await cold.loadCandles({ symbol: "BTCUSDT", interval: "1m" });
line(`cold replay → BarSeries (${fmt(cb.length)} rows)`, now() - t, rate(cb.length, now() - t));
await cold.close();
await duck.close();

console.log("\n— Hot tier (Arrow record batches) —");
{
  const hs = new HotStream({ fields: ["ts", "open", "high", "low", "close", "volume"], maxRows: 100_000, maxAgeMs: 1e15, batchRows: 1024 });
  const row = new Float64Array(6);
  t = now();
  for (let i = 0; i < bars.length; i++) {
    row[0] = bars.tsEvent[i]!;
    row[1] = bars.open[i]!;
    row[2] = bars.high[i]!;
    row[3] = bars.low[i]!;
    row[4] = bars.close[i]!;
    row[5] = bars.volume[i]!;
    hs.appendRow(row);
  }
  line(`appendRow × ${fmt(bars.length)} (bound 100k rows, evicting)`, now() - t, rate(bars.length, now() - t));
  const store = new HotStore({ maxRows: 100_000, maxAgeMs: 1e15, batchRows: 1024 });
  t = now();
  for (let i = 0; i < bars.length; i += 1000) store.stream({ kind: "candles", venue: "binance", symbol: "BTCUSDT", interval: "1m" }).append([bars.tsEvent, bars.open, bars.high, bars.low, bars.close, bars.volume], i, Math.min(bars.length, i + 1000));
  line("columnar append in 1000-row slices", now() - t, rate(bars.length, now() - t));
  const n = 20_000;
  t = now();
  for (let i = 0; i < n; i++) hs.latest(100);
  const lat = now() - t;
  line(`latest(100) × ${fmt(n)}`, lat, `${fmt(n / (lat / 1000))} queries/s`);
  const lo = hs.oldestTs;
  const hi = hs.newestTs;
  t = now();
  for (let i = 0; i < n; i++) {
    const a = lo + ((hi - lo) * (i % 97)) / 100;
    hs.range(a, a + 3_600_000);
  }
  const rq = now() - t;
  line(`range(1 hour) × ${fmt(n)}`, rq, `${fmt(n / (rq / 1000))} queries/s`);
  t = now();
  const table = hs.toTable();
  line(`toTable() (${fmt(table.numRows)} rows, sealed batches zero-copy)`, now() - t);
}
rmSync(dir, { recursive: true, force: true });
console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
