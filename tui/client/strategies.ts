/**
 * The strategy catalogue for the add/edit form: names, descriptions and each parameter's type,
 * default and (when known) bounds. The daemon serves `GET /api/strategies` as
 * `{ strategies: [{ name, description, params: [{ name, type, default, description }] }] }`
 * (src/api `StrategyInfo`); a JSON Schema per strategy (zod's toJSONSchema, which also carries
 * bounds and enum choices) is understood too. A 404 (an older daemon) means "no catalogue": the
 * form then takes the strategy name and params as free text.
 */
import type { ApiStrategyInfo } from "./api-types.ts";
import type { HttpClient } from "./http-client.ts";
import { ApiError } from "./errors.ts";

export interface ParamInfo {
  readonly name: string;
  readonly type: "number" | "integer" | "boolean" | "string" | "enum";
  readonly default?: unknown;
  readonly description?: string;
  readonly choices?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

export interface StrategyInfo {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamInfo[];
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

function paramFromSchema(name: string, s: Record<string, unknown>): ParamInfo {
  const en = Array.isArray(s.enum) ? s.enum.map(String) : undefined;
  const t = en ? "enum" : s.type === "integer" ? "integer" : s.type === "number" ? "number" : s.type === "boolean" ? "boolean" : "string";
  const num = (k: string) => (typeof s[k] === "number" ? (s[k] as number) : undefined);
  return {
    name,
    type: t,
    ...(s.default !== undefined ? { default: s.default } : {}),
    ...(typeof s.description === "string" ? { description: s.description } : {}),
    ...(en ? { choices: en } : {}),
    ...(num("minimum") !== undefined || num("exclusiveMinimum") !== undefined ? { min: (num("minimum") ?? num("exclusiveMinimum"))! } : {}),
    ...(num("maximum") !== undefined || num("exclusiveMaximum") !== undefined ? { max: (num("maximum") ?? num("exclusiveMaximum"))! } : {}),
  };
}

function paramsOf(raw: unknown): ParamInfo[] {
  if (Array.isArray(raw)) {
    return raw.filter(isObj).flatMap((p) => (typeof p.name === "string" ? [paramFromSchema(p.name, p)] : []));
  }
  if (isObj(raw) && isObj(raw.properties)) {
    return Object.entries(raw.properties).flatMap(([k, v]) => (isObj(v) ? [paramFromSchema(k, v)] : []));
  }
  return [];
}

/** The daemon's wire shape (checked against src/api at compile time). */
export type StrategiesResponse = { readonly strategies: readonly ApiStrategyInfo[] };

/** Normalises a catalogue body; throws an ApiError naming what is wrong. */
export function parseStrategies(body: StrategiesResponse | unknown): StrategyInfo[] {
  const list = Array.isArray(body) ? body : isObj(body) ? (body.strategies ?? body.items) : undefined;
  if (!Array.isArray(list)) throw new ApiError(200, "BAD_RESPONSE", "GET /api/strategies: expected { strategies: [...] }");
  return list.filter(isObj).flatMap((s) =>
    typeof s.name === "string"
      ? [{ name: s.name, description: typeof s.description === "string" ? s.description : "", params: paramsOf(s.params ?? s.schema ?? s.params_schema) }]
      : [],
  );
}

/** The catalogue, or null when the daemon has no strategy route (404/405). */
export async function fetchStrategies(http: HttpClient): Promise<StrategyInfo[] | null> {
  try {
    return parseStrategies(await http.get<unknown>("/api/strategies"));
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405)) return null;
    throw e;
  }
}
