/**
 * API benchmarks on a REAL daemon process (bun src/main.ts daemon, or ./algo-trade with
 * BENCH_BINARY=1), on loopback:
 *  1. `GET /api/bots` with 10 bots (slow replay bots, so statuses keep changing) under wrk
 *     (Debian package): requests/s and latency percentiles (wrk shares the 2 cores).
 *  2. WebSocket fan-out: a replay bot at full speed over 76,724 real BTCUSDT 1h bars with 0, then
 *     100 WS clients subscribed to every bot's status, events and fills (one frame per event),
 *     then 100 batched clients (one frame per bot per flush): messages/s delivered to clients
 *     and the engine's bars/s in each run (the slowdown).
 * Prints its figures; never fails on time. Needs wrk (scripts/ensure-system-deps.sh).
 */
import { dataFile } from "../src/testkit/data-path.ts";
import { spawnDaemon, tempDir, removeDir, waitFor, ensureBinary, type DaemonProc } from "../src/testkit/daemon/spawn-daemon.ts";
import type { BotSummary } from "../src/api/index.ts";

const HL = dataFile("hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz");
const BTC_1H = dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz");
const binary = process.env.BENCH_BINARY ? ensureBinary() : undefined;

function load(): string {
  const r = Bun.spawnSync(["cat", "/proc/loadavg"]);
  return r.stdout.toString().split(" ").slice(0, 3).join(" ");
}

async function start(): Promise<{ d: DaemonProc; dir: string }> {
  const dir = tempDir("api-bench-");
  const d = await spawnDaemon({ dir, env: { LOG_LEVEL: "warn" }, ...(binary ? { binary } : {}) });
  return { d, dir };
}

async function wrkBench(): Promise<void> {
  if (!Bun.which("wrk")) {
    console.log("wrk not installed: run scripts/ensure-system-deps.sh");
    return;
  }
  const { d, dir } = await start();
  for (let i = 0; i < 10; i++) {
    const sym = ["BTC", "ETH", "SOL"][i % 3]!;
    await d.json("POST", "/api/bots", { id: `bot-${i}`, symbol: sym, interval: "15m", strategy: "ma_crossover", feed: { kind: "replay", file: HL, bars_per_second: 2 } });
    await d.json("POST", `/api/bots/bot-${i}/start`);
  }
  const body = await (await fetch(`${d.url}/api/bots`)).text();
  console.log(`GET /api/bots: 10 bots (running, 2 bars/s each), response ${body.length} bytes, load before: ${load()}`);
  for (const [threads, conns] of [[1, 8], [2, 32]] as const) {
    Bun.spawnSync(["wrk", "-t1", "-c8", "-d2s", `${d.url}/api/bots`]); // warm-up
    const r = Bun.spawnSync(["wrk", `-t${threads}`, `-c${conns}`, "-d10s", "--latency", `${d.url}/api/bots`], { stdout: "pipe" });
    const out = r.stdout.toString();
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1];
    const pct = (p: string): string => new RegExp(`\\s${p}%\\s+([\\d.]+\\w+)`).exec(out)?.[1] ?? "?";
    const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? "0";
    console.log(`  wrk -t${threads} -c${conns} -d10s: ${Number(rps).toFixed(0)} req/s, p50 ${pct("50")}, p90 ${pct("90")}, p99 ${pct("99")}, non-2xx ${errors}`);
  }
  await d.kill("SIGTERM");
  removeDir(dir);
}

async function fanout(clients: number, batch = false): Promise<void> {
  const { d, dir } = await start();
  await d.json("POST", "/api/bots", { id: "fast", symbol: "BTCUSDT", interval: "1h", strategy: "ma_crossover", feed: { kind: "replay", file: BTC_1H, bars_per_second: 0 } });
  const sockets: WebSocket[] = [];
  let received = 0;
  let bytes = 0;
  for (let i = 0; i < clients; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${d.port}/ws?subscribe=status,events,fills${batch ? "&batch=1" : ""}`);
    ws.onmessage = (e) => {
      received++;
      bytes += String(e.data).length;
    };
    sockets.push(ws);
  }
  await waitFor(() => sockets.every((s) => s.readyState === WebSocket.OPEN), "clients open", 30_000);
  await waitFor(() => received >= clients * 2, "hello + subscribed", 30_000);
  const base = received;
  const baseBytes = bytes;
  await d.json("POST", "/api/bots/fast/start");
  await waitFor(async () => (await d.json<BotSummary>("GET", "/api/bots/fast")).state === "running", "running", 30_000);
  const t0 = performance.now();
  const done = await waitFor(async () => {
    const s = await d.json<BotSummary>("GET", "/api/bots/fast");
    return s.feed_status.state === "ended" ? s : null;
  }, "replay end", 300_000);
  const secs = (performance.now() - t0) / 1000;
  // Let the last pushes arrive (status throttle is 250 ms).
  const settle = performance.now();
  let last = -1;
  while (received !== last && performance.now() - settle < 5000) {
    last = received;
    await Bun.sleep(300);
  }
  const msgs = received - base;
  const events = (await d.json<{ total: number }>("GET", "/api/bots/fast/events?limit=1")).total;
  const m = await (await fetch(`${d.url}/metrics`)).text();
  const dropped = /algo_ws_dropped_clients_total (\d+)/.exec(m)?.[1] ?? "?";
  console.log(
    `  ${String(clients).padStart(3)} WS clients${batch ? " (batched)" : ""}: ${done.bars} bars in ${secs.toFixed(2)} s = ${(done.bars / secs).toFixed(0)} bars/s; ` +
      `${events} events, ${msgs} messages delivered (${(msgs / secs).toFixed(0)} msgs/s, ${((bytes - baseBytes) / secs / 1e6).toFixed(1)} MB/s), dropped clients ${dropped}`,
  );
  for (const s of sockets) s.close();
  await d.kill("SIGTERM");
  removeDir(dir);
}

console.log(`api.bench: daemon from ${binary ?? "sources (bun src/main.ts)"}, load ${load()}`);
await wrkBench();
console.log(`WS fan-out, replay bot at full speed over 76,724 BTCUSDT 1h bars (ma_crossover 10/30), load before: ${load()}`);
await fanout(0);
await fanout(100);
await fanout(100, true);
