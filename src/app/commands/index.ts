/**
 * Static command registry (compiled binaries cannot discover modules at run time).
 * Keep this list sorted by the order users meet the commands; one import + one entry each.
 */
import type { Command } from "../../cli/command.ts";
import { statsCommand } from "./stats.ts";
import { montecarloCommand } from "./montecarlo.ts";
import { walkForwardCommand } from "./walk-forward.ts";
import { fetchDataCommand } from "./fetch-data.ts";
import { backtestCommand } from "./backtest.ts";
import { dataInfoCommand } from "./data-info.ts";
import { daemonCommand } from "./daemon.ts";
import { serverCommand } from "./server.ts";
import { dbCommand } from "./db.ts";
import { dataCommand } from "./data.ts";

export const COMMANDS: readonly Command[] = [
  daemonCommand,
  serverCommand,
  backtestCommand,
  walkForwardCommand,
  statsCommand,
  montecarloCommand,
  fetchDataCommand,
  dataInfoCommand,
  dbCommand,
  dataCommand,
];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
