import { afterEach, describe, expect, test } from "bun:test";
import { dataFile } from "../../src/testkit/data-path.ts";
import { FakeDaemon } from "../testing/fake-daemon.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { KEYS, renderApp, type AppHarness } from "../testing/render-app.tsx";
import { waitFor } from "../testing/wait-for.ts";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" });
const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

function start(opts: { columns?: number; rows?: number; token?: string } = {}): { d: FakeDaemon; app: AppHarness } {
  const d = FakeDaemon.start(bars, opts.token ? { token: opts.token } : {});
  cleanup.push(() => d.stop());
  d.addBot("btc-sma");
  d.addBot("eth-rsi", { symbol: "ETH", strategy: "rsi" });
  const app = renderApp(d.url, opts);
  cleanup.push(() => app.unmount());
  return { d, app };
}

describe("app: keys against a live (fake) daemon", () => {
  test("list → s start → trades appear live → p pause → p resume → x stop", async () => {
    const { d, app } = start();
    await app.waitForText("▸btc-sma");
    expect(app.frame()).toContain("2 bots: 2 stopped");
    await app.press("s");
    await app.waitForText("✓ started btc-sma (now running)");
    d.step("btc-sma", 500);
    const trades = d.bot("btc-sma").trades;
    expect(trades).toBeGreaterThan(0);
    await app.waitForText(new RegExp(`▸btc-sma .*Running .* ${trades}\\n`));
    await app.press("p");
    await app.waitForText("✓ paused btc-sma (now paused)");
    expect(app.frame()).toContain("1 paused");
    await app.press("p");
    await app.waitForText("✓ resumed btc-sma (now running)");
    await app.press("x");
    await app.waitForText("✓ stopped btc-sma (now stopped)");
  });

  test("keys arriving in one chunk act in order: \"js\" starts the second bot, not the first", async () => {
    const { d, app } = start();
    await app.waitForText("▸btc-sma");
    await app.press("js");
    await app.waitForText("✓ started eth-rsi (now running)");
    expect(d.bot("eth-rsi").state).toBe("running");
    expect(d.bot("btc-sma").state).toBe("stopped");
  });

  test("a refused action shows the API's message", async () => {
    const { app } = start();
    await app.waitForText("▸btc-sma");
    await app.press("j", "p");
    await app.waitForText("✗ pause eth-rsi: bot 'eth-rsi' is stopped: cannot pause (allowed from running) [CONFLICT 409]");
  });

  test("Enter opens the detail, events with Tab, trades scroll, Esc goes back", async () => {
    const { d, app } = start();
    await app.waitForText("▸btc-sma");
    await app.press("s");
    await app.waitForText("now running");
    d.step("btc-sma", 300);
    await app.press(KEYS.enter);
    await app.waitForText("algo-trade · Bot btc-sma");
    await app.waitForText(`Trades (${d.bot("btc-sma").trades})`);
    expect(app.frame()).toContain("State Running");
    d.step("btc-sma", 300);
    await app.waitForText(`Trades (${d.bot("btc-sma").trades})`);
    await app.press(KEYS.tab);
    await app.waitForText("Events · Tab: trades");
    await app.waitForText(/\d\d-\d\d \d\d:\d\d trade +#\d+ long/);
    await app.press(KEYS.tab, "G");
    await app.waitForText(/\n +1 long /);
    await app.press(KEYS.esc);
    await app.waitForText("algo-trade · Bots");
  });

  test("? shows every key; Esc closes it", async () => {
    const { app } = start();
    await app.waitForText("▸btc-sma");
    await app.press("?");
    await app.waitForText("Keys (? or Esc to close)");
    expect(app.frame()).toContain("Delete the bot (asks for confirmation)");
    await app.press(KEYS.esc);
    await app.waitForGone("Keys (? or Esc to close)");
  });

  test("a adds a bot through the form (token sent); e edits its params", async () => {
    const { d, app } = start({ token: "t0k" });
    await app.waitForText("▸btc-sma");
    await app.press("a");
    await app.waitForText("Add a bot");
    await app.press(..."sol-1", KEYS.down, KEYS.ctrlU, ..."SOL", KEYS.down, KEYS.down, ..."sma_cross", KEYS.down, ..."fast=3 slow=9", KEYS.down, KEYS.down, KEYS.down, ..."/data/sol.csv", KEYS.enter);
    await app.waitForText("✓ created sol-1 (stopped; s to start)");
    await app.waitForText("▸sol-1");
    expect(d.bot("sol-1")).toMatchObject({ symbol: "SOL", strategy: "sma_cross", params: { fast: 3, slow: 9 } });
    await app.press("e");
    await app.waitForText("Edit bot sol-1");
    await app.press(KEYS.ctrlU, ..."fast=4 slow=9", KEYS.enter);
    await app.waitForText("✓ updated sol-1: params");
    expect(d.bot("sol-1").params).toEqual({ fast: 4, slow: 9 });
  });

  test("a with the daemon's strategy catalogue: ←/→ picks the strategy, params come with defaults", async () => {
    const { d, app } = start();
    d.strategies = {
      strategies: [
        { name: "ma_crossover", description: "SMA crossover", params: [{ name: "fast", type: "number", default: 10, description: "fast SMA window, bars" }, { name: "slow", type: "number", default: 30, description: null }] },
        { name: "rsi", description: "Wilder RSI", params: [{ name: "period", type: "number", default: 14, description: "RSI period, bars" }] },
      ],
    };
    await app.waitForText("▸btc-sma");
    await app.press("a");
    await app.waitForText("◂ ma_crossover ▸");
    expect(app.frame()).toMatch(/· fast {6}10 +number, default 10 · fast SMA window, bars/);
    await app.press(..."rsi-1", KEYS.down, KEYS.down, KEYS.down, KEYS.right);
    await app.waitForText("◂ rsi ▸");
    expect(app.frame()).toMatch(/· period {4}14 /);
    expect(app.frame()).not.toContain("· fast");
    await app.press(KEYS.down, KEYS.ctrlU, ..."21", KEYS.down, KEYS.down, KEYS.down, ..."/data/btc.csv", KEYS.enter);
    await app.waitForText("✓ created rsi-1");
    expect(d.bot("rsi-1")).toMatchObject({ strategy: "rsi", params: { period: 21 } });
  });

  test("d asks first: n keeps the bot, y deletes it", async () => {
    const { d, app } = start({ token: "t0k" });
    await app.waitForText("▸btc-sma");
    await app.press("d");
    await app.waitForText("Delete bot 'btc-sma'?");
    await app.press("n");
    await app.waitForGone("Delete bot 'btc-sma'?");
    await app.press("d", "y");
    await app.waitForText("✓ deleted btc-sma");
    await app.waitForText("▸eth-rsi");
    expect(() => d.bot("btc-sma")).toThrow();
  });

  test("daemon down: banner with the reason; back up: banner gone and the list reloaded", async () => {
    const { d, app } = start();
    await app.waitForText("▸btc-sma");
    d.stop();
    await app.waitForText("Daemon unreachable at");
    expect(app.frame()).toContain("data below may be stale");
    d.restart();
    d.addBot("fresh");
    await app.waitForGone("Daemon unreachable");
    await app.waitForText("fresh ");
  });

  test("80×24: every screen fits", async () => {
    const { d, app } = start({ columns: 80, rows: 24 });
    await app.waitForText("▸btc-sma");
    const fits = () => {
      const lines = app.frame().split("\n");
      return lines.length <= 24 && lines.every((l) => [...l].length <= 80);
    };
    expect(fits()).toBe(true);
    await app.press("s");
    await app.waitForText("now running");
    d.step("btc-sma", 600);
    await app.press(KEYS.enter);
    await app.waitForText("Trades (");
    await waitFor(fits, "detail within 80×24", { show: app.frame });
    await app.press("?");
    await app.waitForText("Keys (");
    expect(fits()).toBe(true);
    await app.press(KEYS.esc, KEYS.esc, "a");
    await app.waitForText("Add a bot");
    expect(fits()).toBe(true);
  });

  test("q quits", async () => {
    const { app } = start();
    await app.waitForText("▸btc-sma");
    await app.press("q");
    await waitFor(() => app.quitCalls === 1, "quit");
  });
});
