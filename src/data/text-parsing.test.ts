/** Number/time text parsing and metadata inference: exactness property tests and edge cases. */
import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { sharedDataDir } from "../testkit/data-path.ts";
import { NUM, plainNumber } from "./csv-row-scan.ts";
import { intervalName, mostCommonStep, symbolFromFileName, venueFromFileName } from "./infer-meta.ts";
import { decimalsOf, maxDecimals, parseNumberText } from "./number-text.ts";
import { epochToMs, parseTimeText } from "./time-text.ts";

describe("plain decimal fast path", () => {
  test("equals Number(text) bit for bit (property test, 20k random decimals)", () => {
    let s = 7;
    const rnd = (n: number) => (s = (s * 48271) % 2147483647) % n;
    const enc = new TextEncoder();
    for (let i = 0; i < 20_000; i++) {
      const intPart = String(rnd(10 ** (1 + rnd(8))));
      const frac = rnd(3) === 0 ? "" : "." + String(rnd(10 ** 8)).padStart(1 + rnd(8), "0");
      const text = (rnd(5) === 0 ? "-" : "") + intPart + frac;
      const b = enc.encode(text + ",");
      const end = plainNumber(b, 0);
      if (end < 0) {
        expect(text.replace(/\D/g, "").replace(/^0+/, "").length).toBeGreaterThan(15); // declined only beyond 2^53
        continue;
      }
      expect(end).toBe(text.length);
      expect(NUM[0]).toBe(Number(text));
      expect(NUM[1]).toBe(frac.length > 0 ? frac.length - 1 : 0);
    }
  });

  test("declines what it cannot do exactly", () => {
    for (const t of ["1e5", "", ".", "-", "12345678901234567890", "1.2.3", " 1", "0x10", '"1"']) {
      expect(plainNumber(new TextEncoder().encode(t + "\n"), 0)).toBe(-1);
    }
  });

  test("strict slow path", () => {
    expect(parseNumberText("1.5e-3")).toEqual({ value: 0.0015, decimals: 4 });
    expect(parseNumberText(' "42.10" ')).toEqual({ value: 42.1, decimals: 2 });
    for (const t of ["", "NaN", "Infinity", "0x10", "1e999", "1,5", "abc"]) expect(parseNumberText(t).value).toBeNaN();
  });

  test("decimals of doubles", () => {
    expect(decimalsOf(93738.19)).toBe(2);
    expect(decimalsOf(0.00012345)).toBe(8);
    expect(decimalsOf(65528)).toBe(0);
    expect(maxDecimals(new Float64Array([1, 2.5, 3.25, 4.125, 100]))).toBe(3);
  });
});

describe("times", () => {
  test("RFC3339 forms", () => {
    const t = Date.UTC(2024, 1, 29, 13, 45, 30);
    expect(parseTimeText("2024-02-29T13:45:30Z")).toBe(t);
    expect(parseTimeText("2024-02-29T13:45:30.25Z")).toBe(t + 250);
    expect(parseTimeText("2024-02-29T15:45:30+02:00")).toBe(t);
    expect(parseTimeText("2024-02-29T12:45:30-0100")).toBe(t);
    expect(parseTimeText("2024-02-29 13:45:30")).toBe(t);
    expect(parseTimeText("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    for (const bad of ["2023-02-29", "2024-00-01", "2024-01-01T24:00:00Z", "2024-01-01T10:00Zjunk", "yesterday", "2024-1-1"]) expect(parseTimeText(bad)).toBeNaN();
  });

  test("epoch magnitude", () => {
    const ms = 1_700_000_000_000;
    expect(epochToMs(ms / 1000)).toBe(ms);
    expect(epochToMs(ms)).toBe(ms);
    expect(epochToMs(ms * 1000)).toBe(ms);
    expect(epochToMs(ms * 1e6)).toBe(ms);
  });
});

describe("metadata inference", () => {
  test("symbol and venue of every shared data file name", () => {
    const got = Object.fromEntries(
      readdirSync(sharedDataDir())
        .filter((f) => f.endsWith(".csv.gz"))
        .map((f) => [f, `${symbolFromFileName(f)}@${venueFromFileName(f)}`]),
    );
    expect(got["binance_spot_BTCUSDT_1m_stitched_2019-10_2026-04.csv.gz"]).toBe("BTCUSDT@binance");
    expect(got["binance_usdm_SOLUSDT_perp_1m_segments_2023-07_2025-07.csv.gz"]).toBe("SOLUSDT@binance");
    expect(got["hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz"]).toBe("BTC@hyperliquid");
    expect(symbolFromFileName("user_data/BTC_USDT-1h.feather")).toBe("BTCUSDT");
    expect(symbolFromFileName("/x/sample.csv")).toBe("sample");
  });

  test("most common step and interval names", () => {
    expect(mostCommonStep(new Float64Array([0, 60, 120, 600, 660, 720]))).toBe(60);
    expect(mostCommonStep(new Float64Array([5]))).toBe(0);
    expect(intervalName(3_600_000)).toBe("1h");
    expect(intervalName(120_000)).toBe("120s");
  });
});

test("public entry exports (snapshot: changes here are API changes)", async () => {
  expect(Object.keys(await import("./index.ts")).sort()).toEqual([
    "gapSummary",
    "intervalName",
    "isoTime",
    "loadBars",
    "mostCommonStep",
    "parseTimeText",
    "symbolFromFileName",
    "useDuckDb",
    "venueFromFileName",
    "writeBarsArrow",
    "writeBarsCsv",
    "writeBarsParquet",
  ]);
});

test("column buffers: zeroed, right length, large ones huge-page advised without error", async () => {
  const { allocColumn, columnMemoryReady } = await import("./column-memory.ts");
  await columnMemoryReady;
  for (const n of [0, 10, 3_000_000]) {
    const a = allocColumn(n);
    expect(a.length).toBe(n);
    expect(a.every((x) => x === 0)).toBe(true);
  }
});
