/**
 * End-to-end: the compiled ./algo-trade-tui in tmux (80×24) against a REAL daemon process
 * (./algo-trade daemon, port 0, temp folder, config with one [[bots]] replay bot on real
 * Hyperliquid BTC 1h candles). A person's session: sees the bot, starts it, opens it and watches
 * trades appear, pauses it (the daemon confirms: no bars consumed while paused), survives a
 * daemon crash and restart (banner, then reconnect), and quits with q; a second session quits
 * with Ctrl-C. Both leave the terminal on the primary screen in cooked mode (icanon echo).
 * Every wait polls the screen or the API with a deadline; nothing sleeps for a fixed time.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { dataFile, REPO_ROOT } from "../src/testkit/data-path.ts";
import { E2E_TOKEN, removeDir, spawnDaemon, tempDir, type DaemonProc } from "../src/testkit/daemon/spawn-daemon.ts";
import type { BotSummary } from "./client/api-types.ts";
import { HL_CANDLES } from "./testing/real-bars.ts";
import { Tmux } from "./testing/tmux.ts";
import { waitFor } from "./testing/wait-for.ts";

const TUI = join(REPO_ROOT, "algo-trade-tui");
const DAEMON = join(REPO_ROOT, "algo-trade");

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/** Both binaries, rebuilt when missing or older than the sources (`make test` builds first). */
function ensureBinaries(): void {
  const src = Math.max(newest(join(REPO_ROOT, "src")), newest(join(REPO_ROOT, "tui")));
  const stale = [TUI, DAEMON].some((b) => !existsSync(b) || statSync(b).mtimeMs < src);
  if (!stale) return;
  const r = Bun.spawnSync([process.execPath, "run", "scripts/build.ts"], { cwd: REPO_ROOT, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`build failed:\n${r.stdout.toString()}${r.stderr.toString()}`);
}

/** tmux is a system package; scripts/ensure-system-deps.sh installs it when missing (if present). */
function ensureTmux(): void {
  if (Tmux.available()) return;
  const script = join(REPO_ROOT, "scripts/ensure-system-deps.sh");
  if (existsSync(script)) Bun.spawnSync(["sh", script, "tmux"], { stdout: "inherit", stderr: "inherit" });
  if (!Tmux.available()) throw new Error("tmux is required for the TUI end-to-end test: apt-get install -y tmux");
}

const CONFIG = `[log]
level = "info"

[[bots]]
id = "e2e-btc"
symbol = "BTC"
interval = "1h"
strategy = "ma_crossover"
params = { fast = 5, slow = 20 }
[bots.feed]
kind = "replay"
file = "${dataFile(HL_CANDLES)}"
bars_per_second = 25
`;

/** CI=true as CI runners set it: Ink would otherwise go silent until exit (regression, see tui/main.tsx). */
const PANE_ENV = { ALGO_API_TOKEN: E2E_TOKEN, CI: "true", LANG: "C.UTF-8" };

const tmux = new Tmux();
const dir = tempDir("tui-e2e-");
let daemon: DaemonProc;

beforeAll(async () => {
  ensureTmux();
  ensureBinaries();
  daemon = await spawnDaemon({ dir, binary: DAEMON, config: CONFIG });
}, 120_000);

afterAll(async () => {
  tmux.kill();
  if (daemon && daemon.proc.exitCode === null) await daemon.kill(9);
  removeDir(dir);
});

/** The TUI, then the shell reports its exit code and the terminal modes it left behind. */
function tuiCommand(): string {
  return `'${TUI}' --url http://127.0.0.1:${daemon.port}; echo "TUI_EXIT=$?"; stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo)' | tr '\\n' ' '; echo; exec sleep 600`;
}

const bot = () => daemon.json<BotSummary>("GET", "/api/bots/e2e-btc");
/** The number in "Trades (N)" on the detail screen. */
const tradesShown = (screen: string): number => Number(/Trades \((\d+)\)/.exec(screen)?.[1] ?? -1);
/** The shell's report after the TUI exited: exit code line and the terminal mode line. */
const exited = (t: string): boolean => t.includes("TUI_EXIT=") && /^-?icanon -?echo$/m.test(t);

describe("algo-trade-tui end to end (tmux + real daemon)", () => {
  test("sees the bot, starts it, watches trades appear, pauses it, survives a daemon restart, quits cleanly", async () => {
    const s = "main";
    tmux.start(s, tuiCommand(), { cols: 80, rows: 24, env: PANE_ENV, cwd: dir });

    // 1. The bot declared in the daemon's config is listed, stopped, on the alternate screen.
    await tmux.waitForScreen(s, (t) => /▸e2e-btc +BTC +ma_crossov… paper Stopped/.test(t), "the config bot in the list");
    expect(tmux.format(s, "alternate_on")).toBe("1");
    const list = tmux.screen(s);
    expect(list.split("\n")[0]).toMatch(/^algo-trade · Bots +● 127\.0\.0\.1:\d+ +1 bot: 1 stopped$/);
    expect(list).toContain("Enter detail  s start  x stop  p pause  a add  e edit  d delete  ? help  q quit");

    // 2. s starts it: the daemon says running, and so does the screen.
    tmux.send(s, "s");
    await tmux.waitForScreen(s, (t) => t.includes("✓ started e2e-btc"), "start confirmation");
    await waitFor(async () => (await bot()).state === "running", "daemon reports running", { timeoutMs: 20_000 });
    await tmux.waitForScreen(s, (t) => /▸e2e-btc .*Running/.test(t), "Running in the list");

    // 3. Enter opens the detail; trades appear and keep coming while we watch.
    tmux.send(s, "Enter");
    await tmux.waitForScreen(s, (t) => t.startsWith("algo-trade · Bot e2e-btc") && tradesShown(t) >= 1, "first trade on the detail screen");
    const first = tradesShown(tmux.screen(s));
    const grown = await tmux.waitForScreen(s, (t) => tradesShown(t) > first, "more trades appearing live");
    expect(grown).toMatch(/\n +\d+ (long|short) +\d{4}-\d\d-\d\d \d\d:00 /);
    expect(grown).toMatch(/Equity [\d,]+\.\d\d {2}Return [+-]?\d+\.\d\d% {2}Sharpe/);

    // 4. p pauses it: the screen says Paused, the daemon agrees, and no more bars are consumed.
    tmux.send(s, "p");
    await tmux.waitForScreen(s, (t) => t.includes("✓ paused e2e-btc") && t.includes("State Paused"), "paused");
    const paused = await bot();
    expect(paused.state).toBe("paused");
    // A later status read (after a full health round trip) shows the same bar count.
    await daemon.json("GET", "/api/health");
    expect((await bot()).bars).toBe(paused.bars);
    expect(tradesShown(tmux.screen(s))).toBe(paused.trades);

    // 5. The daemon dies: a banner says so and the TUI keeps retrying; a restart on the same
    //    port brings everything back without a key press (the bot is restored Stopped).
    const port = daemon.port;
    await daemon.kill(9);
    await tmux.waitForScreen(s, (t) => t.includes("Daemon unreachable at http://127.0.0.1:"), "unreachable banner");
    daemon = await spawnDaemon({ dir, binary: DAEMON, config: CONFIG, port });
    await tmux.waitForScreen(s, (t) => !t.includes("Daemon unreachable") && t.includes("State Stopped") && t.includes("● 127.0.0.1:"), "reconnected, bot restored");
    expect(tradesShown(tmux.screen(s))).toBe(paused.trades);

    // 6. Esc back to the list, q quits: exit 0, primary screen, cooked mode.
    tmux.send(s, "Escape");
    await tmux.waitForScreen(s, (t) => t.startsWith("algo-trade · Bots"), "back to the list");
    tmux.send(s, "q");
    const after = await tmux.waitForScreen(s, exited, "the TUI to exit");
    expect(after).toContain("TUI_EXIT=0");
    expect(after).toMatch(/^icanon echo$/m);
    expect(tmux.format(s, "alternate_on")).toBe("0");
  }, 120_000);

  test("Ctrl-C also quits cleanly and restores the terminal", async () => {
    const s = "ctrlc";
    tmux.start(s, tuiCommand(), { cols: 100, rows: 30, env: PANE_ENV, cwd: dir });
    await tmux.waitForScreen(s, (t) => t.includes("▸e2e-btc"), "the list");
    expect(tmux.format(s, "alternate_on")).toBe("1");
    tmux.send(s, "C-c");
    const after = await tmux.waitForScreen(s, exited, "the TUI to exit on Ctrl-C");
    expect(after).toContain("TUI_EXIT=0");
    expect(after).toMatch(/^icanon echo$/m);
    expect(tmux.format(s, "alternate_on")).toBe("0");
  }, 60_000);
});
