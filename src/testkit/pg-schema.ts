/**
 * Test support for the warm tier: a throw-away PostgreSQL schema per test file on the machine's
 * real server (ALGO_TEST_DATABASE_URL, default postgres://root@127.0.0.1:5432/test), dropped
 * afterwards. Never a mock: tests that need the database fail loudly when it is down.
 */
import postgres from "postgres";

export const TEST_PG_URL = process.env.ALGO_TEST_DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test";

let counter = 0;

/** A fresh, unique schema name (lower case, safe as an identifier). */
export function uniqueSchemaName(prefix = "t"): string {
  const rnd = Math.floor(Math.random() * 1e9).toString(36);
  return `${prefix}_${process.pid}_${++counter}_${rnd}`.toLowerCase();
}

export interface TestSchema {
  readonly url: string;
  readonly schema: string;
  drop(): Promise<void>;
}

/** Creates an empty schema; `drop()` removes it with everything in it. */
export async function createTestSchema(prefix = "t"): Promise<TestSchema> {
  const schema = uniqueSchemaName(prefix);
  const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE SCHEMA "${schema}"`);
  await admin.end();
  return {
    url: TEST_PG_URL,
    schema,
    async drop() {
      const a = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await a.end();
    },
  };
}
