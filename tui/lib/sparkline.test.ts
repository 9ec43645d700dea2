import { describe, expect, test } from "bun:test";
import { dataFile } from "../../src/testkit/data-path.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { downsample, sparklineRows } from "./sparkline.ts";

describe("sparkline", () => {
  test("one row of eighth blocks, min on the baseline and max full", () => {
    expect(sparklineRows([1, 2, 3, 4, 5, 6, 7, 8], 8)).toEqual(["▁▂▃▄▅▆▇█"]);
    expect(sparklineRows([1, 2, 3, 4, 5, 6, 7, 8], 8, 2)).toEqual(["    ▂▄▆█", "▁▃▅▇████"]);
  });

  test("pads on the left, flat series in the middle, empty input blank", () => {
    expect(sparklineRows([5, 5], 4)).toEqual(["  ▅▅"]);
    expect(sparklineRows([], 3, 2)).toEqual(["   ", "   "]);
  });

  test("real BTC closes: every row exactly the width, last column is the last close's level", () => {
    const closes = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" }).map((b) => b.close);
    expect(closes.length).toBeGreaterThan(900);
    for (const [w, h] of [[10, 1], [57, 3], [200, 8]] as const) {
      const rows = sparklineRows(closes, w, h);
      expect(rows.length).toBe(h);
      for (const r of rows) expect([...r].length).toBe(w);
    }
    const pts = downsample(closes, 60);
    expect(pts.length).toBe(60);
    expect(pts[59]).toBe(closes[closes.length - 1]!);
    // The column holding the series maximum is full height in the top row.
    const rows = sparklineRows(closes, 60, 3);
    expect([...rows[0]!][pts.indexOf(Math.max(...pts))]).toBe("█");
  });
});
