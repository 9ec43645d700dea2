/** resolveStrategy: parameter parsing, validation errors naming the key, help text. */
import { describe, expect, test } from "bun:test";
import { UsageError } from "../core/index.ts";
import { describeStrategies, resolveStrategy, STRATEGIES } from "./index.ts";

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return e as UsageError;
  }
  throw new Error("expected a UsageError");
}

describe("resolveStrategy", () => {
  test("defaults, kv and JSON (kv wins), typed values", () => {
    expect(resolveStrategy("ma_crossover", []).params).toEqual({ fast: 10, slow: 30 });
    expect(resolveStrategy("rsi", []).params).toEqual({ period: 14, lower: 30, upper: 70, exit: 50 });
    const q = resolveStrategy("quad_ma", ["volume_filter=false", "take_profit=0.03"], '{"ma1":4,"take_profit":0.05}');
    expect(q.params).toMatchObject({ ma1: 4, take_profit: 0.03, volume_filter: false, reversal_confirmation_bars: 3 });
    const r = resolveStrategy("ma_crossover", ["fast=20"], '{"slow":50}');
    expect(r.params).toEqual({ fast: 20, slow: 50 });
    expect(r.strategy.name).toBe("ma_crossover");
    expect(r.strategy.warmup).toBe(50);
    expect(r.definition).toBe(STRATEGIES.ma_crossover!);
  });

  test("unknown strategy lists the valid names", () => {
    expect(usage(() => resolveStrategy("macd", [])).message).toBe('unknown strategy "macd" (valid: ma_crossover, rsi, quad_ma)');
    expect(usage(() => resolveStrategy("toString", [])).message).toStartWith('unknown strategy "toString"');
  });

  test("unknown key, from kv or JSON, names it and the valid keys", () => {
    expect(usage(() => resolveStrategy("ma_crossover", ["fsat=3"])).message).toBe("strategy ma_crossover: unknown param 'fsat' (valid: fast, slow)");
    expect(usage(() => resolveStrategy("rsi", [], '{"periods":3}')).message).toBe("strategy rsi: unknown param 'periods' (valid: period, lower, upper, exit)");
  });

  test("bad types and ranges name the key", () => {
    expect(usage(() => resolveStrategy("ma_crossover", ["fast=abc"])).message).toBe(`strategy ma_crossover: param 'fast' must be a number, got "abc"`);
    expect(usage(() => resolveStrategy("ma_crossover", ["fast=2.5"])).message).toContain("invalid param 'fast' (got 2.5)");
    expect(usage(() => resolveStrategy("ma_crossover", [], '{"fast":"7"}')).message).toContain("invalid param 'fast' (got \"7\")");
    expect(usage(() => resolveStrategy("rsi", ["period=1"])).message).toContain("invalid param 'period' (got 1)");
    expect(usage(() => resolveStrategy("quad_ma", ["volume_filter=maybe"])).message).toBe(`strategy quad_ma: param 'volume_filter' must be true or false, got "maybe"`);
    expect(usage(() => resolveStrategy("quad_ma", ["stop_loss=1"])).message).toContain("invalid param 'stop_loss'");
    expect(usage(() => resolveStrategy("ma_crossover", ["fast"])).message).toBe(`strategy ma_crossover: --param expects key=value, got "fast"`);
    expect(usage(() => resolveStrategy("ma_crossover", [], "{fast:1}")).message).toStartWith("strategy ma_crossover: --params is not valid JSON");
    expect(usage(() => resolveStrategy("ma_crossover", [], "[1]")).message).toBe(`strategy ma_crossover: --params must be a JSON object like {"key": value}`);
  });

  test("cross-field checks name the key", () => {
    expect(usage(() => resolveStrategy("ma_crossover", ["fast=30", "slow=30"])).message).toBe("strategy ma_crossover: param 'slow' (30) must be greater than 'fast' (30)");
    expect(usage(() => resolveStrategy("rsi", ["lower=55"])).message).toBe("strategy rsi: param 'exit' (50) must be greater than 'lower' (55)");
    expect(usage(() => resolveStrategy("rsi", ["upper=45"])).message).toBe("strategy rsi: param 'upper' (45) must be greater than 'exit' (50)");
    expect(usage(() => resolveStrategy("quad_ma", ["ma3=8"])).message).toBe("strategy quad_ma: param 'ma3' (8) must be greater than 'ma2' (10)");
    expect(usage(() => resolveStrategy("quad_ma", ["trend_period=40"])).message).toBe("strategy quad_ma: param 'trend_period' (40) must be ≥ 'ma4' (50)");
  });
});

test("describeStrategies lists every strategy with its parameters and defaults", () => {
  const text = describeStrategies();
  for (const name of Object.keys(STRATEGIES)) expect(text).toContain(`  ${name}  `);
  expect(text).toContain("fast=10");
  expect(text).toContain("take_profit=0.02");
  expect(text).toContain("volume_filter=true");
  expect(text).toContain("oversold level");
});

test("public entry exports (snapshot: changes here are API changes)", async () => {
  expect(Object.keys(await import("./index.ts")).sort()).toEqual(["STRATEGIES", "collectSignals", "describeStrategies", "maCrossover", "quadMa", "replaySignals", "resolveStrategy", "rsi"]);
});
