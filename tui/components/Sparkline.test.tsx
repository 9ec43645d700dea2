import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { dataFile } from "../../src/testkit/data-path.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { Sparkline } from "./Sparkline.tsx";

describe("<Sparkline>", () => {
  test("real closes: range labels on the axis, rows fit the width", () => {
    const closes = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" }).map((b) => b.close);
    const r = render(<Sparkline values={closes} width={60} height={3} />);
    const lines = r.lastFrame()!.split("\n");
    expect(lines.length).toBe(3);
    const hi = Math.max(...closes).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const lo = Math.min(...closes).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(lines[0]).toStartWith(`${hi} ┤`);
    expect(lines[2]).toStartWith(`${lo} ┤`);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(60);
    expect(lines.join("")).toContain("█");
    r.unmount();
  });

  test("no points: says so, keeping the chart's height so the layout does not jump", () => {
    const r = render(<Sparkline values={[]} width={40} height={3} emptyText="no equity marks yet" />);
    expect(r.lastFrame()!.split("\n")).toEqual(["no equity marks yet", "", ""]);
    r.unmount();
  });
});
