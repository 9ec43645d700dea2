/** scripts/setup_timescale.sql is current, runs under psql, and interoperates with `db migrate`. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../testkit/data-path.ts";
import { createTestSchema, TEST_PG_URL, type TestSchema } from "../../testkit/pg-schema.ts";
import { TABLE_NAMES } from "../catalog.ts";
import { MIGRATIONS } from "./migrations/index.ts";
import { PgWarmStore } from "./pg-warm-store.ts";
import { renderPsqlScript } from "./render-psql.ts";

const SCRIPT = join(REPO_ROOT, "scripts/setup_timescale.sql");

function psql(schema: string, extra: string[] = []): { code: number; out: string; err: string } {
  const p = Bun.spawnSync(["psql", TEST_PG_URL, "-v", "ON_ERROR_STOP=1", "-q", ...extra, "-f", SCRIPT], { env: { ...process.env, PGOPTIONS: `-c search_path=${schema}` } });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
}

describe("scripts/setup_timescale.sql", () => {
  let s: TestSchema;
  beforeAll(async () => {
    s = await createTestSchema("psql");
  });
  afterAll(async () => {
    await s.drop();
  });

  test("the committed file matches the migrations (regenerate with bun run src/storage/warm/render-psql.ts)", () => {
    expect(readFileSync(SCRIPT, "utf8")).toBe(renderPsqlScript());
  });

  test("psql -f creates the schema (twice is a no-op) and db migrate then finds nothing to do", async () => {
    const first = psql(s.schema);
    expect(first.err).not.toContain("ERROR");
    expect(first.code).toBe(0);
    expect(first.out).toContain("warm tier mode partitioned");
    expect(psql(s.schema).code).toBe(0);
    const store = new PgWarmStore({ url: s.url, schema: s.schema });
    try {
      expect(await store.migrate()).toEqual({ mode: "partitioned", applied: [], alreadyApplied: ["001 initial tables"] });
    } finally {
      await store.close();
    }
  });

  test("forcing timescaledb on a server without it fails loudly", async () => {
    const other = await createTestSchema("psql");
    try {
      const r = psql(other.schema, ["-v", "algo_mode=timescaledb"]);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(/timescaledb/);
    } finally {
      await other.drop();
    }
  });
});

describe("TimescaleDB rendering (not runnable on this machine; checked as text)", () => {
  const r = MIGRATIONS[0]!.render("timescaledb");
  test("every table becomes a compressed hypertable; high-volume tables get retention", () => {
    for (const t of TABLE_NAMES) {
      expect(r.tx).toContain(`SELECT create_hypertable('${t}', 'ts'`);
      expect(r.tx).toContain(`ALTER TABLE ${t} SET (timescaledb.compress`);
      expect(r.tx).toContain(`SELECT add_compression_policy('${t}'`);
    }
    expect(r.tx).toContain("SELECT add_retention_policy('trades', INTERVAL '7 days'");
    expect(r.tx).not.toContain("PARTITION BY");
  });
  test("candle roll-ups are continuous aggregates created outside the transaction", () => {
    expect(r.outsideTx).toContain("CREATE MATERIALIZED VIEW IF NOT EXISTS candles_1h WITH (timescaledb.continuous)");
    expect(r.outsideTx).toContain("add_continuous_aggregate_policy('candles_1d'");
    expect(r.tx).not.toContain("timescaledb.continuous");
  });
});
