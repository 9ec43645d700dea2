/**
 * Test support: waits for a condition instead of sleeping. Polls `check` every `everyMs` until it
 * returns a truthy value (returned) or the deadline passes (throws naming what was awaited and,
 * when given, the last observed state, e.g. the screen).
 */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, opts: { timeoutMs?: number; everyMs?: number; show?: () => string } = {}): Promise<NonNullable<T>> {
  const deadline = performance.now() + (opts.timeoutMs ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (performance.now() > deadline) {
      const seen = opts.show ? `\n--- last seen ---\n${opts.show()}` : "";
      throw new Error(`timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ""}${seen}`);
    }
    await Bun.sleep(opts.everyMs ?? 10);
  }
}
