/**
 * Runs a started daemon until SIGTERM or SIGINT, then stops it gracefully within a time budget.
 * A second signal, or an exhausted budget, forces the exit (code 1: something may be unsaved).
 * Exit code 0 means every bot was stopped and the bot database flushed and closed.
 */
import type { Logger } from "../../lib/logger.ts";
import type { DaemonHandle } from "./daemon.ts";

export function runUntilSignal(h: DaemonHandle, log: Logger, budgetMs: number): Promise<number> {
  return new Promise<number>((resolve) => {
    let signals = 0;
    const onSignal = (sig: NodeJS.Signals): void => {
      signals++;
      if (signals > 1) {
        log.error("Second signal: forcing exit", { signal: sig });
        process.exit(1);
      }
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
