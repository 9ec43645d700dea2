/**
 * Bot lifecycle. Commands move a bot between states; the actor is the only writer.
 *
 *   stopped|error --start--> starting --(ready)--> running <--pause/resume--> paused
 *   starting|running|paused --stop--> stopping --> stopped
 *   error --stop--> stopped (acknowledges the error)
 *   starting|running --(failure)--> error
 *
 * A command that is not allowed in the current state is a ConflictError (HTTP 409) naming the
 * state, never a silent no-op, so clients learn why nothing happened. Reading status is not a
 * command and is always allowed.
 */
import { ConflictError } from "../core/index.ts";
import type { BotCommandName, BotState } from "./types.ts";

const ALLOWED: Readonly<Record<BotCommandName, readonly BotState[]>> = {
  start: ["stopped", "error"],
  stop: ["starting", "running", "paused", "error"],
  pause: ["running"],
  resume: ["paused"],
};

export function canApply(cmd: BotCommandName, state: BotState): boolean {
  return ALLOWED[cmd].includes(state);
}

/** Throws a ConflictError when `cmd` is not allowed in `state`. */
export function assertCommand(botId: string, cmd: BotCommandName, state: BotState): void {
  if (!canApply(cmd, state)) {
    throw new ConflictError(`bot '${botId}' is ${state}: cannot ${cmd} (allowed from ${ALLOWED[cmd].join(", ")})`, {
      bot_id: botId,
      state,
      command: cmd,
      allowed_from: ALLOWED[cmd],
    });
  }
}

/** States in which the trading loop owns the bot (config structure cannot change under it). */
export function isActive(state: BotState): boolean {
  return state === "starting" || state === "running" || state === "paused" || state === "stopping";
}
