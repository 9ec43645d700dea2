/**
 * algo-trade entry point: argv → config → command. Everything concrete is wired in src/app/.
 * Exit codes: 0 ok, 1 runtime error, 2 usage error. Errors print as one line on stderr;
 * --verbose adds the stack.
 */
import { isBaseError, UsageError, ConfigError } from "./core/index.ts";
import { loadConfig } from "./config/index.ts";
import { createLogger } from "./lib/logger.ts";
import { COMMANDS, findCommand } from "./app/commands/index.ts";
import { wireDataReaders } from "./app/wire-data.ts";
import { parseCommandArgs } from "./cli/parse-args.ts";
import { commandHelp, mainHelp } from "./cli/help.ts";

export const VERSION = process.env.ALGO_TRADE_VERSION ?? "0.1.0-dev";
const GIT_SHA = process.env.ALGO_TRADE_GIT_SHA ?? "dev";

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    if (name === "help" && rest[0]) {
      const c = findCommand(rest[0]);
      if (c) {
        process.stdout.write(commandHelp(c));
        return 0;
      }
    }
    process.stdout.write(mainHelp(COMMANDS, VERSION));
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-V" || name === "version") {
    process.stdout.write(`algo-trade ${VERSION} (${GIT_SHA})\n`);
    return 0;
  }
  const cmd = findCommand(name);
  wireDataReaders();
  if (!cmd) throw new UsageError(`unknown command "${name}" (run 'algo-trade --help' for the list)`);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(commandHelp(cmd));
    return 0;
  }
  const args = parseCommandArgs(cmd, rest);
  const verbose = args.values.verbose === true;
  const loaded = loadConfig({ path: typeof args.values.config === "string" ? args.values.config : undefined, env: process.env });
  const log = createLogger({ level: verbose ? "debug" : loaded.config.log.level, format: loaded.config.log.format });
  return cmd.run(args, {
    config: loaded.config,
    configPath: loaded.path,
    log,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  });
}

function report(e: unknown, verbose: boolean): number {
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: ${msg}\n`);
  if (verbose && e instanceof Error && e.stack) process.stderr.write(e.stack + "\n");
  if (e instanceof UsageError || e instanceof ConfigError) return 2;
  if (isBaseError(e) && e.code === "USAGE") return 2;
  return 1;
}

const argv = process.argv.slice(2);
try {
  const code = await main(argv);
  process.exitCode = code;
} catch (e) {
  process.exitCode = report(e, argv.includes("--verbose") || argv.includes("-v"));
}
