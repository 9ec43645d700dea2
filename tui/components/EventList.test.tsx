import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { dataFile } from "../../src/testkit/data-path.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { simulated } from "../testing/sim-bot.ts";
import { EventList } from "./EventList.tsx";

describe("<EventList>", () => {
  test("the newest events at the bottom, market time for bar events", () => {
    const sim = simulated("b", loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" }), 300);
    const r = render(<EventList events={sim.events} height={4} width={80} />);
    const lines = r.lastFrame()!.split("\n");
    expect(lines.length).toBe(4);
    const last = sim.events[sim.events.length - 1]!;
    const d = new Date(last.market_ts!);
    const stamp = `${String(d.getUTCMonth() + 1).padStart(2, "0")}-${String(d.getUTCDate()).padStart(2, "0")} ${String(d.getUTCHours()).padStart(2, "0")}:00`;
    expect(lines[3]).toStartWith(`${stamp} ${last.type.padEnd(7)} `);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    r.unmount();
  });

  test("empty", () => {
    const r = render(<EventList events={[]} height={4} width={80} />);
    expect(r.lastFrame()).toBe(" no events yet");
    r.unmount();
  });
});
