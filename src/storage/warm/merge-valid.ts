/**
 * Concatenates the accepted rows of several validated batches of one table into one batch, so
 * many small pushes become one database write. A column that is the same constant in every part
 * stays a constant; otherwise it becomes a plain array (numeric columns a Float64Array).
 */
import type { ColumnData, ValidBatch } from "../ports.ts";
import { cell, isConstant } from "../ports.ts";

export function mergeValid(parts: readonly ValidBatch[]): ValidBatch {
  if (parts.length === 1) return parts[0]!;
  const first = parts[0]!.batch;
  const total = parts.reduce((s, p) => s + p.rows.length, 0);
  const names = new Set<string>();
  for (const p of parts) for (const k of Object.keys(p.batch.columns)) names.add(k);
  const columns: Record<string, ColumnData> = {};
  for (const name of names) {
    const cols = parts.map((p) => p.batch.columns[name]);
    const c0 = cols[0];
    if (c0 && isConstant(c0) && cols.every((c) => c && isConstant(c) && Object.is(c.constant, c0.constant))) {
      columns[name] = c0;
      continue;
    }
    const allNumbers = cols.every((c, i) => c !== undefined && (isConstant(c) ? typeof c.constant === "number" : ArrayBuffer.isView(c) || everyNumber(c, parts[i]!.rows)));
    const out: Float64Array | unknown[] = allNumbers ? new Float64Array(total) : new Array(total);
    let k = 0;
    parts.forEach((p, i) => {
      const c = cols[i];
      for (let r = 0; r < p.rows.length; r++) out[k++] = c === undefined ? null : cell(c, p.rows[r]!);
    });
    columns[name] = out;
  }
  const rows = new Uint32Array(total);
  for (let i = 0; i < total; i++) rows[i] = i;
  return { batch: { table: first.table, length: total, columns, ...(first.source ? { source: first.source } : {}) }, rows };
}

function everyNumber(c: ArrayLike<unknown>, rows: Uint32Array): boolean {
  for (let r = 0; r < rows.length; r++) if (typeof c[rows[r]!] !== "number") return false;
  return true;
}
