/**
 * SQL fragments shared by the PostgreSQL and DuckDB warm stores: WHERE clauses for a RangeFilter
 * (inlined literals, because COPY statements take no bind parameters), the CSV interchange
 * projection and upsert statements. All identifiers come from the catalog; string literals are
 * quoted by doubling single quotes (standard_conforming_strings), timestamps as ISO-8601 UTC.
 */
import type { TableDef } from "../catalog.ts";
import { valueColumns } from "../catalog.ts";
import type { RangeFilter } from "../ports.ts";

export type Dialect = "pg" | "duckdb";

export function lit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function tsLit(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`not a timestamp: ${ms}`);
  return `TIMESTAMPTZ ${lit(new Date(ms).toISOString())}`;
}

/** Expression of a layout field ("venue" column or "=literal"). */
export function layoutExpr(spec: string): string {
  return spec.startsWith("=") ? lit(spec.slice(1)) : `"${spec}"`;
}

export function whereClause(def: TableDef, f: Partial<RangeFilter>): string {
  const parts: string[] = [];
  if (f.fromMs !== undefined && Number.isFinite(f.fromMs)) parts.push(`ts >= ${tsLit(f.fromMs)}`);
  if (f.toMs !== undefined && Number.isFinite(f.toMs)) parts.push(`ts < ${tsLit(f.toMs)}`);
  if (f.venue !== undefined) {
    if (def.layout.venue.startsWith("=")) {
      if (def.layout.venue.slice(1) !== f.venue) parts.push("FALSE");
    } else parts.push(`"${def.layout.venue}" = ${lit(f.venue)}`);
  }
  if (f.symbol !== undefined) parts.push(`${layoutExpr(def.layout.symbol)} = ${lit(f.symbol)}`);
  if (f.interval !== undefined && def.columns.some((c) => c.name === "interval")) parts.push(`"interval" = ${lit(f.interval)}`);
  return parts.length ? `WHERE ${parts.join(" AND ")}` : "";
}

/**
 * CSV interchange projection: catalog column order; timestamps as ISO-8601 UTC with
 * microseconds ("2024-01-01T00:00:00.000000Z"); decimals as plain text; JSON as text.
 */
export function csvProjection(def: TableDef, d: Dialect): string {
  return def.columns
    .map((c) => {
      const q = `"${c.name}"`;
      if (c.type === "ts") {
        return d === "pg" ? `to_char(${q} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${q}` : `strftime(${q} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ') AS ${q}`;
      }
      if (c.type === "json") return `CAST(${q} AS ${d === "pg" ? "text" : "VARCHAR"}) AS ${q}`;
      return q;
    })
    .join(", ");
}

export function keyList(def: TableDef): string {
  return def.key.map((k) => `"${k}"`).join(", ");
}

export function columnList(def: TableDef): string {
  return def.columns.map((c) => `"${c.name}"`).join(", ");
}

/** INSERT … SELECT from a staging table, last occurrence of each key wins, existing rows replaced. */
export function upsertFromStage(def: TableDef, stage: string, seqColumn: string): string {
  const vals = valueColumns(def);
  const onConflict = vals.length
    ? `ON CONFLICT (${keyList(def)}) DO UPDATE SET ${vals.map((c) => `"${c.name}" = EXCLUDED."${c.name}"`).join(", ")}`
    : `ON CONFLICT (${keyList(def)}) DO NOTHING`;
  return `INSERT INTO ${def.name} (${columnList(def)})
SELECT ${columnList(def)} FROM (
  SELECT *, row_number() OVER (PARTITION BY ${keyList(def)} ORDER BY ${seqColumn} DESC) AS algo_rn FROM ${stage}
) s WHERE algo_rn = 1
${onConflict}`;
}

/** Exact fast interchange projection (PostgreSQL → cold): ts as epoch µs, money as 1e-12 units. */
export function unitsProjection(def: TableDef): string {
  return def.columns
    .map((c) => {
      const q = `"${c.name}"`;
      if (c.type === "ts") return `(extract(epoch FROM ${q}) * 1000000)::bigint AS ${q}`;
      if (c.type === "numeric") return `(${q} * 1000000000000)::numeric(38,0) AS ${q}`;
      if (c.type === "json") return `${q}::text AS ${q}`;
      return q;
    })
    .join(", ");
}
