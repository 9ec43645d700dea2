/**
 * Process-wide wiring done once at start-up, before any command runs: src/data reads Parquet
 * through DuckDB but may not import the storage tier, so the composition root hands it the
 * embedded-DuckDB opener (which extracts libduckdb.so from the binary on first use).
 */
import { useDuckDb } from "../data/index.ts";
import { openDuckDB } from "../storage/cold/duckdb-native.ts";

let wired = false;

export function wireDataReaders(): void {
  if (wired) return;
  useDuckDb(() => openDuckDB());
  wired = true;
}
