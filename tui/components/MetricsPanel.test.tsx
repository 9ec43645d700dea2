import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { dataFile } from "../../src/testkit/data-path.ts";
import { money, pctOfFraction, pctPoints, ratio } from "../lib/format.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { simulated } from "../testing/sim-bot.ts";
import { MetricsPanel, paramsText } from "./MetricsPanel.tsx";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" });

describe("<MetricsPanel>", () => {
  test("performance line shows the bot's own numbers; three lines at 80 columns", () => {
    const b = simulated("btc", bars, 500).summary;
    const r = render(<MetricsPanel bot={b} width={80} />);
    const lines = r.lastFrame()!.split("\n");
    expect(lines.length).toBe(3);
    expect(lines[0]).toBe(`Equity ${money(b.equity)}  Return ${pctPoints(b.return_pct)}  Sharpe ${ratio(b.sharpe)}  Max DD ${pctOfFraction(b.max_drawdown)}  Win ${pctOfFraction(b.win_rate)}  Trades ${b.trades}`);
    expect(lines[1]).toStartWith("State Running  Mode paper  Strategy sma_cross  Market BTC 1h  Feed replay: ok");
    expect(lines[2]).toContain("Params fast=5 slow=20");
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    r.unmount();
  });

  test("an errored bot gets a fourth, red line with the message", () => {
    const b = { ...simulated("x", bars, 3).summary, state: "error" as const, error: "feed file not found: /data/x.csv" };
    const r = render(<MetricsPanel bot={b} width={80} />);
    expect(r.lastFrame()!.split("\n")[3]).toBe("Error: feed file not found: /data/x.csv");
    r.unmount();
    expect(paramsText({})).toBe("defaults");
    expect(paramsText({ a: 1, b: "x", c: [1, 2] })).toBe("a=1 b=x c=[1,2]");
  });
});
