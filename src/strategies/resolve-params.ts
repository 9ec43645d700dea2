/**
 * Strategy parameters from the command line: `--params '{"fast":20}'` (JSON object) merged with
 * `--param fast=20` pairs (later wins), coerced by the schema's field types, validated with zod
 * and the definition's cross-field check. Every failure is a UsageError naming the key.
 */
import { UsageError } from "../core/index.ts";
import type { StrategyDefinition } from "../engine/strategy.ts";

interface FieldInfo {
  readonly type: string;
  readonly description: string | undefined;
  readonly defaultValue: unknown;
}

/** Base type, description and default of each schema field (zod v4 introspection). */
export function fieldsOf(def: StrategyDefinition): Record<string, FieldInfo> {
  const out: Record<string, FieldInfo> = {};
  for (const [key, schema] of Object.entries(def.params.shape)) {
    let s = schema as unknown as { def: { type: string; innerType?: unknown; defaultValue?: unknown }; description?: string };
    const description = s.description;
    let defaultValue: unknown;
    while (s.def.innerType) {
      if (s.def.type === "default") defaultValue = s.def.defaultValue;
      s = s.def.innerType as typeof s;
    }
    out[key] = { type: s.def.type, description: description ?? s.description, defaultValue };
  }
  return out;
}

function coerce(name: string, key: string, raw: string, type: string): unknown {
  if (type === "number") {
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n)) throw new UsageError(`strategy ${name}: param '${key}' must be a number, got "${raw}"`, { param: key });
    return n;
  }
  if (type === "boolean") {
    const v = raw.trim().toLowerCase();
    if (["true", "1", "yes", "on"].includes(v)) return true;
    if (["false", "0", "no", "off"].includes(v)) return false;
    throw new UsageError(`strategy ${name}: param '${key}' must be true or false, got "${raw}"`, { param: key });
  }
  return raw;
}

export function resolveParams(def: StrategyDefinition, kv: readonly string[], json?: string): Record<string, unknown> {
  const name = def.name;
  const fields = fieldsOf(def);
  const valid = Object.keys(fields);
  const unknownKey = (key: string): never => {
    throw new UsageError(`strategy ${name}: unknown param '${key}' (valid: ${valid.join(", ")})`, { param: key, valid });
  };
  const input: Record<string, unknown> = {};
  if (json !== undefined && json.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new UsageError(`strategy ${name}: --params is not valid JSON (${(e as Error).message})`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new UsageError(`strategy ${name}: --params must be a JSON object like {"key": value}`);
    for (const [k, v] of Object.entries(parsed)) {
      if (!Object.hasOwn(fields, k)) unknownKey(k);
      input[k] = v;
    }
  }
  for (const pair of kv) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`strategy ${name}: --param expects key=value, got "${pair}"`);
    const key = pair.slice(0, eq).trim();
    if (!Object.hasOwn(fields, key)) unknownKey(key);
    input[key] = coerce(name, key, pair.slice(eq + 1), fields[key]!.type);
  }
  const r = def.params.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const key = String(issue.path[0] ?? "");
    if (issue.code === "unrecognized_keys") unknownKey((issue as { keys: string[] }).keys[0]!);
    throw new UsageError(`strategy ${name}: invalid param '${key}' (got ${JSON.stringify(input[key])}): ${issue.message}`, { param: key });
  }
  const params = r.data as Record<string, unknown>;
  const msg = def.validate?.(params);
  if (msg) throw new UsageError(`strategy ${name}: ${msg}`, { params });
  return params;
}
