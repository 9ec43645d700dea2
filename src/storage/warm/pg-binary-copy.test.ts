/**
 * Property test of the binary COPY encoder against the real server: random money values
 * (doubles, decimal strings, bigint Amounts, zero, negatives, tiny, huge), timestamps with
 * sub-millisecond parts, ints, text with non-ASCII characters and JSON must read back exactly.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import postgres from "postgres";
import { SeededRng } from "../../core/index.ts";
import { createTestSchema, type TestSchema } from "../../testkit/pg-schema.ts";
import type { TableDef } from "../catalog.ts";
import { normaliseDecimal, decimalString } from "../decimal.ts";
import { copyIn } from "./pg-copy-io.ts";

const DEF = {
  name: "candles",
  description: "",
  columns: [
    { name: "ts", type: "ts" },
    { name: "label", type: "text" },
    { name: "amount", type: "numeric" },
    { name: "n", type: "int" },
    { name: "big", type: "bigint" },
    { name: "meta", type: "json", nullable: true },
  ],
  key: ["ts"],
  partition: "day",
  layout: { venue: "=x", symbol: "=y" },
} as unknown as TableDef;

let s: TestSchema;
let sql: postgres.Sql;
beforeAll(async () => {
  s = await createTestSchema("copy");
  sql = postgres(s.url, { max: 1, onnotice: () => {}, connection: { search_path: s.schema } });
  await sql`CREATE TABLE t (ts timestamptz, label text, amount numeric(38,12), n integer, big bigint, meta jsonb)`;
});
afterAll(async () => {
  await sql.end();
  await s.drop();
});

function randomMoney(rng: SeededRng): number | string | bigint {
  const kind = rng.int(6);
  const sign = rng.int(2) ? -1 : 1;
  if (kind === 0) return sign * Number((rng.next() * 10 ** rng.int(9)).toFixed(rng.int(9)));
  if (kind === 1) return `${sign < 0 ? "-" : ""}${rng.int(1e6)}.${String(rng.int(1e12)).padStart(12, "0")}`;
  if (kind === 2) return BigInt(sign) * BigInt(rng.int(2 ** 31)) * BigInt(rng.int(2 ** 20) + 1);
  if (kind === 3) return 0;
  if (kind === 4) return sign * rng.int(1e6) * 1e-12;
  return `${rng.int(1e9)}${rng.int(1e9)}${rng.int(1e6)}.5`;
}

describe("binary COPY encoder", () => {
  test("3000 random rows read back exactly", async () => {
    const rng = new SeededRng(2024);
    const n = 3000;
    const ts = Array.from({ length: n }, () => Date.UTC(2020, 0, 1) + rng.int(2e11) + rng.int(1000) / 1000);
    const label = Array.from({ length: n }, (_, i) => `bar ${i} — ü€😀 "q" \\ ,`);
    const amount = Array.from({ length: n }, () => randomMoney(rng));
    const ni = Array.from({ length: n }, () => rng.int(2 ** 31) * (rng.int(2) ? 1 : -1));
    const big = Array.from({ length: n }, () => (rng.int(2 ** 26) * 2 ** 26 + rng.int(2 ** 26)) * (rng.int(2) ? 1 : -1));
    const meta = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? null : { i, levels: [["1.5", "2"]], note: "ä" }));
    const rows = new Uint32Array(n).map((_, i) => i);
    await copyIn(sql, "t", DEF, { batch: { table: "candles", length: n, columns: { ts, label, amount, n: ni, big, meta } }, rows }, 257);
    const back = await sql`SELECT (extract(epoch FROM ts) * 1000)::float8 AS ts, label, amount::text AS amount, n, big::text AS big, meta FROM t ORDER BY split_part(label, ' ', 2)::int`;
    expect(back.length).toBe(n);
    for (let i = 0; i < n; i++) {
      const r = back[i]!;
      expect(r.ts).toBeCloseTo(ts[i]!, 3);
      expect(r.label).toBe(label[i]!);
      expect(normaliseDecimal(r.amount)).toBe(decimalString(amount[i]!));
      expect(r.n).toBe(ni[i]!);
      expect(r.big).toBe(String(big[i]));
      expect(r.meta).toEqual(meta[i]!);
    }
  });

  test("a failure after the stream ended (duplicate key) is reported, not hung", async () => {
    await sql`CREATE TABLE u (ts timestamptz PRIMARY KEY, label text, amount numeric(38,12), n integer, big bigint, meta jsonb)`;
    const batch = { table: "candles" as const, length: 2, columns: { ts: [1000, 1000], label: ["a", "b"], amount: [1, 2], n: [1, 2], big: [1, 2], meta: [null, null] } };
    await expect(copyIn(sql, "u", DEF, { batch, rows: new Uint32Array([0, 1]) })).rejects.toMatchObject({ code: "23505" });
    const [row] = await sql`SELECT count(*)::int AS c FROM u`;
    expect(row!.c).toBe(0);
  });
});
