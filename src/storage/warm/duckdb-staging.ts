/**
 * Staging helpers of the embedded warm store: how each catalog type is appended to the DuckDB
 * staging table from JS (time as DOUBLE ms, money as exact DECIMAL(38,12) units set from a
 * bigint, text as VARCHAR) and turned back into the table's type in SQL, plus the bulk reader
 * of DOUBLE result columns into Float64Arrays.
 */
import { parseDecimal } from "../../core/index.ts";
import type { ColumnDef } from "../catalog.ts";
import { decimalString, MONEY_SCALE, scaledOf } from "../decimal.ts";
import type { ValidBatch } from "../ports.ts";
import { isConstant } from "../ports.ts";
import { lit } from "./sql-filter.ts";

export function stageType(c: ColumnDef): string {
  if (c.type === "ts" || c.type === "int" || c.type === "bigint") return "DOUBLE";
  if (c.type === "bool") return "BOOLEAN";
  // Money is staged as DECIMAL(38,12) units set from JS: DuckDB's text→DECIMAL(38,12) cast costs ~5 µs a value.
  if (c.type === "numeric") return "DECIMAL(38,12)";
  return "VARCHAR";
}

const P10N = Array.from({ length: 13 }, (_, i) => 10n ** BigInt(i));

/** Exact 1e-12 units of a money value (number via its shortest decimal, string, or bigint Amount). */
export function moneyUnits(v: number | string | bigint): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") {
    const s = scaledOf(v);
    if (s) {
      const u = BigInt(s.m) * P10N[MONEY_SCALE - s.k]!;
      return v < 0 ? -u : u;
    }
  }
  return parseDecimal(decimalString(v), MONEY_SCALE);
}

/** The vector setters read `.value` (decimals); one mutable holder avoids an object per cell. */
const holder = { value: 0n };

export function stageValue(c: ColumnDef, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (c.type) {
    case "ts":
    case "int":
    case "bigint":
      return Number(v);
    case "numeric":
      holder.value = moneyUnits(v as number | string | bigint);
      return holder;
    case "json":
      return typeof v === "string" ? v : JSON.stringify(v);
    case "bool":
      return Boolean(v);
    case "text":
      return v as string;
  }
}

/** SQL turning a staged (or constant) column into the table's type. */
export function fromStage(c: ColumnDef, valid: ValidBatch): string {
  const col = valid.batch.columns[c.name];
  const q = `"${c.name}"`;
  if (col === undefined) return "NULL";
  if (isConstant(col)) {
    const v = col.constant;
    if (v === null || v === undefined) return "NULL";
    if (c.type === "ts") return `CAST(make_timestamp(CAST(round(${Number(v) * 1000}) AS BIGINT)) AS TIMESTAMPTZ)`;
    if (c.type === "numeric") return `CAST(${lit(decimalString(v as number))} AS DECIMAL(38,12))`;
    if (c.type === "int" || c.type === "bigint") return `CAST(${Number(v)} AS ${c.type === "int" ? "INTEGER" : "BIGINT"})`;
    if (c.type === "json") return `CAST(${lit(typeof v === "string" ? v : JSON.stringify(v))} AS JSON)`;
    if (c.type === "bool") return v ? "TRUE" : "FALSE";
    return lit(String(v));
  }
  switch (c.type) {
    case "ts":
      return `CAST(make_timestamp(CAST(round(${q} * 1000) AS BIGINT)) AS TIMESTAMPTZ)`;
    case "numeric":
      return q;
    case "int":
      return `CAST(${q} AS INTEGER)`;
    case "bigint":
      return `CAST(${q} AS BIGINT)`;
    case "json":
      return `CAST(${q} AS JSON)`;
    default:
      return q;
  }
}

/** Reads a streaming result of DOUBLE NOT NULL columns into Float64Arrays. */
export async function readDoubleColumns(res: { fetchChunk(): Promise<{ rowCount: number; getColumnVector(i: number): unknown } | null> }, ncols: number): Promise<Float64Array[]> {
  let cap = 1 << 14;
  let cols = Array.from({ length: ncols }, () => new Float64Array(cap));
  let n = 0;
  for (;;) {
    const chunk = await res.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const m = chunk.rowCount;
    while (n + m > cap) {
      cap *= 2;
      cols = cols.map((a) => {
        const b = new Float64Array(cap);
        b.set(a);
        return b;
      });
    }
    for (let c = 0; c < ncols; c++) {
      const vec = chunk.getColumnVector(c) as { getItem(i: number): number | null };
      const out = cols[c]!;
      for (let i = 0; i < m; i++) out[n + i] = vec.getItem(i) as number;
    }
    n += m;
  }
  return cols.map((a) => a.slice(0, n));
}

