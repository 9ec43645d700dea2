/**
 * `algo-trade daemon`: the long-running service. Loads and validates the config, opens the bot
 * database, restores bots, serves the REST + WebSocket API with Swagger, watches the config file
 * and shuts down cleanly on SIGTERM/SIGINT. See docs/readme/daemon-api.md.
 */
import type { Command } from "../../cli/command.ts";
import { num, str } from "../../cli/parse-args.ts";
import { startDaemon } from "../daemon/daemon.ts";
import { runUntilSignal } from "../daemon/run-until-signal.ts";

export const VERSION = process.env.ALGO_TRADE_VERSION ?? "0.1.0-dev";

export const daemonCommand: Command = {
  name: "daemon",
  summary: "Run the bot daemon: REST + WebSocket API, Swagger UI, bot restore, config hot reload",
  usage: "daemon [--config config/Config.toml] [--host ADDR] [--port N]",
  options: {
    host: { type: "string", description: "Bind address (overrides server.host)", value: "ADDR", default: "server.host = 127.0.0.1" },
    port: { type: "string", short: "p", description: "Bind port, 0 = any free port (overrides server.port)", value: "N", default: "server.port = 8080" },
  },
  details: [
    "Bot database: storage.bot_database_url (env BOT_DATABASE_URL, default sqlite://data/bots.db).",
    "API token: server.api_token (env ALGO_API_TOKEN); if unset on a loopback address, a token is",
    "generated into <storage.data_dir>/api-token (mode 0600). A non-loopback --host needs a configured token.",
    "Swagger UI: http://HOST:PORT/swagger (works offline). Stop with SIGTERM or Ctrl-C (twice to force).",
    "",
    "Examples:",
    "  algo-trade daemon",
    "  algo-trade daemon --config config/Config.toml --port 9090",
    "  ALGO_API_TOKEN=$(openssl rand -hex 32) algo-trade daemon --host 0.0.0.0",
  ].join("\n"),
  async run(args, ctx) {
    const port = num(args, "port", "daemon", { min: 0, max: 65535, integer: true });
    const host = str(args, "host");
    const h = await startDaemon({
      config: ctx.config,
      configPath: ctx.configPath,
      env: ctx.env,
      log: ctx.log,
      version: VERSION,
      ...(host !== undefined ? { host } : {}),
      ...(port !== undefined ? { port } : {}),
    });
    ctx.stdout.write(`algo-trade daemon listening on ${h.url} (Swagger UI: ${h.url}/swagger)\n`);
    return runUntilSignal(h, ctx.log, ctx.config.daemon.shutdown_timeout_ms);
  },
};
