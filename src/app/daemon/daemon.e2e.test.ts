/**
 * End-to-end tests against REAL daemon processes (bun src/main.ts daemon, port 0, own folder):
 *  - a replay bot on real Hyperliquid candles is created, started, paused, resumed and stopped
 *    through the API while its events arrive over WebSocket; SIGTERM exits 0 within 10 s and a
 *    restart restores the bot, its book, trades, equity and events, and it can finish the run;
 *  - after `kill -9`, every trade the API had shown is still there, and the finished run books
 *    exactly what a backtest of the same bars books;
 *  - 1,000 status reads during a run change nothing;
 *  - a live-feed bot with the venue unreachable reports "venue unreachable, retrying" while the
 *    daemon keeps serving.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { makeInstrument } from "../../core/index.ts";
import { loadBars } from "../../data/index.ts";
import { runBacktest } from "../../engine/index.ts";
import { resolveStrategy } from "../../strategies/index.ts";
import type { BotDetail, BotSummary, EquityPoint, Page, TradeView, WsServerMessage, BotEvent } from "../../api/index.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { HL_CANDLES } from "../../testkit/daemon/bot-fixtures.ts";
import { E2E_TOKEN, removeDir, spawnDaemon, tempDir, waitFor, type DaemonProc } from "../../testkit/daemon/spawn-daemon.ts";

const dirs: string[] = [];
const procs: DaemonProc[] = [];
afterAll(async () => {
  for (const p of procs) if (p.proc.exitCode === null) await p.kill(9);
  for (const d of dirs) removeDir(d);
});

async function daemon(dir: string): Promise<DaemonProc> {
  const d = await spawnDaemon({ dir });
  procs.push(d);
  return d;
}

/** Runs a second daemon from the sources to completion (it is expected to be refused): exit code and stderr. */
function secondDaemon(cwd: string, port: number): { exitCode: number; stderr: string } {
  const p = Bun.spawnSync([process.execPath, `${import.meta.dir}/../../main.ts`, "daemon", "--port", String(port)], {
    cwd,
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: process.env.PATH ?? "", ALGO_API_TOKEN: "second-daemon-token-0123456789" },
  });
  return { exitCode: p.exitCode, stderr: p.stderr.toString() };
}

function botBody(id: string, barsPerSecond: number): Record<string, unknown> {
  return { id, symbol: "BTC", interval: "1h", strategy: "ma_crossover", params: { fast: 5, slow: 20 }, feed: { kind: "replay", file: dataFile(HL_CANDLES), bars_per_second: barsPerSecond } };
}

/** Trades a backtest of the same bars and settings books (the bot must match it exactly). */
async function referenceTrades(): Promise<string[]> {
  const { series, priceDecimals, sizeDecimals } = await loadBars(dataFile(HL_CANDLES), { symbol: "BTC", interval: "1h" });
  const unit = (d: number): string => (d <= 0 ? "1" : `0.${"0".repeat(d - 1)}1`);
  const instrument = makeInstrument({ id: 0, symbol: "BTC", tick: unit(priceDecimals), lot: unit(sizeDecimals) });
  const { strategy } = resolveStrategy("ma_crossover", [], JSON.stringify({ fast: 5, slow: 20 }));
  const r = runBacktest(series, instrument, strategy, { capital: 10_000, feeRate: 0.00025, slippageBps: 10, riskPerTradePct: 0.05, maxPositionPct: 0.2, leverage: 1, seed: 1 });
  return r.trades.map((t) => `${t.entryTime}|${t.exitTime}|${t.quantity}`);
}

const key = (t: TradeView): string => `${t.entry_time}|${t.exit_time}|${t.quantity}`;

class WsClient {
  readonly messages: WsServerMessage[] = [];
  readonly ws: WebSocket;
  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.onmessage = (e) => this.messages.push(JSON.parse(String(e.data)) as WsServerMessage);
  }
  events(bot: string): BotEvent[] {
    return this.messages.flatMap((m) => (m.type === "event" && m.bot_id === bot ? [m.event] : []));
  }
}

describe("daemon end to end (real processes)", () => {
  test("lifecycle over HTTP, events over WS, SIGTERM + restart restores everything", async () => {
    const dir = tempDir();
    dirs.push(dir);
    let d = await daemon(dir);
    const ws = new WsClient(`ws://127.0.0.1:${d.port}/ws?subscribe=status,events,fills`);
    await waitFor(() => ws.messages.some((m) => m.type === "subscribed"), "ws subscribed");

    const strategies = await d.json<{ strategies: { name: string; params: { name: string; default: unknown }[] }[] }>("GET", "/api/strategies");
    expect(strategies.strategies.find((s) => s.name === "ma_crossover")?.params.map((p) => [p.name, p.default])).toEqual([
      ["fast", 10],
      ["slow", 30],
    ]);
    const created = await d.json<BotSummary>("POST", "/api/bots", botBody("demo", 150));
    expect(created.state).toBe("stopped");
    await d.json("POST", "/api/bots/demo/start");
    await waitFor(async () => (await d.json<BotSummary>("GET", "/api/bots/demo")).bars > 60, "60 bars");
    const paused = await d.json<BotSummary>("POST", "/api/bots/demo/pause");
    expect(paused.state).toBe("paused");
    const atPause = (await d.json<BotSummary>("GET", "/api/bots/demo")).bars;
    await waitFor(async () => (await d.json<{ status: string }>("GET", "/api/health")).status === "ok", "health");
    expect((await d.json<BotSummary>("GET", "/api/bots/demo")).bars).toBe(atPause);
    expect((await d.json<BotSummary>("POST", "/api/bots/demo/resume")).state).toBe("running");
    await waitFor(async () => (await d.json<BotSummary>("GET", "/api/bots/demo")).trades >= 3, "three trades");
    expect((await d.json<BotSummary>("POST", "/api/bots/demo/stop")).state).toBe("stopped");

    const before = await d.json<BotDetail>("GET", "/api/bots/demo");
    const trades = await d.json<Page<TradeView>>("GET", "/api/bots/demo/trades?limit=5000");
    const equity = await d.json<Page<EquityPoint>>("GET", "/api/bots/demo/equity?limit=5000");
    const events = await d.json<Page<BotEvent>>("GET", "/api/bots/demo/events?limit=5000");
    expect(trades.total).toBe(before.trades);
    expect(equity.total).toBe(before.bars);

    // Everything the bot did reached the WebSocket client, in order.
    await waitFor(() => ws.events("demo").length === events.total, "all events over ws");
    expect(ws.events("demo").map((e) => e.seq)).toEqual(events.items.map((e) => e.seq));
    expect(ws.events("demo").filter((e) => e.type === "state").map((e) => (e.type === "state" ? e.data.to : ""))).toEqual([
      "starting",
      "running",
      "paused",
      "running",
      "stopping",
      "stopped",
    ]);
    expect(ws.messages.filter((m) => m.type === "fill").length).toBe(before.fills);
    ws.ws.close();

    const t0 = Date.now();
    expect(await d.kill("SIGTERM")).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(d.output()).toContain("Daemon stopped");

    d = await daemon(dir);
    const after = await d.json<BotDetail>("GET", "/api/bots/demo");
    const strip = (s: BotDetail) => ({ ...s, last_heartbeat: 0, version: 0, recent_events: s.recent_events.length, feed_status: 0 });
    expect(strip(after)).toEqual(strip(before));
    expect(await d.json<Page<TradeView>>("GET", "/api/bots/demo/trades?limit=5000")).toEqual(trades);
    expect(await d.json<Page<EquityPoint>>("GET", "/api/bots/demo/equity?limit=5000")).toEqual(equity);
    expect(await d.json<Page<BotEvent>>("GET", "/api/bots/demo/events?limit=5000")).toEqual(events);

    // The restored bot resumes after its last bar and finishes with the backtest's trades.
    await d.json("PATCH", "/api/bots/demo", { feed: { bars_per_second: 0 } });
    await d.json("POST", "/api/bots/demo/start");
    await waitFor(async () => (await d.json<BotSummary>("GET", "/api/bots/demo")).feed_status.state === "ended", "replay end", 40_000);
    const done = await d.json<Page<TradeView>>("GET", "/api/bots/demo/trades?limit=5000");
    expect(done.items.map(key)).toEqual(await referenceTrades());
    expect((await d.json<BotSummary>("GET", "/api/bots/demo")).bars).toBe(989);
    expect(await d.kill("SIGTERM")).toBe(0);
  }, 90_000);

  test("kill -9 keeps every trade the API had shown", async () => {
    const dir = tempDir();
    dirs.push(dir);
    let d = await daemon(dir);
    await d.json("POST", "/api/bots", botBody("k9", 250));
    await d.json("POST", "/api/bots/k9/start");
    const seen = await waitFor(async () => {
      const p = await d.json<Page<TradeView>>("GET", "/api/bots/k9/trades?limit=5000");
      return p.total >= 6 ? p : null;
    }, "six trades");
    const last = await d.json<Page<TradeView>>("GET", "/api/bots/k9/trades?limit=5000");
    await d.kill(9);
    expect(d.proc.signalCode).toBe("SIGKILL");
    d = await daemon(dir);
    const back = await d.json<Page<TradeView>>("GET", "/api/bots/k9/trades?limit=5000");
    expect(back.total).toBeGreaterThanOrEqual(last.total);
    expect(back.items.slice(0, seen.total)).toEqual([...seen.items]);
    expect(back.items.slice(0, last.total)).toEqual([...last.items]);
    const s = await d.json<BotSummary>("GET", "/api/bots/k9");
    expect(s.state).toBe("stopped");
    expect(s.trades).toBe(back.total);
    await d.json("PATCH", "/api/bots/k9", { feed: { bars_per_second: 0 } });
    await d.json("POST", "/api/bots/k9/start");
    await waitFor(async () => {
      const s = await d.json<BotSummary>("GET", "/api/bots/k9");
      if (s.state === "error") throw new Error(`bot failed: ${s.error}`);
      return s.feed_status.state === "ended";
    }, "replay end", 40_000);
    const all = await d.json<Page<TradeView>>("GET", "/api/bots/k9/trades?limit=5000");
    expect(all.items.map(key)).toEqual(await referenceTrades());
    expect(await d.kill("SIGTERM")).toBe(0);
  }, 90_000);

  test("1,000 status reads during a run change nothing; an unreachable venue keeps the daemon up", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const d = await spawnDaemon({ dir, env: { HYPERLIQUID_API_URL: "http://127.0.0.1:9", HYPERLIQUID_WS_URL: "ws://127.0.0.1:9/ws" } });
    procs.push(d);
    await d.json("POST", "/api/bots", botBody("busy", 300));
    await d.json("POST", "/api/bots", { id: "live", symbol: "BTC", interval: "1m", strategy: "ma_crossover", feed: { kind: "hyperliquid", warmup_bars: 50 } });
    await d.json("POST", "/api/bots/live/start");
    await d.json("POST", "/api/bots/busy/start");
    let reads = 0;
    const states = new Set<string>();
    const reader = async (): Promise<void> => {
      while (reads < 1000) {
        reads++;
        const r = await d.call("GET", "/api/bots/busy", undefined, false);
        expect(r.status).toBe(200);
        states.add(((await r.json()) as BotSummary).state);
      }
    };
    await Promise.all(Array.from({ length: 8 }, reader));
    expect(reads).toBeGreaterThanOrEqual(1000);
    expect([...states].every((s) => s === "starting" || s === "running")).toBe(true);
    await waitFor(async () => (await d.json<BotSummary>("GET", "/api/bots/busy")).feed_status.state === "ended", "replay end", 30_000);
    const trades = await d.json<Page<TradeView>>("GET", "/api/bots/busy/trades?limit=5000");
    expect(trades.items.map(key)).toEqual(await referenceTrades());
    const errors = await d.json<Page<BotEvent>>("GET", "/api/bots/busy/events?type=error");
    expect(errors.total).toBe(0);

    const live = await waitFor(async () => {
      const s = await d.json<BotSummary>("GET", "/api/bots/live");
      return s.feed_status.state === "retrying" ? s : null;
    }, "live bot retrying");
    expect(live.feed_status.message).toContain("venue unreachable, retrying");
    expect(live.state).toBe("starting");
    expect((await d.call("GET", "/api/health", undefined, false)).status).toBe(200);
    expect((await d.json<BotSummary>("POST", "/api/bots/live/stop")).state).toBe("stopped");
    expect(await d.kill("SIGTERM")).toBe(0);
  }, 90_000);

  test("SIGTERM with a WebSocket client connected exits 0 promptly (regression: it waited out the budget)", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const d = await daemon(dir);
    const ws = new WsClient(`ws://127.0.0.1:${d.port}/ws?subscribe=status`);
    await waitFor(() => ws.messages.some((m) => m.type === "subscribed"), "ws subscribed");
    const t0 = performance.now();
    expect(await d.kill("SIGTERM")).toBe(0);
    // The shutdown budget is 8 s; a hang on the open socket would use all of it.
    expect(performance.now() - t0).toBeLessThan(5_000);
  }, 60_000);

  test("Ctrl-C under make (the same stop delivered twice at once) still stops gracefully: exit 0", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const d = await daemon(dir);
    await d.json("POST", "/api/bots", botBody("dup", 50));
    await d.json("POST", "/api/bots/dup/start");
    d.proc.kill("SIGINT"); // the terminal signals the process group…
    expect(await d.kill("SIGINT")).toBe(0); // …and make passes it on: not a "second signal"
    // (On a very busy machine the kernel may merge the two pending SIGINTs into one; either way
    // the daemon must stop gracefully, never force its exit.)
    expect(d.output()).toContain("Daemon stopped");
    expect(d.output()).not.toContain("forcing exit");
  }, 60_000);

  test("a second daemon on a port in use is refused with a clear error (no silent SO_REUSEPORT sharing)", async () => {
    const dir = tempDir();
    const dir2 = tempDir();
    dirs.push(dir, dir2);
    const d = await daemon(dir);
    const p = secondDaemon(dir2, d.port);
    expect(p.exitCode).toBe(2);
    expect(p.stderr).toContain(`cannot listen on 127.0.0.1:${d.port}`);
    expect(await d.kill("SIGTERM")).toBe(0);
  }, 60_000);

  test("a second daemon on the same data folder is refused: it would run every bot twice", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const d = await daemon(dir);
    const p = secondDaemon(dir, 0);
    expect(p.exitCode).toBe(1);
    expect(p.stderr).toMatch(/bot database .*bots\.db is in use by another process/);
    expect((await d.call("GET", "/api/health", undefined, false)).status).toBe(200);
    expect(await d.kill("SIGTERM")).toBe(0);
  }, 60_000);

  test("`server --addr` serves the API from an in-memory registry and writes nothing", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const p = Bun.spawn([process.execPath, `${import.meta.dir}/../../main.ts`, "server", "--addr", "127.0.0.1:0"], { cwd: dir, stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "" } });
    let out = "";
    void (async () => {
      for await (const c of p.stdout as ReadableStream<Uint8Array>) out += new TextDecoder().decode(c);
    })();
    const port = Number((await waitFor(() => /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out), "server listening"))[1]);
    const token = (await waitFor(() => /API token for this run: ([0-9a-f]{64})/.exec(out), "printed token"))[1]!;
    const url = `http://127.0.0.1:${port}`;
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const r = await fetch(`${url}/api/bots`, { method: "POST", headers: auth, body: JSON.stringify(botBody("mem", 0)) });
    expect(r.status).toBe(201);
    expect(((await (await fetch(`${url}/api/bots`)).json()) as { bots: BotSummary[] }).bots.map((b) => b.id)).toEqual(["mem"]);
    p.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    expect(Bun.spawnSync(["ls", "-A", dir]).stdout.toString().trim()).toBe(""); // no database, no token file
  }, 60_000);

  test("a non-loopback bind without a token is refused; with one, every route needs it", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const p = Bun.spawn([process.execPath, `${import.meta.dir}/../../main.ts`, "daemon", "--host", "0.0.0.0", "--port", "0"], {
      cwd: dir,
      stdout: "pipe",
      stderr: "pipe",
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(await p.exited).toBe(2);
    expect(await new Response(p.stderr as ReadableStream).text()).toContain("refusing to listen on non-loopback address 0.0.0.0 without an API token");
    const d = await spawnDaemon({ dir, args: ["--host", "0.0.0.0"] });
    procs.push(d);
    expect((await d.call("GET", "/api/bots", undefined, false)).status).toBe(401);
    const sw = await d.call("GET", "/swagger/json", undefined, false);
    expect(sw.status).toBe(401);
    expect((await d.call("GET", "/api/bots")).status).toBe(200);
    const bad = await fetch(`${d.url}/api/bots`, { headers: { authorization: `Bearer ${E2E_TOKEN}x` } });
    expect(bad.status).toBe(401);
    expect(await d.kill("SIGTERM")).toBe(0);
  }, 60_000);
});
