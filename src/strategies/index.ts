/**
 * Strategy registry (static: compiled binaries cannot discover modules) and the resolution of a
 * name plus command-line parameters into a ready Strategy instance.
 */
import { UsageError } from "../core/index.ts";
import type { Strategy, StrategyDefinition } from "../engine/strategy.ts";
import { maCrossover } from "./ma-crossover.ts";
import { quadMa } from "./quad-ma.ts";
import { fieldsOf, resolveParams } from "./resolve-params.ts";
import { rsi } from "./rsi.ts";

/** Erases a definition's specific parameter type so different strategies share one map. */
function entry<D>(d: D): StrategyDefinition {
  return d as unknown as StrategyDefinition;
}

export const STRATEGIES: Record<string, StrategyDefinition> = {
  ma_crossover: entry(maCrossover),
  rsi: entry(rsi),
  quad_ma: entry(quadMa),
};

/**
 * Looks up `name`, validates parameters from `--param k=v` pairs (`kv`) and/or a `--params`
 * JSON object, and creates the strategy. Unknown names, keys, bad types and failed cross-field
 * checks are UsageErrors naming the offending key.
 */
export function resolveStrategy(name: string, kv: string[], json?: string): { definition: StrategyDefinition; params: Record<string, unknown>; strategy: Strategy } {
  const definition = Object.hasOwn(STRATEGIES, name) ? STRATEGIES[name] : undefined;
  if (!definition) {
    throw new UsageError(`unknown strategy "${name}" (valid: ${Object.keys(STRATEGIES).join(", ")})`, { strategy: name, valid: Object.keys(STRATEGIES) });
  }
  const params = resolveParams(definition, kv, json);
  return { definition, params, strategy: definition.create(params) };
}

/** Help text: every strategy with its parameters, defaults and descriptions. */
export function describeStrategies(): string {
  const lines = ["Strategies (--strategy NAME; parameters with --param key=value or --params '{\"key\":value}'):"];
  for (const def of Object.values(STRATEGIES)) {
    lines.push(`  ${def.name}  ${def.description}`);
    const fields = Object.entries(fieldsOf(def));
    const w = Math.max(...fields.map(([k, f]) => `${k}=${String(f.defaultValue)}`.length)) + 2;
    for (const [k, f] of fields) lines.push(`      ${`${k}=${String(f.defaultValue)}`.padEnd(w)}${f.description ?? ""}`);
  }
  return lines.join("\n") + "\n";
}

export { maCrossover, rsi, quadMa };
export { replaySignals, collectSignals } from "./signal-replay.ts";
export type { ReplayBars } from "./signal-replay.ts";
