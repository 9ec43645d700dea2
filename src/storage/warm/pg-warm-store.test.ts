/** PostgreSQL warm tier against the machine's real server (a throw-away schema per run). */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { CATALOG, TABLE_NAMES } from "../catalog.ts";
import { createTestSchema, type TestSchema } from "../../testkit/pg-schema.ts";
import { runWarmStoreContract } from "../../testkit/warm-store-contract.ts";
import { PgWarmStore, redactUrl } from "./pg-warm-store.ts";

runWarmStoreContract("postgres (partitioned)", async () => {
  const s = await createTestSchema("warm");
  const store = new PgWarmStore({ url: s.url, schema: s.schema });
  return {
    store,
    async dispose() {
      await store.close();
      await s.drop();
    },
  };
});

describe("postgres warm tier specifics", () => {
  let s: TestSchema;
  let store: PgWarmStore;
  beforeAll(async () => {
    s = await createTestSchema("warm");
    store = new PgWarmStore({ url: s.url, schema: s.schema });
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await s.drop();
  });

  test("this server has no timescaledb, so auto mode is native partitioning", async () => {
    expect(await store.mode()).toBe("partitioned");
  });

  test("every catalog table exists with the catalog's columns, ts first in the primary key", async () => {
    const cols = await store.sql`SELECT table_name, column_name, data_type, numeric_precision, numeric_scale, is_nullable FROM information_schema.columns WHERE table_schema = ${s.schema} ORDER BY table_name, ordinal_position`;
    const pg: Record<string, string> = { ts: "timestamp with time zone", text: "text", numeric: "numeric", int: "integer", bigint: "bigint", json: "jsonb", bool: "boolean" };
    for (const t of TABLE_NAMES) {
      const def = CATALOG[t];
      const got = cols.filter((c) => c.table_name === t);
      expect(got.map((c) => c.column_name)).toEqual(def.columns.map((c) => c.name));
      for (const c of def.columns) {
        const g = got.find((x) => x.column_name === c.name)!;
        expect(`${t}.${c.name}:${g.data_type}`).toBe(`${t}.${c.name}:${pg[c.type]}`);
        if (c.type === "numeric") expect([g.numeric_precision, g.numeric_scale]).toEqual([38, 12]);
        expect(`${t}.${c.name}:${g.is_nullable}`).toBe(`${t}.${c.name}:${c.nullable ? "YES" : "NO"}`);
      }
      const pk = await store.sql`SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ${`"${s.schema}".${t}`}::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`;
      expect(pk.map((r) => r.attname)).toEqual([...def.key]);
      const [part] = await store.sql`SELECT partstrat FROM pg_partitioned_table WHERE partrelid = ${`"${s.schema}".${t}`}::regclass`;
      expect(part?.partstrat).toBe("r");
    }
  });

  test("partition maintenance creates periods ahead and drops expired ones", async () => {
    const now = Date.UTC(2030, 5, 15);
    const r = await store.maintain({ nowMs: now, retentionDays: {} });
    expect(r.created).toBeGreaterThan(0);
    const names = (await store.sql`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = ${`"${s.schema}".trades`}::regclass`).map((x) => x.relname as string);
    expect(names).toContain("trades_p20300615");
    expect(names).toContain("trades_p20300616");
    const again = await store.maintain({ nowMs: now, retentionDays: {} });
    expect(again.created).toBe(0);
    const drop = await store.maintain({ nowMs: now + 40 * 86_400_000, retentionDays: { trades: 7 } });
    expect(drop.dropped).toBeGreaterThanOrEqual(3);
  });

  test("an explicit mode that the server cannot provide is refused", async () => {
    const other = await createTestSchema("warm");
    const st = new PgWarmStore({ url: other.url, schema: other.schema });
    try {
      await expect(st.migrate({ mode: "timescaledb" })).rejects.toThrow(/timescaledb extension is not available/);
    } finally {
      await st.close();
      await other.drop();
    }
  });

  test("a second migrate in another mode is refused", async () => {
    await expect(store.migrate({ mode: "timescaledb" })).rejects.toThrow(/created in partitioned mode/);
  });

  test("an unmigrated schema says how to fix it", async () => {
    const other = await createTestSchema("warm");
    const st = new PgWarmStore({ url: other.url, schema: other.schema });
    try {
      await expect(st.count("candles")).rejects.toThrow();
      await expect(st.mode()).rejects.toThrow(/run 'algo-trade db migrate'/);
    } finally {
      await st.close();
      await other.drop();
    }
  });

  test("urls are redacted before they reach messages", () => {
    expect(redactUrl("postgres://bob:secret@db:5432/x?sslmode=require")).toBe("postgres://bob@db:5432/x");
  });
});
