/** The strategy catalogue served at GET /api/strategies carries JSON Schema types and bounds. */
import { expect, test } from "bun:test";
import { strategyInfos } from "./strategy-resolver.ts";

test("catalogue: integer vs number, bounds and defaults come from each strategy's zod schema", () => {
  const byName = new Map(strategyInfos().map((s) => [s.name, s]));
  expect([...byName.keys()].sort()).toEqual(["ma_crossover", "quad_ma", "rsi"]);
  const fast = byName.get("ma_crossover")!.params.find((p) => p.name === "fast")!;
  expect(fast).toMatchObject({ type: "integer", default: 10, minimum: 1 });
  const lower = byName.get("rsi")!.params.find((p) => p.name === "lower")!;
  expect(lower).toMatchObject({ type: "number", default: 30, exclusiveMinimum: 0, exclusiveMaximum: 100 });
});
