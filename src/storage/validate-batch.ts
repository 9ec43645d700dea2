/**
 * The ingest boundary: checks every row of a ColumnBatch against the catalog before any tier
 * sees it. Bad rows (NaN/Infinity, negative or zero where the column forbids it, probabilities
 * outside [0,1], unknown enum values, missing required values, timestamps outside the accepted
 * window, inconsistent OHLC) are rejected one by one with a DataError naming source, line,
 * table and column; the good rows of the same batch go through untouched, so a bad row never
 * poisons a batch.
 *
 * The result lists accepted row indexes (no copying of column data).
 */
import { DataError } from "../core/index.ts";
import type { ColumnDef, TableDef } from "./catalog.ts";
import { CATALOG } from "./catalog.ts";
import { isDecimalString } from "./decimal.ts";
import { cell, type ColumnBatch, type ValidBatch } from "./ports.ts";

export interface TimeBounds {
  /** Earliest accepted `ts` (epoch ms), inclusive. */
  readonly minTs: number;
  /** Latest accepted `ts` (epoch ms), inclusive. */
  readonly maxTs: number;
}

export interface ValidationResult extends ValidBatch {
  readonly rejected: number;
  /** The first `maxErrors` rejections, in row order. */
  readonly errors: readonly DataError[];
}

/** 2009-01-03 (first Bitcoin block): nothing we store is older. */
export const DEFAULT_MIN_TS = Date.UTC(2009, 0, 3);

export function validateBatch(batch: ColumnBatch, bounds: TimeBounds, maxErrors = 20): ValidationResult {
  const def = CATALOG[batch.table];
  if (!def) throw new DataError(`unknown table "${batch.table}"`, { file: batch.source });
  for (const c of def.columns) {
    const col = batch.columns[c.name];
    if (col === undefined && !c.nullable) throw new DataError(`${def.name}: missing required column "${c.name}"`, { file: batch.source, column: c.name });
    if (col && !("constant" in col) && col.length < batch.length) {
      throw new DataError(`${def.name}: column "${c.name}" has ${col.length} values for ${batch.length} rows`, { file: batch.source, column: c.name });
    }
  }
  for (const name of Object.keys(batch.columns)) {
    if (!def.columns.some((c) => c.name === name)) throw new DataError(`${def.name}: unknown column "${name}" (columns: ${def.columns.map((c) => c.name).join(", ")})`, { file: batch.source, column: name });
  }
  const rows = new Uint32Array(batch.length);
  let n = 0;
  let rejected = 0;
  const errors: DataError[] = [];
  for (let i = 0; i < batch.length; i++) {
    const problem = checkRow(def, batch, i, bounds);
    if (problem === null) {
      rows[n++] = i;
      continue;
    }
    rejected++;
    if (errors.length < maxErrors) {
      const line = batch.firstLine !== undefined ? batch.firstLine + i : undefined;
      errors.push(
        new DataError(`${def.name} row ${i}: ${problem.message}`, {
          ...(batch.source !== undefined ? { file: batch.source } : {}),
          ...(line !== undefined ? { line } : {}),
          column: problem.column,
          code: "ROW_REJECTED",
        }),
      );
    }
  }
  return { batch, rows: rows.subarray(0, n), rejected, errors };
}

function checkRow(def: TableDef, batch: ColumnBatch, i: number, bounds: TimeBounds): { column: string; message: string } | null {
  for (const c of def.columns) {
    const col = batch.columns[c.name];
    const v = col === undefined ? null : cell(col, i);
    const msg = checkCell(c, v, bounds);
    if (msg) return { column: c.name, message: `field "${c.name}" ${msg}` };
  }
  if (def.rowCheck === "ohlc") {
    const g = (k: string): number => Number(cell(batch.columns[k]!, i));
    const o = g("open"), h = g("high"), l = g("low"), c = g("close");
    if (!(l <= Math.min(o, c) && Math.max(o, c) <= h)) return { column: "high", message: `OHLC inconsistent: need low ≤ open,close ≤ high, got o=${o} h=${h} l=${l} c=${c}` };
  }
  return null;
}

function checkCell(c: ColumnDef, v: unknown, b: TimeBounds): string | null {
  if (v === null || v === undefined) return c.nullable ? null : "is required";
  switch (c.type) {
    case "ts": {
      if (typeof v !== "number" || !Number.isFinite(v)) return `must be epoch ms, got ${String(v)}`;
      if (c.name === "ts" && (v < b.minTs || v > b.maxTs)) return `timestamp ${v} (${iso(v)}) out of range [${iso(b.minTs)}, ${iso(b.maxTs)}]`;
      return null;
    }
    case "numeric": {
      let x: number;
      if (typeof v === "number") x = v;
      else if (typeof v === "bigint") x = Number(v);
      else if (typeof v === "string" && isDecimalString(v)) x = Number(v);
      else return `must be a decimal number, got ${JSON.stringify(v)}`;
      if (!Number.isFinite(x)) return `must be finite, got ${String(v)}`;
      if (c.check === "positive" && !(x > 0)) return `must be > 0, got ${String(v)}`;
      if (c.check === "nonneg" && x < 0) return `must be ≥ 0, got ${String(v)}`;
      if (c.check === "prob" && (x < 0 || x > 1)) return `must be in [0, 1], got ${String(v)}`;
      return null;
    }
    case "int":
    case "bigint": {
      const x = typeof v === "bigint" ? Number(v) : v;
      if (typeof x !== "number" || !Number.isInteger(x)) return `must be an integer, got ${String(v)}`;
      if (c.check === "nonneg" && x < 0) return `must be ≥ 0, got ${x}`;
      if (c.type === "int" && Math.abs(x) > 2147483647) return `out of int32 range: ${x}`;
      return null;
    }
    case "text":
      if (typeof v !== "string") return `must be text, got ${typeof v}`;
      if (c.values && !c.values.includes(v)) return `must be one of ${c.values.join("|")}, got "${v}"`;
      return null;
    case "bool":
      return typeof v === "boolean" ? null : `must be true/false, got ${String(v)}`;
    case "json":
      if (typeof v !== "string") return null;
      try {
        JSON.parse(v);
        return null;
      } catch {
        return `must be JSON text (strings are stored as already-serialised JSON), got ${JSON.stringify(v.slice(0, 40))}`;
      }
  }
}

function iso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}
