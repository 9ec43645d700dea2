/**
 * Bot and backtest-job strategies from the static registry (src/strategies): name + params →
 * Strategy, with the registry's own validation (types, ranges, cross-field checks). Its
 * UsageErrors become ConfigErrors naming `strategy` or `params.<key>`, which the API turns into
 * 422 responses that point at the field.
 */
import { ConfigError, isBaseError } from "../../core/index.ts";
import type { Strategy, StrategyDefinition } from "../../engine/index.ts";
import { z } from "zod";
import { resolveStrategy, STRATEGIES } from "../../strategies/index.ts";
import { fieldsOf } from "../../strategies/resolve-params.ts";
import type { StrategyInfo } from "../../api/index.ts";

export function strategyNames(): readonly string[] {
  return Object.keys(STRATEGIES);
}

export function resolveNamedStrategy(name: string, params: Readonly<Record<string, unknown>>): { strategy: Strategy; warmup: number } {
  try {
    const r = resolveStrategy(name, [], JSON.stringify(params ?? {}));
    return { strategy: r.strategy, warmup: r.definition.warmup(r.params as never) };
  } catch (e) {
    if (!isBaseError(e)) throw e;
    const param = typeof e.details.param === "string" ? e.details.param : undefined;
    const field = e.details.strategy !== undefined ? "strategy" : param ? `params.${param}` : "params";
    throw new ConfigError(`${field}: ${e.message}`, { field, ...(e.details.valid ? { valid: e.details.valid } : {}) });
  }
}

/** The registry's strategies with their parameter schemas, for GET /api/strategies. */
export function strategyInfos(): StrategyInfo[] {
  return Object.values(STRATEGIES).map((def) => {
    const props = jsonSchemaProps(def);
    return {
      name: def.name,
      description: def.description,
      params: Object.entries(fieldsOf(def)).map(([name, f]) => {
        const js = props[name] ?? {};
        return {
          name,
          type: typeof js.type === "string" ? js.type : f.type,
          default: f.defaultValue ?? null,
          description: f.description ?? null,
          ...pickNumbers(js, ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
          ...(Array.isArray(js.enum) ? { enum: js.enum as unknown[] } : {}),
        };
      }),
    };
  });
}

/** zod's JSON Schema of a strategy's params (input side): carries integer-ness, bounds and enums. */
function jsonSchemaProps(def: StrategyDefinition): Record<string, Record<string, unknown>> {
  const schema = z.toJSONSchema(def.params, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, Record<string, unknown>> };
  return schema.properties ?? {};
}

function pickNumbers(o: Record<string, unknown>, keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) if (typeof o[k] === "number") out[k] = o[k] as number;
  return out;
}
