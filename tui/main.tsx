/**
 * algo-trade-tui entry: parses --url/--token (or ALGO_API_URL/ALGO_API_TOKEN), then renders the
 * Ink app full-screen (alternate screen) until q, Ctrl-C, SIGTERM or SIGHUP.
 *
 * Exit codes: 0 normal quit, 1 crash (terminal restored first), 2 bad usage or not a terminal.
 * Invariant: however the app ends, the terminal is handed back in cooked mode on the primary
 * screen with the cursor visible.
 */
import { render } from "ink";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Root } from "./app/Root.tsx";
import { parseBaseUrl, type Endpoints } from "./client/base-url.ts";
import { UsageError } from "./client/errors.ts";

const HELP = `Usage: algo-trade-tui [--url URL] [--token TOKEN]

Terminal UI for the algo-trade daemon's bots. Talks to the daemon only over its REST + WebSocket API,
so it shows exactly the bots the daemon runs. Press ? inside for every key.

Options:
  --url URL          Daemon API base URL (env ALGO_API_URL, default http://127.0.0.1:8080)
  --token TOKEN      Bearer token for start/stop/add/edit/delete (env ALGO_API_TOKEN)
  --token-file PATH  Read the token from a file, e.g. the daemon's <data_dir>/api-token
                     (env ALGO_API_TOKEN_FILE; default: ./data/api-token when it exists)
  -h, --help         Show this help
  -V, --version      Show the version
`;

interface Args {
  readonly endpoints: Endpoints;
  readonly token: string | undefined;
}

function parse(argv: string[]): Args | number {
  let values: { url?: string; token?: string; "token-file"?: string; help?: boolean; version?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { url: { type: "string" }, token: { type: "string" }, "token-file": { type: "string" }, help: { type: "boolean", short: "h" }, version: { type: "boolean", short: "V" } },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`algo-trade-tui ${process.env.ALGO_TRADE_VERSION ?? "0.1.0-dev"} (${process.env.ALGO_TRADE_GIT_SHA ?? "dev"})\n`);
    return 0;
  }
  const fromFlag = values.url !== undefined;
  const raw = values.url ?? process.env.ALGO_API_URL ?? "http://127.0.0.1:8080";
  try {
    const endpoints = parseBaseUrl(raw, fromFlag ? "--url" : process.env.ALGO_API_URL !== undefined ? "ALGO_API_URL" : "default URL");
    const token = values.token ?? process.env.ALGO_API_TOKEN ?? tokenFromFile(values["token-file"] ?? process.env.ALGO_API_TOKEN_FILE);
    return { endpoints, token: token && token.length > 0 ? token : undefined };
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

/**
 * The token from an explicit file (missing or empty is a usage error naming it), else from the
 * daemon's default token file ./data/api-token when the TUI runs in the daemon's folder.
 */
function tokenFromFile(path: string | undefined): string | undefined {
  if (path === undefined) {
    const local = join("data", "api-token");
    return existsSync(local) ? readFileSync(local, "utf8").trim() || undefined : undefined;
  }
  let text: string;
  try {
    text = readFileSync(path, "utf8").trim();
  } catch (e) {
    throw new UsageError(`--token-file: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (text === "") throw new UsageError(`--token-file: ${path} is empty`);
  return text;
}

/** Last-resort terminal restore (crash paths): cooked mode, primary screen, cursor shown. */
function restoreTerminal(leaveAltScreen: boolean): void {
  try {
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
  } catch {
    // stdin already closed
  }
  if (process.stdout.isTTY) process.stdout.write(`${leaveAltScreen ? "\x1b[?1049l" : ""}\x1b[?25h`);
}

async function main(): Promise<number> {
  const args = parse(process.argv.slice(2));
  if (typeof args === "number") return args;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write("error: algo-trade-tui needs an interactive terminal (stdin and stdout must be a TTY)\n");
    return 2;
  }
  // interactive: true because Ink otherwise turns itself into "print the last frame at exit" mode
  // whenever a CI/CONTINUOUS_INTEGRATION variable is set, even on a real terminal (we checked TTYs above).
  const app = render(<Root endpoints={args.endpoints} token={args.token} />, { alternateScreen: true, exitOnCtrlC: true, maxFps: 20, patchConsole: true, interactive: true });
  const stop = () => app.unmount();
  // Ctrl-C arrives as a key in raw mode (Ink exits); these cover signals sent from outside.
  process.on("SIGTERM", stop);
  process.on("SIGHUP", stop);
  process.on("SIGINT", stop);
  const crash = (e: unknown) => {
    try {
      app.unmount();
    } catch {
      // unmount failed: restore by hand below
    }
    restoreTerminal(true);
    process.stderr.write(`algo-trade-tui crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  try {
    await app.waitUntilExit();
  } finally {
    // Ink has already left the alternate screen; only make sure raw mode and the cursor are back.
    restoreTerminal(false);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    restoreTerminal(true);
    process.stderr.write(`algo-trade-tui: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
