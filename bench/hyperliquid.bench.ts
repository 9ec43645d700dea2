/**
 * Hyperliquid benchmarks (issue #3): parse throughput of real l2Book and trades WebSocket messages
 * (the raw capture in the shared data folder), L1 signing µs/order (anchor: NautilusTrader's
 * native 42 µs), and fetch-data candles/s against the loopback fake on real 1m candles.
 * Prints figures; never fails on time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { captureLines, binanceMinuteCandles, startHyperliquidFake } from "../src/testkit/fakes/hyperliquid/index.ts";
import { HyperliquidHttp, HyperliquidWs, actionHash, orderAction, parseL2Book, parseTrades, signL1Action, walkCandles, formatPrice, formatSize } from "../src/venues/hyperliquid/index.ts";
import { runFetch } from "../src/app/fetch-data/run-fetch.ts";
import { hyperliquidSource } from "../src/app/fetch-data/sources.ts";
import { silentLogger } from "../src/lib/logger.ts";

function rate(label: string, n: number, unit: string, fn: () => void): number {
  fn();
  const t0 = performance.now();
  fn();
  const s = (performance.now() - t0) / 1000;
  const r = n / s;
  console.log(`${label.padEnd(64)} ${Math.round(r).toLocaleString("en-US").padStart(12)} ${unit}`);
  return r;
}

// --- parse throughput on the real capture -------------------------------------------------------
const lines = captureLines();
const books = lines.filter((l) => l.text.startsWith('{"channel":"l2Book"')).map((l) => l.text);
const trades = lines.filter((l) => l.text.startsWith('{"channel":"trades"')).map((l) => l.text);
const REPS = 4000;
let sink = 0;
rate(`l2Book: JSON.parse + parseL2Book (20+20 levels), ${books.length} real msgs × ${REPS}`, books.length * REPS, "msgs/s", () => {
  for (let r = 0; r < REPS; r++) for (const t of books) sink += parseL2Book(JSON.parse(t).data, 0, 0).bids.length;
});
rate(`trades: JSON.parse + parseTrades, ${trades.length} real msgs × ${REPS * 5}`, trades.length * REPS * 5, "msgs/s", () => {
  for (let r = 0; r < REPS * 5; r++) for (const t of trades) sink += parseTrades(JSON.parse(t).data, 0, 0).length;
});
const ws = new HyperliquidWs({ url: "ws://127.0.0.1:1/ws" });
ws.subscribe({ type: "l2Book", coin: "BTC" }, (d, ts) => (sink += parseL2Book(d, 0, ts).asks.length));
ws.subscribe({ type: "trades", coin: "BTC" }, (d, ts) => (sink += parseTrades(d, 0, ts).length));
const all = lines.map((l) => l.text);
rate(`WS client frame routing + parse (mixed capture, ${all.length} msgs × ${REPS})`, all.length * REPS, "msgs/s", () => {
  for (let r = 0; r < REPS; r++) for (const t of all) ws.handleFrame(t, 0);
});

// --- signing -------------------------------------------------------------------------------------
const KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff" as const;
const N = 2000;
const actions = Array.from({ length: N }, (_, i) =>
  orderAction([{ asset: 0, isBuy: i % 2 === 0, price: formatPrice(65_000 + i * 0.37, 5), size: formatSize(0.001 + i * 1e-5, 5), tif: "Gtc" }]),
);
const nonce0 = 1_764_000_000_000;
let t0 = performance.now();
for (let i = 0; i < N; i++) sink += actionHash({ action: actions[i]!, nonce: nonce0 + i }).length;
const hashUs = ((performance.now() - t0) * 1000) / N;
await signL1Action(KEY, { action: actions[0]!, nonce: nonce0 }, true);
t0 = performance.now();
for (let i = 0; i < N; i++) sink += (await signL1Action(KEY, { action: actions[i]!, nonce: nonce0 + i }, true)).v;
const signUs = ((performance.now() - t0) * 1000) / N;
console.log(`${"order action hash (msgpack + nonce + keccak)".padEnd(64)} ${hashUs.toFixed(1).padStart(12)} µs/order`);
console.log(`${"L1 sign one order (hash + EIP-712 digest + secp256k1)".padEnd(64)} ${signUs.toFixed(1).padStart(12)} µs/order  (NautilusTrader native: 42 µs)`);

// --- fetch-data against the fake -----------------------------------------------------------------
const minutes = binanceMinuteCandles("BTC", 5000);
const now = minutes.at(-1)!.T + 1;
for (const cap of [5000, 500]) {
  const fake = startHyperliquidFake({ candles: minutes, now, responseCap: cap });
  try {
    const http = new HyperliquidHttp({ baseUrl: fake.url });
    let n = 0;
    const w0 = performance.now();
    for await (const p of walkCandles(http, { coin: "BTC", interval: "1m", start: minutes[0]!.t, end: now }, { now: () => now })) n += p.candles.length;
    const ws0 = (performance.now() - w0) / 1000;
    console.log(`${`candle walk, ${n} real 1m candles, response cap ${cap} (${http.requests} requests)`.padEnd(64)} ${Math.round(n / ws0).toLocaleString("en-US").padStart(12)} candles/s`);
    const dir = mkdtempSync(join(tmpdir(), "hl-bench-"));
    const f0 = performance.now();
    const src = await hyperliquidSource({ baseUrl: fake.url, symbol: "BTC", log: silentLogger, now: () => now });
    const r = await runFetch({ symbol: "BTC", interval: "1m", start: minutes[0]!.t, end: now, output: join(dir, "b.csv"), resume: false, strict: false }, src, { now: () => now, stderr: process.stderr, isTTY: false });
    const fs = (performance.now() - f0) / 1000;
    console.log(`${`fetch-data end to end → CSV (${r.written} candles, cap ${cap})`.padEnd(64)} ${Math.round(r.written / fs).toLocaleString("en-US").padStart(12)} candles/s`);
    rmSync(dir, { recursive: true, force: true });
  } finally {
    await fake.stop();
  }
}
if (sink === 42) console.log("");
