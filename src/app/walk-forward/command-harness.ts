/**
 * Test support for the stats/montecarlo/walk-forward commands: runs a Command in-process with
 * parsed argv and captured stdout/stderr (no subprocess, so tests stay fast). Imported only by
 * tests and benchmarks.
 */
import type { Command, CommandContext } from "../../cli/command.ts";
import { parseCommandArgs } from "../../cli/parse-args.ts";
import { configSchema } from "../../config/schema.ts";
import { createLogger } from "../../lib/logger.ts";

export interface Captured {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function sink(): { stream: NodeJS.WriteStream; text: () => string } {
  let buf = "";
  const stream = { write: (s: string | Uint8Array) => ((buf += typeof s === "string" ? s : new TextDecoder().decode(s)), true), isTTY: false, columns: 100 };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => buf };
}

export async function runCommand(cmd: Command, argv: string[], opts: { isTTY?: boolean } = {}): Promise<Captured> {
  const out = sink();
  const err = sink();
  const args = parseCommandArgs(cmd, argv);
  const ctx: CommandContext = {
    config: configSchema.parse({}),
    log: createLogger({ level: "error", format: "text" }),
    configPath: undefined,
    stdout: out.stream,
    stderr: err.stream,
    isTTY: opts.isTTY ?? false,
    env: {},
  };
  const code = await cmd.run(args, ctx);
  return { code, out: out.text(), err: err.text() };
}
