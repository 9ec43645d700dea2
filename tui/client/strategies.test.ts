import { describe, expect, test } from "bun:test";
import { dataFile } from "../../src/testkit/data-path.ts";
import { FakeDaemon } from "../testing/fake-daemon.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { HttpClient } from "./http-client.ts";
import { fetchStrategies, parseStrategies, type StrategiesResponse } from "./strategies.ts";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h", limit: 50 });

/** What zod 4's toJSONSchema makes of a strategy's params (ma_crossover-like). */
const JSON_SCHEMA_CATALOGUE = {
  strategies: [
    {
      name: "ma_crossover",
      description: "Moving-average crossover",
      params: {
        type: "object",
        properties: {
          fast: { type: "integer", minimum: 1, default: 10, description: "Fast MA period" },
          slow: { type: "integer", exclusiveMinimum: 1, maximum: 500, default: 30 },
          kind: { type: "string", enum: ["sma", "ema"], default: "sma" },
          long_only: { type: "boolean", default: false },
        },
      },
    },
  ],
};

/** Exactly what GET /api/strategies returned from the real daemon (first two strategies). */
const DAEMON_CATALOGUE: StrategiesResponse = {
  strategies: [
    {
      name: "ma_crossover",
      description: "SMA crossover of closes: long while fast SMA > slow SMA, short while below; signals on change only",
      params: [
        { name: "fast", type: "number", default: 10, description: "fast SMA window, bars" },
        { name: "slow", type: "number", default: 30, description: "slow SMA window, bars (> fast)" },
      ],
    },
    { name: "rsi", description: "Wilder RSI", params: [{ name: "period", type: "number", default: 14, description: null }, { name: "long_only", type: "boolean", default: false, description: null }] },
  ],
};

describe("strategy catalogue", () => {
  test("parses the daemon's GET /api/strategies shape", () => {
    expect(parseStrategies(DAEMON_CATALOGUE)).toEqual([
      {
        name: "ma_crossover",
        description: "SMA crossover of closes: long while fast SMA > slow SMA, short while below; signals on change only",
        params: [
          { name: "fast", type: "number", default: 10, description: "fast SMA window, bars" },
          { name: "slow", type: "number", default: 30, description: "slow SMA window, bars (> fast)" },
        ],
      },
      { name: "rsi", description: "Wilder RSI", params: [{ name: "period", type: "number", default: 14 }, { name: "long_only", type: "boolean", default: false }] },
    ]);
  });

  test("parses JSON Schema params (types, bounds, enums, defaults)", () => {
    expect(parseStrategies(JSON_SCHEMA_CATALOGUE)).toEqual([
      {
        name: "ma_crossover",
        description: "Moving-average crossover",
        params: [
          { name: "fast", type: "integer", default: 10, description: "Fast MA period", min: 1 },
          { name: "slow", type: "integer", default: 30, min: 1, max: 500 },
          { name: "kind", type: "enum", default: "sma", choices: ["sma", "ema"] },
          { name: "long_only", type: "boolean", default: false },
        ],
      },
    ]);
  });

  test("parses a list of parameter records and a bare array", () => {
    expect(parseStrategies([{ name: "rsi", params: [{ name: "period", type: "integer", default: 14 }] }])).toEqual([
      { name: "rsi", description: "", params: [{ name: "period", type: "integer", default: 14 }] },
    ]);
  });

  test("rejects a body that is not a catalogue", () => {
    expect(() => parseStrategies({ hello: 1 })).toThrow("GET /api/strategies: expected { strategies: [...] }");
  });

  test("an older daemon without the route yields null (free-text form); with it, the catalogue", async () => {
    const d = FakeDaemon.start(bars);
    try {
      const c = new HttpClient({ baseUrl: d.url });
      expect(await fetchStrategies(c)).toBeNull();
      d.strategies = JSON_SCHEMA_CATALOGUE;
      expect((await fetchStrategies(c))?.map((s) => s.name)).toEqual(["ma_crossover"]);
    } finally {
      d.stop();
    }
  });
});
