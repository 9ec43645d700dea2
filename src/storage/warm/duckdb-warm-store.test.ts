/** Embedded DuckDB warm tier: same contract as PostgreSQL, plus persistence across reopen. */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CATALOG, TABLE_NAMES } from "../catalog.ts";
import { runWarmStoreContract } from "../../testkit/warm-store-contract.ts";
import { fundingBatch } from "../../testkit/storage-fixtures.ts";
import { validateBatch } from "../validate-batch.ts";
import { DuckDBWarmStore, moneyUnits } from "./duckdb-warm-store.ts";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "warm-duck-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

runWarmStoreContract("duckdb (embedded)", async () => {
  const store = new DuckDBWarmStore(join(tempDir(), "warm.duckdb"));
  return { store, dispose: () => store.close() };
});

describe("embedded warm tier specifics", () => {
  test("tables match the catalog (DuckDB types)", async () => {
    const store = new DuckDBWarmStore(join(tempDir(), "warm.duckdb"));
    await store.migrate();
    const duck: Record<string, string> = { ts: "TIMESTAMP WITH TIME ZONE", text: "VARCHAR", numeric: "DECIMAL(38,12)", int: "INTEGER", bigint: "BIGINT", json: "JSON", bool: "BOOLEAN" };
    const h = await (store as unknown as { db(): Promise<{ conn: { runAndReadAll(s: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }> } }> }).db();
    const rows = (await h.conn.runAndReadAll("SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' ORDER BY table_name, ordinal_position")).getRowObjectsJS();
    for (const t of TABLE_NAMES) {
      const got = rows.filter((r) => r.table_name === t).map((r) => `${r.column_name}:${r.data_type}`);
      expect(got).toEqual(CATALOG[t].columns.map((c) => `${c.name}:${duck[c.type]}`));
    }
    await store.close();
  });

  test("data persists across close and reopen", async () => {
    const path = join(tempDir(), "warm.duckdb");
    const a = new DuckDBWarmStore(path);
    await a.migrate();
    await a.write(validateBatch(fundingBatch(500), { minTs: 0, maxTs: Date.UTC(2100, 0, 1) }));
    await a.close();
    const b = new DuckDBWarmStore(path);
    expect(await b.mode()).toBe("embedded");
    expect(await b.count("funding_rates")).toBe(500);
    await b.close();
  });

  test("money units are exact for numbers, decimal strings and Amounts", () => {
    expect(moneyUnits(8142.35)).toBe(8142350000000000n);
    expect(moneyUnits(-0.00012345)).toBe(-123450000n);
    expect(moneyUnits("61837.63000000")).toBe(61837630000000000n);
    expect(moneyUnits(1234567n)).toBe(1234567n);
    expect(moneyUnits(0.1 + 0.2)).toBe(300000000000n);
  });
});
