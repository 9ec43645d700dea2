/**
 * Bar ingest benchmark (src/data loadBars) on the real 1-minute BTCUSDT file (997,367 rows):
 * CSV gzip (as shipped), CSV plain (a decompressed temp copy), Arrow IPC and Parquet (temp
 * copies written from the same bars in setup). Prints rows/s for a cold load (fresh process,
 * JIT not warm: what a CLI run sees; median of 3 processes) and warm loads (same process, best
 * and median of BENCH_RUNS). Cold runs also report process CPU time (all threads: parser, zlib
 * pool, JIT), which is steadier than wall time when other work shares the cores. Never fails on time.
 *
 *   bun run bench/ingest.bench.ts            # all formats
 *   bun run bench/ingest.bench.ts --one FILE # internal: one cold load, prints ms
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBars, writeBarsArrow, writeBarsParquet } from "../src/data/index.ts";
import { dataFile } from "../src/testkit/data-path.ts";

if (process.argv[2] === "--one") {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await loadBars(process.argv[3]!);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  console.log(JSON.stringify({ ms, cpuMs: (c.user + c.system) / 1000, rows: r.series.length }));
  process.exit(0);
}

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SRC = dataFile("binance_spot_BTCUSDT_1m_stitched_2019-10_2026-04.csv.gz");
const dir = mkdtempSync(join(tmpdir(), "ingest-bench-"));
const fmt = (x: number): string => x.toLocaleString("en-US", { maximumFractionDigits: 2 });

try {
  const plain = join(dir, "binance_spot_BTCUSDT_1m.csv");
  writeFileSync(plain, Bun.gunzipSync(await Bun.file(SRC).bytes()));
  const base = await loadBars(SRC);
  const arrow = join(dir, "BTCUSDT_1m.arrow");
  const parquet = join(dir, "BTCUSDT_1m.parquet");
  await writeBarsArrow(base.series, arrow);
  await writeBarsParquet(base.series, parquet);
  const rows = base.series.length;
  console.log(`rows: ${fmt(rows)} (BTCUSDT 1m, Binance spot)`);
  console.log("format        file MiB   cold ms  cold CPU ms  cold Mrows/s   warm best ms  warm med ms  warm Mrows/s (best)");
  for (const [label, path] of [
    ["csv.gz", SRC],
    ["csv", plain],
    ["arrow ipc", arrow],
    ["parquet", parquet],
  ] as const) {
    const cold: { ms: number; cpuMs: number }[] = [];
    for (let k = 0; k < 3; k++) {
      const p = Bun.spawnSync(["bun", "run", import.meta.path, "--one", path], { stdout: "pipe", stderr: "inherit" });
      cold.push(JSON.parse(p.stdout.toString()));
    }
    cold.sort((a, b) => a.ms - b.ms);
    const warm: number[] = [];
    for (let k = 0; k < RUNS + 1; k++) {
      const t0 = performance.now();
      const r = await loadBars(path);
      if (r.series.length !== rows) throw new Error(`${label}: ${r.series.length} rows, expected ${rows}`);
      if (k > 0) warm.push(performance.now() - t0);
    }
    warm.sort((a, b) => a - b);
    const c = cold[1]!.ms;
    const cpu = cold.map((x) => x.cpuMs).sort((a, b) => a - b)[1]!;
    const best = warm[0]!;
    const med = warm[Math.floor(warm.length / 2)]!;
    console.log(
      `${label.padEnd(12)} ${fmt(statSync(path).size / 2 ** 20).padStart(9)} ${fmt(c).padStart(9)} ${fmt(cpu).padStart(12)} ${fmt(rows / c / 1000).padStart(13)} ${fmt(best).padStart(14)} ${fmt(med).padStart(12)} ${fmt(rows / best / 1000).padStart(13)}`,
    );
  }
  console.log(`peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
