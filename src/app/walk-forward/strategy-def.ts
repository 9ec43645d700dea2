/**
 * Looks a strategy definition up in the static registry for walk-forward (which needs the
 * definition itself: parameter schema, cross-field check and warm-up per grid point).
 */
import { UsageError } from "../../core/index.ts";
import type { StrategyDefinition } from "../../engine/index.ts";
import { STRATEGIES } from "../../strategies/index.ts";

export function strategyDefinition(name: string): StrategyDefinition {
  const def = Object.hasOwn(STRATEGIES, name) ? STRATEGIES[name] : undefined;
  if (!def) throw new UsageError(`--strategy: unknown strategy "${name}" (valid: ${Object.keys(STRATEGIES).join(", ")})`, { flag: "strategy" });
  return def;
}
