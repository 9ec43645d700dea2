/**
 * Applies the versioned migrations to PostgreSQL (`algo-trade db migrate`).
 *
 * Invariants: idempotent (applied versions are recorded in schema_migrations and skipped);
 * serialised across processes by a session advisory lock per schema; the mode chosen for
 * version 1 (timescaledb when the extension is available, partitioned otherwise, unless forced)
 * is recorded and reused by every later migration; a released migration whose rendered SQL
 * changed is refused (checksum mismatch) rather than silently diverging.
 */
import type postgres from "postgres";
import { StorageError } from "../../core/index.ts";
import type { MigrateReport, WarmMode } from "../ports.ts";
import { MIGRATIONS, SCHEMA_MIGRATIONS_DDL, type Migration } from "./migrations/index.ts";
import { pgError } from "./pg-errors.ts";

export type RequestedMode = "auto" | "timescaledb" | "partitioned";

interface AppliedRow {
  version: number;
  name: string;
  mode: string;
  checksum: string;
}

export async function timescaleAvailable(sql: postgres.Sql | postgres.ReservedSql): Promise<boolean> {
  const rows = await sql`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`;
  return rows.length > 0;
}

export async function migratePg(sql: postgres.Sql, requested: RequestedMode = "auto", migrations: readonly Migration[] = MIGRATIONS): Promise<MigrateReport> {
  let conn: postgres.ReservedSql;
  try {
    conn = await sql.reserve();
  } catch (e) {
    throw pgError("db migrate", e);
  }
  try {
    const [{ schema }] = (await conn`SELECT current_schema() AS schema`) as unknown as [{ schema: string | null }];
    if (!schema) throw new StorageError("db migrate: no current schema (create it or fix search_path)", { code: "SCHEMA_MISSING", action: "stop" });
    await conn`SELECT pg_advisory_lock(hashtext(${"algo_migrate:" + schema}))`;
    try {
      await conn.unsafe(SCHEMA_MIGRATIONS_DDL.pg);
      const applied = (await conn`SELECT version, name, mode, checksum FROM schema_migrations ORDER BY version`) as unknown as AppliedRow[];
      const mode = await chooseMode(conn, applied, requested);
      const done: string[] = [];
      const already: string[] = [];
      for (const m of migrations) {
        const r = m.render(mode);
        const label = `${String(m.version).padStart(3, "0")} ${m.name}`;
        const prev = applied.find((a) => a.version === m.version);
        if (prev) {
          if (prev.checksum !== r.checksum) {
            throw new StorageError(`db migrate: migration ${label} was changed after it was applied (checksum ${prev.checksum} → ${r.checksum}); add a new migration instead`, {
              code: "MIGRATION_CHANGED",
              action: "stop",
            });
          }
          already.push(label);
          continue;
        }
        const record = (s: postgres.ReservedSql | postgres.TransactionSql) =>
          s`INSERT INTO schema_migrations (version, name, mode, checksum) VALUES (${m.version}, ${m.name}, ${mode}, ${r.checksum})`;
        await conn.unsafe("BEGIN");
        try {
          await conn.unsafe(r.tx);
          if (!r.outsideTx) await record(conn);
          await conn.unsafe("COMMIT");
        } catch (e) {
          await conn.unsafe("ROLLBACK").catch(() => {});
          throw pgError(`db migrate: migration ${label} (${mode})`, e);
        }
        if (r.outsideTx) {
          // Idempotent statements TimescaleDB refuses inside a transaction; recorded afterwards.
          await conn.unsafe(r.outsideTx);
          await record(conn);
        }
        done.push(label);
      }
      return { mode, applied: done, alreadyApplied: already };
    } finally {
      await conn`SELECT pg_advisory_unlock(hashtext(${"algo_migrate:" + schema}))`.catch(() => {});
    }
  } catch (e) {
    throw pgError("db migrate", e);
  } finally {
    conn.release();
  }
}

async function chooseMode(conn: postgres.ReservedSql, applied: readonly AppliedRow[], requested: RequestedMode): Promise<WarmMode> {
  const recorded = applied[0]?.mode as WarmMode | undefined;
  if (recorded) {
    if (requested !== "auto" && requested !== recorded) {
      throw new StorageError(`db migrate: schema was created in ${recorded} mode; cannot switch to ${requested} (migrate a fresh schema instead)`, {
        code: "MODE_MISMATCH",
        action: "fix-input",
      });
    }
    return recorded;
  }
  const hasTs = await timescaleAvailable(conn);
  if (requested === "timescaledb" && !hasTs) {
    throw new StorageError("db migrate: --mode timescaledb requested but the timescaledb extension is not available on this server", {
      code: "TIMESCALE_UNAVAILABLE",
      action: "fix-input",
    });
  }
  if (requested !== "auto") return requested;
  return hasTs ? "timescaledb" : "partitioned";
}

/** Mode recorded by migration 1, or null when the schema is not migrated. */
export async function recordedMode(sql: postgres.Sql): Promise<WarmMode | null> {
  const [{ exists }] = (await sql`SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`) as unknown as [{ exists: boolean }];
  if (!exists) return null;
  const rows = (await sql`SELECT mode FROM schema_migrations WHERE version = 1`) as unknown as { mode: WarmMode }[];
  return rows[0]?.mode ?? null;
}
