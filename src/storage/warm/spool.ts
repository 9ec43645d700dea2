/**
 * Append-only local spool for warm-tier writes that could not reach the database.
 *
 * Format: one JSON record per line, `{"seq":n,"table":"candles","length":k,"columns":{…}}`,
 * columns as arrays (or {"constant":v}); numbers keep their shortest round-trip form, bigint
 * Amounts become decimal strings (money columns accept those), so replay is exact. Every append
 * is fsync'ed before it is acknowledged. Replay progress is the byte offset of the next record,
 * kept in `<file>.offset` (rewritten atomically); a record is only skipped after it was written,
 * so a crash during replay re-sends at most one record, which the idempotent upsert absorbs.
 * A torn final line (crash mid-append) is reported and ignored.
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { StorageError } from "../../core/index.ts";
import { isTableName } from "../catalog.ts";
import { decimalString } from "../decimal.ts";
import type { ColumnBatch, ColumnData } from "../ports.ts";
import { cell, isConstant } from "../ports.ts";

export interface SpoolRecord {
  readonly seq: number;
  readonly batch: ColumnBatch;
  /** Byte offset just after this record. */
  readonly end: number;
}

export class Spool {
  private nextSeq = 1;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    const last = this.readFrom(this.offset()).at(-1);
    if (last) this.nextSeq = last.seq + 1;
  }

  /** True when records are waiting to be replayed. */
  get pending(): boolean {
    return existsSync(this.file) && statSync(this.file).size > this.offset();
  }

  /** Appends the accepted rows of a batch durably; returns the record's sequence number. */
  append(batch: ColumnBatch, rows: Uint32Array): number {
    const seq = this.nextSeq++;
    const columns: Record<string, unknown> = {};
    for (const [name, col] of Object.entries(batch.columns)) columns[name] = isConstant(col) ? { constant: plain(col.constant) } : pick(col, rows);
    const line = JSON.stringify({ seq, table: batch.table, length: rows.length, source: batch.source, columns }) + "\n";
    const fd = openSync(this.file, "a");
    try {
      writeSync(fd, line);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return seq;
  }

  /** Records not yet replayed, in order. */
  unreplayed(): SpoolRecord[] {
    return this.readFrom(this.offset());
  }

  /** Marks everything up to byte `end` as replayed; clears the spool when it is all done. */
  markReplayed(end: number): void {
    const size = existsSync(this.file) ? statSync(this.file).size : 0;
    if (end >= size) {
      rmSync(this.file, { force: true });
      rmSync(this.file + ".offset", { force: true });
      return;
    }
    const tmp = `${this.file}.offset.tmp`;
    writeFileSync(tmp, String(end));
    renameSync(tmp, this.file + ".offset");
  }

  private offset(): number {
    const f = this.file + ".offset";
    if (!existsSync(f)) return 0;
    const n = Number(readFileSync(f, "utf8").trim());
    return Number.isFinite(n) && n >= 0 ? n : 0;
  }

  private readFrom(offset: number): SpoolRecord[] {
    if (!existsSync(this.file)) return [];
    const buf = readFileSync(this.file);
    const out: SpoolRecord[] = [];
    let pos = offset;
    let line = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) {
        // Torn final append (crash before the newline): the write was never acknowledged.
        break;
      }
      line++;
      const text = buf.subarray(pos, nl).toString("utf8");
      let rec: { seq: number; table: string; length: number; source?: string; columns: Record<string, ColumnData> };
      try {
        rec = JSON.parse(text);
      } catch (e) {
        throw new StorageError(`${this.file}: corrupt spool record at byte ${pos} (record ${line} after offset): ${e instanceof Error ? e.message : String(e)}`, { code: "SPOOL_CORRUPT", action: "stop" });
      }
      if (!isTableName(rec.table)) throw new StorageError(`${this.file}: spool record ${rec.seq} names unknown table "${rec.table}"`, { code: "SPOOL_CORRUPT", action: "stop" });
      out.push({ seq: rec.seq, batch: { table: rec.table, length: rec.length, columns: rec.columns, ...(rec.source ? { source: rec.source } : {}) }, end: nl + 1 });
      pos = nl + 1;
    }
    return out;
  }
}

/** Appends a line to a dead-letter file (batches the database refused for a non-connection reason). */
export function deadLetter(file: string, entry: Record<string, unknown>): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, JSON.stringify(entry, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) + "\n");
}

function plain(v: unknown): unknown {
  if (typeof v === "bigint") return decimalString(v);
  return v;
}

function pick(col: ArrayLike<unknown>, rows: Uint32Array): unknown[] {
  const out = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = plain(cell(col, rows[r]!));
  return out;
}
