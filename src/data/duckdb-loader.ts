/**
 * The one place src/data loads DuckDB (Parquet read/write), lazily, so CSV and Arrow users never
 * pay for the native module.
 *
 * src/data may not import src/storage (dependency direction), so the composition root supplies
 * the program's loader with `useDuckDb(openDuckDB)` — src/storage/cold/duckdb-native.ts, which
 * also works inside the compiled binary (embedded libduckdb.so). Without that, a plain dynamic
 * import is used, which works from node_modules (tests, `bun run`).
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { DataError } from "../core/index.ts";

export interface DuckDbHandle {
  readonly conn: DuckDBConnection;
  close(): void;
}

export type DuckDbOpener = () => Promise<DuckDbHandle>;
let opener: DuckDbOpener | null = null;

/** Composition-root hook: every later Parquet read/write opens DuckDB through `open`. */
export function useDuckDb(open: DuckDbOpener | null): void {
  opener = open;
}

/** Opens an in-memory DuckDB; the caller must close() it. */
export async function openDuckDb(): Promise<DuckDbHandle> {
  if (opener) {
    try {
      return await opener();
    } catch (e) {
      throw new DataError(`Parquet support needs DuckDB, which failed to load: ${e instanceof Error ? e.message : String(e)}`, { code: "DATA_PARQUET_UNAVAILABLE" });
    }
  }
  let mod: typeof import("@duckdb/node-api");
  try {
    mod = await import("@duckdb/node-api");
  } catch (e) {
    throw new DataError(`Parquet support needs DuckDB (@duckdb/node-api), which failed to load: ${e instanceof Error ? e.message : String(e)}`, {
      code: "DATA_PARQUET_UNAVAILABLE",
    });
  }
  const instance = await mod.DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  return {
    conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** SQL quoted identifier. */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
