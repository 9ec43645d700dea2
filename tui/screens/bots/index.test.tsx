import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { dataFile } from "../../../src/testkit/data-path.ts";
import { HL_CANDLES, loadBars } from "../../testing/real-bars.ts";
import { simulated } from "../../testing/sim-bot.ts";
import { botColumns } from "./columns.ts";
import { BotListScreen } from "./index.tsx";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" });

function bots() {
  const a = simulated("btc-sma", bars, 400).summary;
  const b = { ...simulated("eth-rsi-long-name-bot", bars, 100, { symbol: "ETH", strategy: "rsi_mean_reversion" }).summary, state: "paused" as const };
  const c = { ...simulated("sol", bars, 0, { symbol: "SOL" }).summary, state: "error" as const, error: "feed file not found: /data/sol.csv" };
  return [a, b, c];
}

describe("<BotListScreen>", () => {
  test("80 columns: the essential columns, one line per bot, errors listed below", () => {
    const list = bots();
    const r = render(<BotListScreen bots={list} selectedId="btc-sma" loaded width={80} height={20} />);
    const lines = r.lastFrame()!.split("\n");
    expect(lines[0]).toBe(" ID           SYMBOL STRATEGY    MODE  STATE        EQUITY    RET% SHARPE TRADES");
    expect(lines[1]).toMatch(/^▸btc-sma {6}BTC {4}sma_cross {3}paper Running +[\d,]+\.\d\d +[+-]?\d+\.\d\d% +-?\d+\.\d\d +\d+$/);
    expect(lines[2]).toContain("eth-rsi-lon… ETH    rsi_mean_r… paper Paused");
    expect(lines[3]).toContain("sol          SOL    sma_cross   paper Error");
    expect(lines[4]).toBe("✗ sol: feed file not found: /data/sol.csv");
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    r.unmount();
  });

  test("wider terminals add interval, drawdown, win rate, feed and last bar", () => {
    expect(botColumns(80).map((c) => c.title)).toEqual(["ID", "SYMBOL", "STRATEGY", "MODE", "STATE", "EQUITY", "RET%", "SHARPE", "TRADES"]);
    expect(botColumns(160).map((c) => c.title)).toEqual(["ID", "SYMBOL", "INT", "STRATEGY", "MODE", "STATE", "EQUITY", "RET%", "SHARPE", "MAX DD", "WIN%", "TRADES", "FEED", "LAST BAR (UTC)"]);
    for (let w = 40; w <= 250; w++) {
      const cols = botColumns(w);
      expect(1 + cols.reduce((n, c) => n + c.width, 0) + cols.length - 1).toBeLessThanOrEqual(w);
      expect(cols.map((c) => c.title)).toContain("STATE");
    }
    const r = render(<BotListScreen bots={bots()} selectedId={null} loaded width={160} height={10} />);
    expect(r.lastFrame()).toContain("LAST BAR (UTC)");
    expect(r.lastFrame()).toContain("eth-rsi-long-name-bot");
    r.unmount();
  });

  test("empty list: tells how to add a bot; before the first load: waiting", () => {
    const r = render(<BotListScreen bots={[]} selectedId={null} loaded width={80} height={10} />);
    expect(r.lastFrame()).toContain("no bots yet: press a to add one");
    r.rerender(<BotListScreen bots={[]} selectedId={null} loaded={false} width={80} height={10} />);
    expect(r.lastFrame()).toContain("waiting for the daemon");
    r.unmount();
  });

  test("many bots scroll with the selection and never exceed the height", () => {
    const many = Array.from({ length: 40 }, (_, i) => simulated(`bot-${String(i).padStart(2, "0")}`, bars, 0).summary);
    const r = render(<BotListScreen bots={many} selectedId="bot-30" loaded width={80} height={12} />);
    const lines = r.lastFrame()!.split("\n");
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.some((l) => l.startsWith("▸bot-30"))).toBe(true);
    r.unmount();
  });
});
