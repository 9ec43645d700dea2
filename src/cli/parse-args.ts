/**
 * Parses a command's argv against its OptionSpecs with node:util parseArgs in strict mode, so an
 * unknown flag or a missing value is a UsageError naming the flag.
 */
import { parseArgs } from "node:util";
import { UsageError } from "../core/index.ts";
import type { Command, ParsedArgs } from "./command.ts";

export const GLOBAL_OPTIONS = {
  config: { type: "string", short: "c", description: "Config file (TOML); default config/Config.toml when present", value: "FILE" },
  verbose: { type: "boolean", short: "v", description: "Print stack traces and debug logs" },
  help: { type: "boolean", short: "h", description: "Show help for this command" },
} as const;

export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries({ ...GLOBAL_OPTIONS, ...cmd.options })) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...("multiple" in spec && spec.multiple ? { multiple: true } : {}) };
  }
  try {
    const { values, positionals } = parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals: true });
    if (positionals.length > 0 && !cmd.positionals) {
      throw new UsageError(`${cmd.name}: unexpected argument "${positionals[0]}"`, { argument: positionals[0] });
    }
    return { values: values as ParsedArgs["values"], positionals };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const msg = e instanceof Error ? e.message.replace(/\. To specify.*$/s, "") : String(e);
    throw new UsageError(`${cmd.name}: ${msg}`);
  }
}

/**
 * parseArgs treats "-3" after "--slippage-bps" as an unknown short flag; a string option followed
 * by a negative number is rewritten to "--flag=-3" so the command's own range check can name it.
 */
function joinNegativeValues(argv: string[], options: Record<string, { type: "string" | "boolean"; short?: string }>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const name = a.startsWith("--") ? a.slice(2) : a.length === 2 && a.startsWith("-") ? Object.keys(options).find((k) => options[k]!.short === a.slice(1)) : undefined;
    if (name && !a.includes("=") && options[name]?.type === "string" && next !== undefined && /^-\d|^-\.\d/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Typed accessors that produce UsageErrors naming the flag. */
export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

export function req(args: ParsedArgs, name: string, cmd: string): string {
  const v = str(args, name);
  if (v === undefined || v === "") throw new UsageError(`${cmd}: missing required flag --${name}`, { flag: name });
  return v;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function list(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v : typeof v === "string" ? [v] : [];
}

/** A number flag; `positive` requires > 0 (worded as such), `min`/`max` are inclusive bounds. */
export function num(args: ParsedArgs, name: string, cmd: string, opts: { min?: number; max?: number; integer?: boolean; positive?: boolean } = {}): number | undefined {
  const v = str(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw new UsageError(`${cmd}: --${name} must be a number, got "${v}"`, { flag: name });
  if (opts.integer && !Number.isInteger(n)) throw new UsageError(`${cmd}: --${name} must be an integer, got "${v}"`, { flag: name });
  if (opts.positive && !(n > 0)) throw new UsageError(`${cmd}: --${name} must be > 0, got ${v}`, { flag: name });
  if (opts.min !== undefined && n < opts.min) throw new UsageError(`${cmd}: --${name} must be ≥ ${opts.min}, got ${v}`, { flag: name });
  if (opts.max !== undefined && n > opts.max) throw new UsageError(`${cmd}: --${name} must be ≤ ${opts.max}, got ${v}`, { flag: name });
  return n;
}

/** Parses an RFC3339 / ISO date or epoch-ms flag value to epoch ms. */
export function time(args: ParsedArgs, name: string, cmd: string): number | undefined {
  const v = str(args, name);
  if (v === undefined) return undefined;
  const t = /^\d{10,}$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(t)) throw new UsageError(`${cmd}: --${name} must be an RFC3339 time (e.g. 2025-01-01T00:00:00Z) or epoch ms, got "${v}"`, { flag: name });
  return t;
}
