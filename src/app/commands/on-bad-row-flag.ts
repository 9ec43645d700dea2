/**
 * `--on-bad-row error|skip`, shared by every command that loads bar files (backtest, data-info,
 * data import): absent means "error"; any other value is a UsageError naming the flag.
 */
import type { ParsedArgs } from "../../cli/command.ts";
import { str } from "../../cli/parse-args.ts";
import { UsageError } from "../../core/index.ts";

export function onBadRowFlag(args: ParsedArgs, cmd: string): "error" | "skip" {
  const mode = str(args, "on-bad-row") ?? "error";
  if (mode !== "error" && mode !== "skip") throw new UsageError(`${cmd}: --on-bad-row must be error or skip, got "${mode}"`, { flag: "on-bad-row" });
  return mode;
}
