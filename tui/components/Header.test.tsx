import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { dataFile } from "../../src/testkit/data-path.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { simulated } from "../testing/sim-bot.ts";
import { countsText, Header } from "./Header.tsx";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h", limit: 30 });

describe("<Header>", () => {
  test("title, address with online dot, counts by state", () => {
    const bots = [simulated("a", bars, 5).summary, simulated("b", bars, 0, { state: "paused" }).summary];
    bots[1] = { ...bots[1]!, state: "paused" };
    const r = render(<Header title="Bots" url="http://127.0.0.1:8080" connection={{ kind: "open" }} bots={bots} width={90} />);
    const f = r.lastFrame()!;
    expect(f).toStartWith("algo-trade · Bots");
    expect(f).toContain("● 127.0.0.1:8080");
    expect(f).toEndWith("2 bots: 1 running 1 paused");
    expect([...f].length).toBe(90);
    r.rerender(<Header title="Bots" url="http://127.0.0.1:8080" connection={{ kind: "closed" }} bots={[]} width={90} />);
    expect(r.lastFrame()).toContain("○ 127.0.0.1:8080");
    expect(r.lastFrame()).toEndWith("0 bots");
    r.unmount();
    expect(countsText(bots.slice(0, 1))).toBe("1 bot: 1 running");
    expect(countsText(bots, true)).toBe("2 bots: 1 run 1 paused");
  });

  test("80 columns with a long title: counts abbreviate before the address is cut", () => {
    const bots = ["running", "paused", "error", "stopped"].map((st, i) => ({ ...simulated(`b${i}`, bars, 0).summary, state: st as "running" }));
    const r = render(<Header title="Bot btc-sma" url="http://127.0.0.1:41235" connection={{ kind: "open" }} bots={bots} width={80} />);
    expect(r.lastFrame()).toBe("algo-trade · Bot btc-sma  ● 127.0.0.1:41235  4 bots: 1 run 1 paused 1 err 1 stop");
    r.unmount();
  });
});
