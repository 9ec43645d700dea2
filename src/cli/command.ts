/**
 * Command definition for the `algo-trade` CLI. Commands are registered in a static map in
 * src/app/commands/index.ts (no runtime discovery: everything must be in the binary).
 *
 * Exit codes: 0 ok, 1 runtime error, 2 usage error. A command returns its exit code or throws;
 * main.ts turns a thrown UsageError into exit 2 and anything else into exit 1.
 */
import type { AppConfig } from "../config/schema.ts";
import type { Logger } from "../lib/logger.ts";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  readonly description: string;
  /** Shown in help as the value placeholder, e.g. "FILE". */
  readonly value?: string;
  /** Default shown in help (the command applies it itself). */
  readonly default?: string;
}

export interface CommandContext {
  readonly config: AppConfig;
  readonly log: Logger;
  /** Path of the config file in use, if any. */
  readonly configPath: string | undefined;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Usage line after "algo-trade", e.g. "backtest --data FILE --strategy NAME [options]". */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Extra help text (examples, semantics). */
  readonly details?: string;
  /** Allow positional arguments. */
  readonly positionals?: boolean;
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
}
