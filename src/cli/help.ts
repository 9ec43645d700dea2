/** Renders top-level and per-command help text from the command definitions. */
import type { Command, OptionSpec } from "./command.ts";
import { GLOBAL_OPTIONS } from "./parse-args.ts";

export function commandHelp(cmd: Command): string {
  const lines = [`Usage: algo-trade ${cmd.usage}`, "", cmd.summary, ""];
  const opts = Object.entries(cmd.options);
  if (opts.length) {
    lines.push("Options:");
    lines.push(...formatOptions(opts));
    lines.push("");
  }
  lines.push("Global options:");
  lines.push(...formatOptions(Object.entries(GLOBAL_OPTIONS) as [string, OptionSpec][]));
  if (cmd.details) lines.push("", cmd.details.trimEnd());
  return lines.join("\n") + "\n";
}

export function mainHelp(commands: readonly Command[], version: string): string {
  const w = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `algo-trade ${version} — statistical trading engine (backtest, paper/live trading, statistics, bot daemon)`,
    "",
    "Usage: algo-trade <command> [options]",
    "       algo-trade <command> --help",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(w)}${c.summary}`),
    "",
    "Global options: --config FILE, --verbose, --help, --version",
    "Exit codes: 0 ok, 1 runtime error, 2 usage error. Logs go to stderr (LOG_LEVEL=debug|info|warn|error).",
    "",
  ].join("\n");
}

function formatOptions(opts: [string, OptionSpec][]): string[] {
  const left = opts.map(([name, o]) => {
    const s = o.short ? `-${o.short}, ` : "    ";
    const v = o.type === "string" ? ` ${o.value ?? "VALUE"}` : "";
    return `  ${s}--${name}${v}${o.multiple ? " ..." : ""}`;
  });
  const w = Math.max(...left.map((l) => l.length)) + 2;
  return opts.map(([, o], i) => `${left[i]!.padEnd(w)}${o.description}${o.default !== undefined ? ` (default: ${o.default})` : ""}`);
}
