/**
 * Reads a trade list for `stats --trades` and `montecarlo --trades`: CSV (plain or gzip) with a
 * header row, or JSON (an array of trades, or an object with a `trades` array such as
 * `backtest --json` output).
 *
 * Columns (matched case-insensitively, ignoring '_', '-' and spaces):
 *   pnl (aliases net_pnl, profit)         required, quote currency, net of fees
 *   pnl_pct (aliases return, ret)         optional, PnL / entry notional as a FRACTION
 *   entry_price + quantity                optional, used for the return when pnl_pct is absent
 * The per-trade return on the capital committed is pnl_pct, else pnl / (entry_price × quantity);
 * it is null when neither is available (then only PnL-based statistics can be computed).
 * Any unparsable or non-finite value is a DataError naming file, line and column.
 */
import { readFileSync } from "node:fs";
import { DataError } from "../../core/index.ts";
import { splitCsvLine } from "../../lib/split-csv-line.ts";

export interface TradeList {
  readonly source: string;
  readonly pnl: Float64Array;
  /** Return per unit of capital committed; null when the file has no way to compute it. */
  readonly ret: Float64Array | null;
}

const norm = (s: string): string => s.toLowerCase().replace(/[\s_\-"]/g, "");
const ALIASES = {
  pnl: ["pnl", "netpnl", "profit"],
  ret: ["pnlpct", "return", "ret"],
  price: ["entryprice"],
  qty: ["quantity", "qty", "size"],
} as const;

export function readTradeList(path: string): TradeList {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DataError(`cannot read trades file: ${(e as Error).message}`, { file: path, code: "DATA_UNREADABLE" });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = Bun.gunzipSync(bytes as Uint8Array<ArrayBuffer>);
  const text = new TextDecoder().decode(bytes);
  const first = text.trimStart()[0];
  const rows = first === "[" || first === "{" ? fromJson(text, path) : fromCsv(text, path);
  if (rows.pnl.length === 0) throw new DataError("no trades in file", { file: path, code: "DATA_EMPTY" });
  return rows;
}

function pick(keys: string[], names: readonly string[]): number {
  return keys.findIndex((k) => names.includes(k));
}

function fromCsv(text: string, file: string): TradeList {
  const lines = text.split(/\r?\n/);
  const header = splitCsv(lines[0] ?? "").map(norm);
  const iP = pick(header, ALIASES.pnl);
  if (iP < 0) throw new DataError(`missing column 'pnl' (header: ${lines[0]})`, { file, line: 1, column: "pnl" });
  const iR = pick(header, ALIASES.ret);
  const iPx = pick(header, ALIASES.price);
  const iQ = pick(header, ALIASES.qty);
  const canRet = iR >= 0 || (iPx >= 0 && iQ >= 0);
  const pnl: number[] = [];
  const ret: number[] = [];
  const names = splitCsv(lines[0]!);
  for (let li = 1; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.trim() === "") continue;
    const f = splitCsv(line);
    const num = (i: number): number => {
      const s = (f[i] ?? "").trim();
      const v = Number(s);
      if (s === "" || !Number.isFinite(v)) throw new DataError(`column '${names[i]}': not a number: "${s}"`, { file, line: li + 1, column: names[i] });
      return v;
    };
    const p = num(iP);
    pnl.push(p);
    if (canRet) ret.push(iR >= 0 ? num(iR) : notionalReturn(p, num(iPx), num(iQ), file, li + 1));
  }
  return { source: file, pnl: Float64Array.from(pnl), ret: canRet ? Float64Array.from(ret) : null };
}

function notionalReturn(pnl: number, price: number, qty: number, file: string, line: number | undefined, trade?: number): number {
  const notional = Math.abs(price * qty);
  if (!(notional > 0)) {
    const what = trade !== undefined ? `trade #${trade}: ` : "";
    throw new DataError(`${what}entry_price × quantity must be > 0 to compute the trade return`, { file, ...(line !== undefined ? { line } : {}), column: "quantity" });
  }
  return pnl / notional;
}

function fromJson(text: string, file: string): TradeList {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new DataError(`invalid JSON: ${(e as Error).message}`, { file });
  }
  const list = Array.isArray(data) ? data : (data as { trades?: unknown }).trades;
  if (!Array.isArray(list)) throw new DataError("expected an array of trades or an object with a 'trades' array", { file });
  const pnl = new Float64Array(list.length);
  const ret = new Float64Array(list.length);
  let canRet = true;
  list.forEach((t: unknown, i: number) => {
    const o = Object.fromEntries(Object.entries((t ?? {}) as Record<string, unknown>).map(([k, v]) => [norm(k), v]));
    const get = (names: readonly string[]): number | undefined => {
      for (const n of names) if (o[n] !== undefined && o[n] !== null) return Number(o[n]);
      return undefined;
    };
    const where = { file };
    const p = get(ALIASES.pnl);
    if (p === undefined || !Number.isFinite(p)) throw new DataError(`trade #${i + 1}: field 'pnl' missing or not a number`, { ...where, column: "pnl" });
    pnl[i] = p;
    const r = get(ALIASES.ret);
    const px = get(ALIASES.price);
    const q = get(ALIASES.qty);
    if (r !== undefined && Number.isFinite(r)) ret[i] = r;
    else if (px !== undefined && q !== undefined) ret[i] = notionalReturn(p, px, q, file, undefined, i + 1);
    else canRet = false;
  });
  return { source: file, pnl, ret: canRet ? ret : null };
}

/** Splits one CSV line (quotes honoured); an unterminated quote keeps the rest as one field. */
export function splitCsv(line: string): string[] {
  return splitCsvLine(line) ?? splitCsvLine(line + '"')!;
}
