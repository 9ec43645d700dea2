/**
 * TUI benchmarks (issue #6), on real Hyperliquid BTC 1h candles driven through the test kit's
 * SimBot (the same summaries, trades and events shapes the daemon sends):
 *  1. WS frame decode: JSON.parse + decodeStreamMessage of real status frames (frames/s);
 *  2. StreamBatcher: status frames coalesced per UI update (10 bots, a flush every 1,000 frames);
 *  3. reducer: botsUpdated / events actions applied per second (detail open);
 *  4. rendering one frame with Ink's renderToString: bot list (50 bots) at 80 and 160 columns,
 *     bot detail (a bot after 20,000 real Binance BTC 1h bars: ~1,000 trades kept, 4,000-point
 *     equity curve, 300 events) at 80×24 and 140×40.
 * Prints best and median of BENCH_RUNS runs; never fails on time.
 */
import { renderToString } from "ink";
import { createElement as h } from "react";
import { dataFile } from "../src/testkit/data-path.ts";
import { decodeStreamMessage } from "../tui/client/stream-messages.ts";
import { BotListScreen } from "../tui/screens/bots/index.tsx";
import { BotDetailScreen } from "../tui/screens/detail/index.tsx";
import { initialState, reducer } from "../tui/state/reducer.ts";
import { StreamBatcher } from "../tui/state/stream-batcher.ts";
import type { Action, UIState } from "../tui/state/types.ts";
import { HL_CANDLES, loadBars } from "../tui/testing/real-bars.ts";
import { SimBot, simulated } from "../tui/testing/sim-bot.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" });
const fmt = (x: number, d = 1): string => x.toLocaleString("en-US", { maximumFractionDigits: d });

function bench(label: string, unit: string, n: number, fn: () => unknown): void {
  fn();
  const t: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    Bun.gc(true);
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  const best = t[0]!;
  const med = t[Math.floor(t.length / 2)]!;
  if (unit === "ms/frame") console.log(`${label.padEnd(64)} best ${fmt(best / n, 2).padStart(8)} ms/frame   median ${fmt(med / n, 2).padStart(8)} ms/frame`);
  else console.log(`${label.padEnd(64)} best ${fmt((n / best) * 1000, 0).padStart(10)} ${unit}   median ${fmt((n / med) * 1000, 0).padStart(10)} ${unit}`);
}

// Real status frames: 10 bots stepping through the candles, one frame per bar per bot.
const bots = Array.from({ length: 10 }, (_, i) => {
  const b = new SimBot(`bot-${i}`, bars);
  b.transition("running");
  return b;
});
const frames: string[] = [];
for (let i = 0; i < bars.length; i++) {
  for (const b of bots) {
    b.step();
    frames.push(JSON.stringify({ type: "status", bot: b.summary }));
  }
}
const decoded = frames.map((f) => decodeStreamMessage(JSON.parse(f)));
console.log(`workload: ${bars.length} real BTC 1h bars × 10 bots = ${frames.length} status frames (${fmt(frames.reduce((n, f) => n + f.length, 0) / frames.length, 0)} bytes each)`);

bench("decode: JSON.parse + decodeStreamMessage (status frames)", "frames/s", frames.length, () => {
  let n = 0;
  for (const f of frames) if (decodeStreamMessage(JSON.parse(f)).kind === "status") n++;
  return n;
});

let delivered = 0;
bench("batcher: push status frames, flush every 1,000 (→ 10 bots/update)", "frames/s", decoded.length, () => {
  const b = new StreamBatcher((a) => (delivered += a.length), { schedule: () => 1, cancel: () => {} });
  for (let i = 0; i < decoded.length; i++) {
    b.push(decoded[i]!);
    if (i % 1000 === 999) b.flushNow();
  }
  b.flushNow();
});

// A long-running bot for the detail workloads: 20,000 real Binance BTCUSDT 1h bars.
const longBars = loadBars(dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), { limit: 20_000 });
const sim = simulated("btc", longBars, longBars.length);
const actions: Action[] = decoded.flatMap((m): Action[] => (m.kind === "status" ? [{ type: "botsUpdated", bots: m.bots }] : []));
bench("reducer: botsUpdated (10 bots listed, one detail open)", "actions/s", actions.length, () => {
  let s: UIState = reducer(initialState("u"), { type: "snapshot", bots: bots.map((b) => b.summary) });
  s = reducer(s, { type: "openDetail", id: "bot-3" });
  for (const a of actions) s = reducer(s, a);
  return s.bots.length;
});
const eventActions: Action[] = sim.events.map((e) => ({ type: "events", events: [e] }));
bench(`reducer: events one by one (${fmt(sim.events.length, 0)} real events, detail open)`, "actions/s", eventActions.length, () => {
  let s: UIState = reducer(initialState("u"), { type: "snapshot", bots: [sim.summary] });
  s = reducer(s, { type: "openDetail", id: "btc" });
  for (const a of eventActions) s = reducer(s, a);
  return s.detail?.events.length;
});

const many = Array.from({ length: 50 }, (_, i) => ({ ...sim.summary, id: `bot-${String(i).padStart(2, "0")}`, version: i }));
for (const cols of [80, 160]) {
  bench(`render: bot list, 50 bots, ${cols} columns`, "ms/frame", 20, () => {
    for (let k = 0; k < 20; k++) renderToString(h(BotListScreen, { bots: many, selectedId: "bot-25", loaded: true, width: cols, height: 40 }), { columns: cols });
  });
}
let d: UIState = reducer(initialState("u"), { type: "snapshot", bots: [sim.summary] });
d = reducer(d, { type: "openDetail", id: "btc" });
d = reducer(d, {
  type: "detailLoaded",
  id: "btc",
  payload: { detail: { ...sim.summary, recent_events: [], epoch: 1 }, trades: sim.trades, tradesTotal: sim.trades.length, equity: sim.equity, events: sim.events, positions: [] },
});
console.log(`detail workload: ${d.detail!.trades.length} trades, ${d.detail!.equity.length} equity points, ${d.detail!.events.length} events kept`);
for (const [cols, rows] of [[80, 21], [140, 37]] as const) {
  bench(`render: bot detail at ${cols}×${rows + 3}`, "ms/frame", 20, () => {
    for (let k = 0; k < 20; k++) renderToString(h(BotDetailScreen, { bot: d.bots[0]!, detail: d.detail, width: cols, height: rows }), { columns: cols });
  });
}
