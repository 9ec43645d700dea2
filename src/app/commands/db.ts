/**
 * `algo-trade db migrate|status`: applies the warm tier's versioned migrations (idempotent) and
 * reports the mode in use — timescaledb, partitioned (plain PostgreSQL) or embedded (DuckDB
 * file when no database URL is configured) — or shows what is applied and stored.
 */
import type { Command, CommandContext } from "../../cli/command.ts";
import { flag, str } from "../../cli/parse-args.ts";
import { UsageError } from "../../core/index.ts";
import { TABLE_NAMES, warmStoreFor, type WarmStore } from "../../storage/index.ts";

const NAME = "db";

/** The configured warm store ([database] url → PostgreSQL, else embedded DuckDB under [storage] data_dir). */
export function openWarm(ctx: CommandContext): WarmStore {
  return warmStoreFor(ctx.config);
}

/**
 * openWarm for commands that read or write rows: the embedded DuckDB file is migrated on first use,
 * as the daemon does (one local file, nothing to coordinate); PostgreSQL still expects `db migrate`.
 */
export async function openWarmReady(ctx: CommandContext): Promise<WarmStore> {
  const warm = openWarm(ctx);
  if (warm.backend !== "duckdb") return warm;
  try {
    await warm.migrate({ mode: ctx.config.tiers.warm.mode });
    return warm;
  } catch (e) {
    await warm.close();
    throw e;
  }
}

export const dbCommand: Command = {
  name: NAME,
  summary: "Warm-tier database: apply migrations (db migrate) or show status (db status)",
  usage: "db migrate [--mode auto|timescaledb|partitioned] | db status [--json]",
  positionals: true,
  options: {
    mode: { type: "string", description: "Migration mode for a fresh schema (auto = timescaledb when the extension is available)", value: "MODE", default: "tiers.warm.mode = auto" },
    json: { type: "boolean", description: "Print one JSON object" },
  },
  details: [
    "Target: DATABASE_URL (config database.url) and schema tiers.warm.pg_schema; without a URL the",
    "embedded DuckDB file <data_dir>/warm.duckdb (tiers.warm.embedded_file) is used.",
    "Migrations are recorded in schema_migrations; running them again is a no-op. The same SQL ships as",
    "scripts/setup_timescale.sql for `psql -f`.",
    "",
    "Examples:",
    "  DATABASE_URL=postgres://root@127.0.0.1:5432/test algo-trade db migrate",
    "  algo-trade db migrate --mode partitioned",
    "  algo-trade db status --json",
  ].join("\n"),
  async run(args, ctx) {
    const sub = args.positionals[0];
    if (args.positionals.length > 1) throw new UsageError(`${NAME}: unexpected argument "${args.positionals[1]}"`);
    if (sub !== "migrate" && sub !== "status") throw new UsageError(`${NAME}: expected a subcommand: migrate or status${sub ? ` (got "${sub}")` : ""}`);
    const mode = str(args, "mode") ?? ctx.config.tiers.warm.mode;
    if (mode !== "auto" && mode !== "timescaledb" && mode !== "partitioned") throw new UsageError(`${NAME}: --mode must be auto, timescaledb or partitioned, got "${mode}"`, { flag: "mode" });
    const warm = openWarm(ctx);
    try {
      if (sub === "migrate") {
        const r = await warm.migrate({ mode });
        if (flag(args, "json")) ctx.stdout.write(JSON.stringify({ store: warm.description, ...r }) + "\n");
        else {
          const why = r.mode === "partitioned" ? " (plain PostgreSQL: native range partitions + maintenance job)" : r.mode === "timescaledb" ? " (hypertables, compression, retention, continuous aggregates)" : " (embedded DuckDB file, no server)";
          ctx.stdout.write(
            [`Warm tier  ${warm.description}`, `Mode       ${r.mode}${why}`, `Applied    ${r.applied.length ? r.applied.join(", ") : "nothing (up to date)"}`, `Present    ${[...r.alreadyApplied, ...r.applied].join(", ")}`].join("\n") + "\n",
          );
        }
        return 0;
      }
      const m = await warm.mode();
      const counts: Record<string, number> = {};
      for (const t of TABLE_NAMES) counts[t] = await warm.count(t);
      if (flag(args, "json")) ctx.stdout.write(JSON.stringify({ store: warm.description, mode: m, rows: counts }) + "\n");
      else {
        const w = Math.max(...TABLE_NAMES.map((t) => t.length));
        ctx.stdout.write([`Warm tier  ${warm.description}`, `Mode       ${m}`, "Rows:", ...TABLE_NAMES.map((t) => `  ${t.padEnd(w)}  ${counts[t]!.toLocaleString("en-US")}`)].join("\n") + "\n");
      }
      return 0;
    } finally {
      await warm.close();
    }
  },
};
