/** Trade list reader: CSV/gzip/JSON, column aliases, and errors naming file, line and column. */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataError } from "../../core/index.ts";
import { readTradeList, splitCsv } from "./trades-file.ts";

const dir = mkdtempSync(join(tmpdir(), "trades-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test("CSV with pnl and pnl_pct, gzip too", () => {
  const csv = "id,symbol,pnl,pnl_pct\n1,BTCUSDT,12.5,0.0125\n2,BTCUSDT,-3,-0.003\n\n";
  for (const p of [write("a.csv", csv), write("a.csv.gz", Bun.gzipSync(new TextEncoder().encode(csv)))]) {
    const t = readTradeList(p);
    expect(Array.from(t.pnl)).toEqual([12.5, -3]);
    expect(Array.from(t.ret!)).toEqual([0.0125, -0.003]);
  }
});

test("return from entry_price × quantity; no return columns → ret null; quoted fields", () => {
  const t = readTradeList(write("b.csv", "entryPrice,Quantity,Net PnL\n100,2,10\n50,\"1\",-5\n"));
  expect(Array.from(t.ret!)).toEqual([0.05, -0.1]);
  expect(readTradeList(write("c.csv", "pnl\n1\n-1\n")).ret).toBeNull();
  expect(splitCsv('a,"b,c","d""e"')).toEqual(["a", "b,c", 'd"e']);
});

test("JSON array or backtest --json object", () => {
  const t = readTradeList(write("d.json", JSON.stringify({ trades: [{ pnl: 5, pnlPct: 0.01 }, { pnl: -2, pnlPct: -0.004 }] })));
  expect(Array.from(t.ret!)).toEqual([0.01, -0.004]);
  expect(readTradeList(write("e.json", JSON.stringify([{ pnl: 1 }]))).ret).toBeNull();
});

test("errors name file, line and column", () => {
  const bad = write("bad.csv", "pnl,pnl_pct\n1,0.1\n2,abc\n");
  expect(() => readTradeList(bad)).toThrow(DataError);
  expect(() => readTradeList(bad)).toThrow(`${bad}:3: column 'pnl_pct': not a number: "abc"`);
  expect(() => readTradeList(write("nopnl.csv", "x,y\n1,2\n"))).toThrow(/:1: missing column 'pnl'/);
  expect(() => readTradeList(write("empty.csv", "pnl\n"))).toThrow(/no trades in file/);
  expect(() => readTradeList(join(dir, "missing.csv"))).toThrow(/cannot read trades file/);
  expect(() => readTradeList(write("f.json", JSON.stringify([{ pnl: "x" }])))).toThrow(/trade #1: field 'pnl'/);
});
