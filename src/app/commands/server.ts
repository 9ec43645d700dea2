/**
 * `algo-trade server --addr HOST:PORT`: the API alone with an in-memory bot registry (seed
 * compatibility): no bot database, no config bots, no hot reload. Everything else (routes,
 * WebSocket, Swagger, auth) is the daemon's.
 */
import type { Command } from "../../cli/command.ts";
import { str } from "../../cli/parse-args.ts";
import { UsageError } from "../../core/index.ts";
import { startDaemon } from "../daemon/daemon.ts";
import { runUntilSignal } from "../daemon/run-until-signal.ts";
import { VERSION } from "./daemon.ts";

export function parseAddr(addr: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(addr.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new UsageError(`server: --addr must be HOST:PORT (e.g. 127.0.0.1:9000), got "${addr}"`, { flag: "addr" });
  return { host: m[1]!.replace(/^\[|\]$/g, ""), port };
}

export const serverCommand: Command = {
  name: "server",
  summary: "Serve the API only, with an in-memory bot registry (no database, no config bots)",
  usage: "server [--addr HOST:PORT]",
  options: {
    addr: { type: "string", short: "a", description: "Listen address", value: "HOST:PORT", default: "127.0.0.1:8080" },
  },
  details: [
    "Bots created through the API live until the process exits. Mutating routes need the bearer",
    "token (server.api_token / ALGO_API_TOKEN); without one a token is generated and printed once.",
    "",
    "Example:",
    "  algo-trade server --addr 127.0.0.1:9000",
  ].join("\n"),
  async run(args, ctx) {
    const { host, port } = parseAddr(str(args, "addr") ?? `${ctx.config.server.host}:${ctx.config.server.port}`);
    const h = await startDaemon({ config: ctx.config, configPath: ctx.configPath, env: ctx.env, log: ctx.log, version: VERSION, host, port, inMemory: true });
    ctx.stdout.write(`algo-trade server listening on ${h.url} (Swagger UI: ${h.url}/swagger)\n`);
    if (h.token.source === "generated") ctx.stdout.write(`API token for this run: ${h.token.token}\n`);
    return runUntilSignal(h, ctx.log, ctx.config.daemon.shutdown_timeout_ms);
  },
};
