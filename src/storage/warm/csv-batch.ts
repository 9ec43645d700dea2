/**
 * Reads a CSV (plain or .gz) into a ColumnBatch of any catalog table, for `data import --kind X`
 * of non-candle kinds and for re-importing the tier's own CSV interchange files.
 *
 * Header mapping: a column named like the catalog column wins; `ts` may also come from the
 * first of timestamp/time/open_time_ms/funding_time_ms/feed_ts_ms or any *_ms column. Values
 * stay TEXT (decimals exact); `ts` columns accept epoch ms or ISO-8601. Constants (--venue,
 * --symbol) fill columns the file lacks. Bad rows are left to validateBatch, which names the
 * line; structural problems (missing required column, ragged row) fail here with file:line.
 */
import { readFileSync } from "node:fs";
import { DataError } from "../../core/index.ts";
import { CATALOG, type TableName } from "../catalog.ts";
import type { ColumnBatch, ColumnData } from "../ports.ts";
import { splitCsvLine } from "../../lib/split-csv-line.ts";

const TS_ALIASES = ["ts", "timestamp", "time", "open_time_ms", "funding_time_ms", "feed_ts_ms"];

export function readCsvBatch(path: string, table: TableName, constants: Record<string, string> = {}): ColumnBatch {
  const def = CATALOG[table];
  const buf = readFileSync(path);
  const gz = buf[0] === 0x1f && buf[1] === 0x8b;
  const text = new TextDecoder().decode(gz ? Bun.gunzipSync(buf) : buf);
  const lines = text.split(/\r?\n/);
  const header = splitCsv(lines[0] ?? "", path, 1);
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const source: Record<string, number> = {};
  for (const c of def.columns) {
    let i = index.get(c.name);
    if (i === undefined && c.name === "ts") {
      const alias = TS_ALIASES.find((a) => index.has(a)) ?? header.find((h) => /_ms$/.test(h.trim()));
      if (alias !== undefined) i = index.get(alias.trim());
    }
    if (i !== undefined && constants[c.name] === undefined) source[c.name] = i;
    else if (constants[c.name] === undefined && !c.nullable) {
      throw new DataError(`${table}: no column "${c.name}" in the header (${header.join(",")}) and no --${c.name} given`, { file: path, line: 1, column: c.name });
    }
  }
  const rows = lines.slice(1).map((l, k) => [l, k + 2] as const).filter(([l]) => l.trim() !== "");
  const columns: Record<string, ColumnData> = {};
  for (const [k, v] of Object.entries(constants)) if (def.columns.some((c) => c.name === k)) columns[k] = { constant: v };
  const out: Record<string, unknown[]> = {};
  for (const name of Object.keys(source)) out[name] = new Array(rows.length);
  rows.forEach(([line, no], r) => {
    const f = splitCsv(line, path, no);
    if (f.length !== header.length) throw new DataError(`expected ${header.length} fields, got ${f.length}`, { file: path, line: no });
    for (const [name, i] of Object.entries(source)) {
      const raw = f[i]!;
      const col = def.columns.find((c) => c.name === name)!;
      out[name]![r] = raw === "" ? null : col.type === "ts" ? parseTs(raw) : col.type === "int" || col.type === "bigint" ? Number(raw) : col.type === "bool" ? raw === "true" || raw === "t" || raw === "1" : raw;
    }
  });
  for (const [k, v] of Object.entries(out)) columns[k] = v;
  return { table, length: rows.length, columns, source: path, firstLine: 2 };
}

function parseTs(s: string): number {
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(" ", "T")}Z`);
  return Number.isFinite(t) ? t : Number.NaN;
}

/** Splits one CSV line (RFC 4180 quotes, no embedded newlines); an open quote is a DataError. */
function splitCsv(line: string, path: string, no: number): string[] {
  const fields = splitCsvLine(line);
  if (!fields) throw new DataError("unterminated quoted field", { file: path, line: no });
  return fields;
}
