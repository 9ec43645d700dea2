/**
 * Dev script (not a test): captures every TUI screen from the REAL binaries for the docs.
 * Starts ./algo-trade daemon (port 0, temp folder) with four bots on the shared real candles
 * (running, paused, stopped, error), drives ./algo-trade-tui in tmux and prints markdown with
 * one text capture per screen. Regenerate docs/readme/tui.md's captures with:
 *
 *   bun run scripts/build.ts && bun tui/testing/capture-screens.ts > /tmp/captures.md
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Tmux } from "./tmux.ts";
import { waitFor } from "./wait-for.ts";

const ROOT = resolve(import.meta.dir, "../..");
const DATA = process.env.ALGO_SHARED_DATA ?? resolve(ROOT, "../shared/data");
const CANDLES = join(DATA, "hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz");
const TOKEN = "docs-capture-token-0123456789";

const dir = mkdtempSync(join(tmpdir(), "tui-capture-"));
const daemon = Bun.spawn([join(ROOT, "algo-trade"), "daemon", "--port", "0"], { cwd: dir, env: { ...process.env, ALGO_API_TOKEN: TOKEN }, stdout: "pipe", stderr: "pipe" });
let out = "";
void (async () => {
  for await (const c of daemon.stdout as ReadableStream<Uint8Array>) out += new TextDecoder().decode(c);
})();
const tmux = new Tmux(`tui-capture-${process.pid}`);

try {
  const port = Number((await waitFor(() => /listening on http:\/\/[^:]+:(\d+)/.exec(out), "daemon to listen", { timeoutMs: 30_000 }))[1]);
  const url = `http://127.0.0.1:${port}`;
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(url + path, { method, headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<Record<string, unknown>>;
  };
  const bot = (id: string, symbol: string, interval: string, strategy: string, params: Record<string, unknown>, file = CANDLES, bps = 12) =>
    api("POST", "/api/bots", { id, symbol, interval, strategy, params, feed: { kind: "replay", file, bars_per_second: bps } });
  await bot("btc-sma", "BTC", "1h", "ma_crossover", { fast: 5, slow: 20 });
  await bot("eth-rsi", "ETH", "1h", "rsi", { period: 14 });
  await bot("sol-quad", "SOL", "4h", "quad_ma", {});
  await bot("sol-broken", "SOL", "1h", "rsi", {}, join(DATA, "no-such-file.csv.gz"));
  for (const id of ["btc-sma", "eth-rsi", "sol-broken"]) await api("POST", `/api/bots/${id}/start`);
  await waitFor(async () => ((await api("GET", "/api/bots/btc-sma")).trades as number) >= 6, "btc trades", { timeoutMs: 60_000 });
  await waitFor(async () => ((await api("GET", "/api/bots/eth-rsi")).trades as number) >= 1, "eth trades", { timeoutMs: 60_000 });
  await api("POST", "/api/bots/eth-rsi/pause");

  const sections: string[] = [];
  const shot = (title: string, session: string) => sections.push(`### ${title}\n\n\`\`\`text\n${tmux.screen(session).replace(/\n+$/, "")}\n\`\`\`\n`);
  const until = (session: string, text: string) => tmux.waitForScreen(session, (t) => t.includes(text), text);

  tmux.start("s", `${join(ROOT, "algo-trade-tui")} --url ${url}; sleep 600`, { cols: 80, rows: 24, env: { ALGO_API_TOKEN: TOKEN } });
  await until("s", "sol-broken:");
  shot("Bot list (80×24)", "s");
  tmux.send("s", "Enter");
  await until("s", "EXIT (UTC)");
  await tmux.waitForScreen("s", (t) => !t.includes("loading"), "detail loaded");
  shot("Bot detail: metrics, equity chart, open positions, trade history (80×24)", "s");
  tmux.send("s", "Tab");
  await until("s", "Events · Tab: trades");
  shot("Bot detail, events pane (Tab)", "s");
  tmux.send("s", "Tab", "?");
  await until("s", "Keys (");
  shot("Help overlay (?)", "s");
  tmux.send("s", "Escape");
  await tmux.waitForScreen("s", (t) => !t.includes("Keys ("), "help closed");
  tmux.send("s", "Escape");
  await until("s", "algo-trade · Bots");
  tmux.send("s", "a");
  await until("s", "▸ Id");
  tmux.send("s", { text: "btc-fast" });
  await until("s", "btc-fast█");
  shot("Add a bot (a)", "s");
  tmux.send("s", "Escape");
  await until("s", "algo-trade · Bots");
  tmux.send("s", "e");
  await until("s", "fixed");
  shot("Edit a bot (e)", "s");
  tmux.send("s", "Escape");
  await until("s", "algo-trade · Bots");
  tmux.send("s", "j", "j", "p");
  await until("s", "✗ pause sol-broken");
  shot("An action the daemon refuses (p on an errored bot)", "s");
  tmux.send("s", "d");
  await until("s", "Delete bot 'sol-broken'?");
  shot("Delete confirmation (d)", "s");
  tmux.send("s", "n");

  tmux.start("wide", `${join(ROOT, "algo-trade-tui")} --url ${url}; sleep 600`, { cols: 140, rows: 40, env: { ALGO_API_TOKEN: TOKEN } });
  await until("wide", "▸btc-sma");
  shot("Bot list on a wide terminal (140×40)", "wide");
  tmux.send("wide", "Enter");
  await until("wide", "EXIT (UTC)");
  await tmux.waitForScreen("wide", (t) => !t.includes("loading"), "detail loaded");
  shot("Bot detail on a large terminal (140×40): trades and events side by side", "wide");

  daemon.kill(9);
  await daemon.exited;
  await until("s", "Daemon unreachable");
  shot("Daemon unreachable (banner; reconnects by itself)", "s");
  process.stdout.write(sections.join("\n"));
} finally {
  tmux.kill();
  if (daemon.exitCode === null) daemon.kill(9);
  rmSync(dir, { recursive: true, force: true });
}
