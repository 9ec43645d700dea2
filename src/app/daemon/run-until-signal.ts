/**
 * Runs a started daemon until SIGTERM or SIGINT, then stops it gracefully within a time budget.
 * A second signal, or an exhausted budget, forces the exit (code 1: something may be unsaved).
 * Exit code 0 means every bot was stopped and the bot database flushed and closed.
 *
 * A repeat that arrives within DUPLICATE_MS of the first is the same request delivered twice, not
 * a second one: Ctrl-C under `make run` signals the whole process group and make passes it on, and
 * `timeout`/process supervisors do the same. Only a signal after that window forces the exit.
 */
import type { Logger } from "../../lib/logger.ts";
import type { DaemonHandle } from "./daemon.ts";

export const DUPLICATE_MS = 1000;

export function runUntilSignal(h: DaemonHandle, log: Logger, budgetMs: number): Promise<number> {
  return new Promise<number>((resolve) => {
    let firstAt = -1;
    const onSignal = (sig: NodeJS.Signals): void => {
      const now = performance.now();
      if (firstAt >= 0) {
        if (now - firstAt < DUPLICATE_MS) {
          log.warn("Signal repeated while stopping; still stopping gracefully (send it again after a second to force exit)", { signal: sig });
          return;
        }
        log.error("Second signal: forcing exit", { signal: sig });
        process.exit(1);
      }
      firstAt = now;
      const timer = setTimeout(() => {
        log.error("Shutdown budget exhausted: forcing exit", { budget_ms: budgetMs });
        process.exit(1);
      }, budgetMs);
      h.stop(sig).then(
        () => {
          clearTimeout(timer);
          process.off("SIGTERM", onSignal);
          process.off("SIGINT", onSignal);
          resolve(0);
        },
        (e: unknown) => {
          clearTimeout(timer);
          log.error("Shutdown failed", { error: e instanceof Error ? e.message : String(e) });
          resolve(1);
        },
      );
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
}
