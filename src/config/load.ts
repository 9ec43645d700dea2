/**
 * The one config loader. Precedence: defaults < file (TOML) < environment < argv overrides.
 * Errors name the file, line and key path: `config/Config.toml:2: server.port: expected number`, or the
 * env variable / flag the value came from.
 */
import { existsSync, readFileSync } from "node:fs";
import { ConfigError } from "../core/index.ts";
import { tomlErrorAt } from "../lib/toml-error-at.ts";
import { lineOfKey } from "./key-line.ts";
import { configSchema, ENV_MAP, type AppConfig } from "./schema.ts";

export const DEFAULT_CONFIG_PATH = "config/Config.toml";

export interface LoadOptions {
  /** Explicit --config path (must exist). */
  path?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /** Dotted key → value overrides from flags. */
  overrides?: Record<string, unknown>;
}

export interface LoadedConfig {
  config: AppConfig;
  path: string | undefined;
  /** The raw object after file + env + overrides, before defaults (for diffing on reload). */
  raw: Record<string, unknown>;
}

export function parseConfigText(text: string, path: string): Record<string, unknown> {
  try {
    return Bun.TOML.parse(text) as Record<string, unknown>;
  } catch (e) {
    // Bun's TOML errors carry no position: file:line:column like every other input error here.
    const at = tomlErrorAt(text);
    const msg = at?.message ?? (e instanceof Error ? e.message : String(e));
    const where = at ? `${path}:${at.line}:${at.column}` : path;
    throw new ConfigError(`${where}: invalid TOML: ${msg}`, { file: path, ...(at ? { line: at.line, column: at.column } : {}) });
  }
}

export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  let path: string | undefined;
  let raw: Record<string, unknown> = {};
  if (opts.path) {
    if (!existsSync(opts.path)) throw new ConfigError(`config file not found: ${opts.path}`, { file: opts.path });
    path = opts.path;
  } else if (existsSync(DEFAULT_CONFIG_PATH)) {
    path = DEFAULT_CONFIG_PATH;
  }
  let text = "";
  if (path) raw = parseConfigText((text = readFileSync(path, "utf8")), path);
  // Where each value came from, for error messages: env variable, flag, or a line of the file.
  const origin = new Map<string, string>();
  for (const [name, key] of Object.entries(ENV_MAP)) {
    const v = env[name];
    if (v !== undefined && v !== "") {
      setPath(raw, key, v);
      origin.set(key, `env ${name}`);
    }
  }
  for (const [key, v] of Object.entries(opts.overrides ?? {})) {
    if (v !== undefined) {
      setPath(raw, key, v);
      origin.set(key, "command-line flag");
    }
  }
  const locate = (keyPath: readonly (string | number)[]): string => {
    const dotted = keyPath.join(".");
    for (const [k, o] of origin) if (dotted === k || dotted.startsWith(`${k}.`)) return `${path ?? "config"} (${o})`;
    const line = path ? lineOfKey(text, keyPath) : null;
    return line !== null ? `${path}:${line}` : (path ?? "config");
  };
  return { config: validateConfig(raw, path ?? "config", locate), path, raw };
}

/** Validates a raw object; throws ConfigError naming source and key path. */
export function validateConfig(raw: Record<string, unknown>, source: string, locate?: (keyPath: readonly (string | number)[]) => string): AppConfig {
  const res = configSchema.safeParse(coerceEnvStrings(raw));
  if (!res.success) {
    const issue = res.error.issues[0]!;
    const key = issue.path.join(".") || "(root)";
    const where = locate ? locate(issue.path as (string | number)[]) : source;
    throw new ConfigError(`${where}: ${key}: ${issue.message}`, { file: source, key, issues: res.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) });
  }
  return res.data;
}

function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split(".");
  let cur: Record<string, unknown> = obj;
  for (const p of parts.slice(0, -1)) {
    const next = cur[p];
    if (typeof next !== "object" || next === null || Array.isArray(next)) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts.at(-1)!] = value;
}

/** Env values arrive as strings; turn numeric/boolean strings into the types the schema wants. */
function coerceEnvStrings(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v && typeof v === "object" && !Array.isArray(v)) out[k] = coerceEnvStrings(v as Record<string, unknown>);
    else if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) && !k.endsWith("url") && !k.endsWith("token")) out[k] = Number(v);
    else if (v === "true" || v === "false") out[k] = v === "true";
    else out[k] = v;
  }
  return out;
}
