/**
 * COPY streaming over postgres.js:
 *  - `copyIn` sends accepted rows with `COPY … FROM STDIN (FORMAT binary)`, encoding in chunks and
 *    yielding between them so the server parses chunk k while we encode chunk k+1 (2 cores);
 *  - `copyOutFloat64` runs `COPY (SELECT <float8 columns>) TO STDOUT (FORMAT binary)` and decodes
 *    straight into Float64Arrays — no row objects, no number parsing;
 *  - `copyOutToFile` streams a text/CSV COPY into a file.
 *
 * postgres.js quirk handled here: when the server rejects a COPY after the stream has been ended
 * (e.g. a unique violation detected on the last rows), the library neither emits 'error' nor
 * 'finish' — it rejects the already-resolved query promise. We hook that rejection so the
 * caller always gets the server's error.
 */
import { closeSync, fsyncSync, openSync, writeSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import type postgres from "postgres";
import type { TableDef } from "../catalog.ts";
import type { ValidBatch } from "../ports.ts";
import { BinaryCopyWriter, columnWriters, writeTuples } from "./pg-binary-copy.ts";

type Sql = postgres.Sql | postgres.TransactionSql | postgres.ReservedSql;

interface HookableQuery {
  reject: (e: unknown) => void;
}

const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Streams the accepted rows of `valid` into `target` (a quoted, possibly schema-qualified name). */
export async function copyIn(sql: Sql, target: string, def: TableDef, valid: ValidBatch, chunkRows = 4096): Promise<void> {
  const cols = def.columns;
  const q = sql.unsafe(`COPY ${target} (${cols.map((c) => `"${c.name}"`).join(", ")}) FROM STDIN (FORMAT binary)`);
  const stream = (await q.writable()) as Writable;
  const done = new Promise<void>((resolve, reject) => {
    (q as unknown as HookableQuery).reject = reject;
    stream.once("finish", () => resolve());
    stream.once("error", reject);
  });
  done.catch(() => {});
  const writers = columnWriters(def, valid.batch);
  const w = new BinaryCopyWriter(Math.min(1 << 22, 256 + chunkRows * 160));
  w.header();
  const n = valid.rows.length;
  let failed = false;
  done.catch(() => {
    failed = true;
  });
  for (let start = 0; start < n && !failed; start += chunkRows) {
    const end = Math.min(n, start + chunkRows);
    writeTuples(w, writers, valid.rows, start, end);
    if (end === n) w.trailer();
    if (!stream.write(w.take())) await Promise.race([new Promise((r) => stream.once("drain", r)), done]);
    else await yieldToLoop();
  }
  if (n === 0) {
    w.trailer();
    stream.write(w.take());
  }
  if (!failed) stream.end();
  await done;
}

/**
 * Runs a COPY … TO STDOUT and hands every CopyData payload to `onChunk` synchronously.
 * Flowing mode with 'data' events: async iteration costs a promise per row (one CopyData
 * message per row) and was 5× slower. Use a dedicated connection and end it afterwards: postgres.js
 * can leave a socket paused after a COPY OUT, which would stall the next query on that connection.
 */
export async function copyOut(sql: Sql, copySql: string, onChunk: (c: Uint8Array) => void): Promise<void> {
  const stream = (await sql.unsafe(copySql).readable()) as Readable & { _readableState?: { highWaterMark: number } };
  if (stream._readableState) stream._readableState.highWaterMark = 1 << 30;
  await new Promise<void>((resolve, reject) => {
    stream.on("data", (c: Uint8Array) => {
      try {
        onChunk(c);
      } catch (e) {
        stream.destroy(e as Error);
      }
    });
    stream.once("end", () => resolve());
    stream.once("error", reject);
  });
}

/**
 * Runs `COPY (<select>) TO STDOUT (FORMAT binary)` where every selected column is float8 NOT
 * NULL, and returns one Float64Array per column (no row objects, no number parsing).
 */
export async function copyOutFloat64(sql: Sql, select: string, ncols: number): Promise<Float64Array[]> {
  let cap = 1 << 14;
  let cols = Array.from({ length: ncols }, () => new Float64Array(cap));
  let n = 0;
  let pending: Uint8Array = new Uint8Array(0);
  let headerDone = false;
  let trailer = false;
  const tupleBytes = 2 + ncols * 12;
  await copyOut(sql, `COPY (${select}) TO STDOUT (FORMAT binary)`, (chunk) => {
    let buf = chunk;
    if (pending.length) {
      buf = new Uint8Array(pending.length + chunk.length);
      buf.set(pending);
      buf.set(chunk, pending.length);
    }
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    let p = 0;
    if (!headerDone) {
      if (buf.length < 19) {
        pending = buf.slice();
        return;
      }
      p = 19 + view.getInt32(15);
      headerDone = true;
    }
    while (!trailer && p + 2 <= buf.length) {
      const fields = view.getInt16(p);
      if (fields === -1) {
        trailer = true;
        p += 2;
        break;
      }
      if (fields !== ncols) throw new Error(`COPY binary: expected ${ncols} fields, got ${fields}`);
      if (p + tupleBytes > buf.length) break;
      if (n === cap) {
        cap *= 2;
        cols = cols.map((a) => {
          const b = new Float64Array(cap);
          b.set(a);
          return b;
        });
      }
      let q = p + 2;
      for (let c = 0; c < ncols; c++) {
        if (view.getInt32(q) !== 8) throw new Error(`COPY binary: column ${c} is NULL or not float8`);
        cols[c]![n] = view.getFloat64(q + 4);
        q += 12;
      }
      n++;
      p = q;
    }
    pending = p < buf.length ? buf.slice(p) : new Uint8Array(0);
  });
  return cols.map((a) => a.slice(0, n));
}

/** Streams `COPY (<select>) TO STDOUT (<options>)` into a file in 1 MiB writes; returns bytes written. */
export async function copyOutToFile(sql: Sql, select: string, options: string, path: string): Promise<number> {
  const fd = openSync(path, "w");
  let bytes = 0;
  const parts: Uint8Array[] = [];
  let held = 0;
  const flush = (): void => {
    if (!held) return;
    writeSync(fd, parts.length === 1 ? parts[0]! : Buffer.concat(parts, held));
    parts.length = 0;
    held = 0;
  };
  try {
    await copyOut(sql, `COPY (${select}) TO STDOUT (${options})`, (c) => {
      parts.push(c);
      held += c.length;
      bytes += c.length;
      if (held >= 1 << 20) flush();
    });
    flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return bytes;
}
