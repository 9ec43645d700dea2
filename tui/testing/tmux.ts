/**
 * Test support: drives programs in a private tmux server (its own socket, no user config) the way
 * a person at a terminal would: start a session of a given size, type keys, read the screen.
 * Used by tui/e2e.test.ts against the compiled ./algo-trade-tui. All waiting is by polling the
 * screen for a condition with a deadline (see `waitForScreen`), never fixed sleeps.
 */
import { waitFor } from "./wait-for.ts";

export class Tmux {
  readonly socket: string;

  constructor(socket = `algo-tui-e2e-${process.pid}-${Math.floor(performance.now())}`) {
    this.socket = socket;
  }

  /** True when the tmux binary is on PATH. */
  static available(): boolean {
    return Bun.spawnSync(["sh", "-c", "command -v tmux"], { stdout: "ignore", stderr: "ignore" }).exitCode === 0;
  }

  run(...args: string[]): string {
    const r = Bun.spawnSync(["tmux", "-L", this.socket, "-f", "/dev/null", ...args], { stdout: "pipe", stderr: "pipe" });
    if (r.exitCode !== 0) throw new Error(`tmux ${args.join(" ")} failed (${r.exitCode}): ${r.stderr.toString().trim()}`);
    return r.stdout.toString();
  }

  /** Starts `command` (a shell line) in a new detached session of cols×rows. */
  start(session: string, command: string, opts: { cols: number; rows: number; env?: Record<string, string>; cwd?: string }): void {
    const env = Object.entries(opts.env ?? {}).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    this.run("new-session", "-d", "-s", session, "-x", String(opts.cols), "-y", String(opts.rows), ...(opts.cwd ? ["-c", opts.cwd] : []), ...env, command);
    // Keep the pane (and what the program left on it) after the command ends.
    this.run("set-option", "-t", session, "remain-on-exit", "on");
  }

  /** The visible screen as text (one line per row, trailing spaces trimmed). */
  screen(session: string): string {
    return this.run("capture-pane", "-p", "-t", session)
      .split("\n")
      .map((l) => l.trimEnd())
      .join("\n");
  }

  /** Sends tmux key names (Enter, Escape, C-c, Tab) or literal text with `{ text }`. */
  send(session: string, ...keys: (string | { text: string })[]): void {
    for (const k of keys) {
      if (typeof k === "string") this.run("send-keys", "-t", session, k);
      else this.run("send-keys", "-t", session, "-l", k.text);
    }
  }

  /** tmux format variable of the pane, e.g. alternate_on, pane_dead, pane_dead_status. */
  format(session: string, variable: string): string {
    return this.run("display-message", "-p", "-t", session, `#{${variable}}`).trim();
  }

  async waitForScreen(session: string, test: (screen: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
    let last = "";
    await waitFor(
      () => {
        last = this.screen(session);
        return test(last);
      },
      what,
      { timeoutMs, everyMs: 50, show: () => last },
    );
    return last;
  }

  kill(): void {
    Bun.spawnSync(["tmux", "-L", this.socket, "kill-server"], { stdout: "ignore", stderr: "ignore" });
  }
}
