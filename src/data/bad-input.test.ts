/**
 * Every bad-input message of loadBars: small bad files are built from real rows (first lines of
 * the Binance 1h BTC file) with one defect each, written to a temp dir.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataFile } from "../testkit/data-path.ts";
import { loadBars } from "./load-bars.ts";

const dir = mkdtempSync(join(tmpdir(), "algo-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REAL = new TextDecoder()
  .decode(Bun.gunzipSync(readFileSync(dataFile("binance_spot_BTCUSDT_15m_2024-12_2026-04.csv.gz"))))
  .split("\n")
  .slice(0, 6);
const HEADER = REAL[0]!; // open_time_ms,open_time_utc,open,high,low,close,volume,quote_volume,…
const ROWS = REAL.slice(1);

let n = 0;
function file(lines: string[], name?: string): string {
  const p = join(dir, name ?? `bad-${++n}.csv`);
  writeFileSync(p, lines.join("\n") + "\n");
  return p;
}

/** Replaces column `col` of data row `row` (0-based among data rows). */
function withField(row: number, col: number, value: string): string[] {
  return [HEADER, ...ROWS.map((r, i) => (i === row ? r.split(",").map((f, k) => (k === col ? value : f)).join(",") : r))];
}

async function error(path: string, opts = {}): Promise<Error & { code?: string; line?: number; column?: string }> {
  const e = await loadBars(path, opts).then(
    () => null,
    (x: unknown) => x as Error,
  );
  if (!e) throw new Error("expected loadBars to fail");
  return e;
}

describe("malformed fields name file, line and column", () => {
  test("text in a number column", async () => {
    const p = file(withField(1, 5, "abc"));
    const e = await error(p);
    expect(e.name).toBe("DataError");
    expect(e.message).toBe(`${p}:3: column 'close': "abc" is not a number`);
    expect(e.line).toBe(3);
    expect(e.column).toBe("close");
  });

  test("a quoted field with a comma shifts the columns: the error says so", async () => {
    const [t, , o, h, l, c, v] = ROWS[0]!.split(",");
    const p = file([HEADER, ROWS[0]!, `${t},"BTC, perp",${o},${h},${l},${c},${v}`]);
    const e = await error(p);
    expect(e.message).toBe(`${p}:3: column 'open': " perp\\"" is not a number (a quoted field containing a comma? bar files do not support those)`);
    expect(e.line).toBe(3);
  });

  test("empty value, NaN text, negative, zero price, bad time", async () => {
    const cases: [number, string, string][] = [
      [6, "", `:4: column 'volume': empty value`],
      [2, "NaN", `:4: column 'open': "NaN" is not a number`],
      [4, "-5", `:4: column 'low': -5 is negative`],
      [2, "0", `:4: column 'open': price must be > 0, got 0`],
      [0, "2024-13-01", `:4: column 'open_time_ms': "2024-13-01" is not a valid time (expected RFC3339 like 2024-01-01T00:00:00Z or epoch milliseconds)`],
      [3, "1e999", `:4: column 'high': "1e999" is not a number`],
    ];
    for (const [col, value, msg] of cases) {
      const p = file(withField(2, col, value));
      expect((await error(p)).message).toBe(p + msg);
    }
  });

  test("inconsistent OHLC", async () => {
    const [t, u, o, , , c, v] = ROWS[0]!.split(",");
    const p1 = file([HEADER, `${t},${u},${o},100,200,${c},${v}`]);
    expect((await error(p1)).message).toBe(`${p1}:2: column 'high': high 100 is below low 200`);
    const p2 = file([HEADER, `${t},${u},300,200,100,150,${v}`]);
    expect((await error(p2)).message).toBe(`${p2}:2: column 'open': open 300 is above high 200`);
    const p3 = file([HEADER, `${t},${u},150,200,100,50,${v}`]);
    expect((await error(p3)).message).toBe(`${p3}:2: column 'close': close 50 is below low 100`);
  });

  test("a short row names the first missing column", async () => {
    const p = file([HEADER, ROWS[0]!, ROWS[1]!.split(",").slice(0, 4).join(",")]);
    expect((await error(p)).message).toBe(`${p}:3: column 'low': missing (row has 4 fields, header has 11)`);
  });
});

describe("time order", () => {
  test("duplicate timestamp names both lines", async () => {
    const p = file([HEADER, ROWS[0]!, ROWS[1]!, ROWS[1]!, ROWS[2]!]);
    const e = await error(p);
    expect(e.message).toBe(`${p}:4: column 'open_time_ms': duplicate timestamp 2024-12-30T00:15:00Z (same as line 3)`);
  });

  test("out-of-order timestamp names both lines", async () => {
    const p = file([HEADER, ROWS[0]!, ROWS[2]!, ROWS[1]!]);
    const e = await error(p);
    expect(e.message).toBe(
      `${p}:4: column 'open_time_ms': timestamp 2024-12-30T00:15:00Z is earlier than 2024-12-30T00:30:00Z on line 3 (rows must be in ascending time order)`,
    );
  });
});

describe("empty input", () => {
  test("empty file", async () => {
    const p = file([], "empty.csv");
    writeFileSync(p, "");
    const e = await error(p);
    expect(e.message).toBe(`${p}: file is empty (expected a header row and bar rows)`);
    expect(e.code).toBe("DATA_EMPTY");
  });

  test("header only", async () => {
    const p = file([HEADER]);
    expect((await error(p)).message).toBe(`${p}:1: file has a header but no data rows`);
  });

  test("unrecognised header lists what is missing and what was found", async () => {
    const p = file(["time,price,qty", "1,2,3"]);
    const e = await error(p);
    expect(e.message).toStartWith(`${p}:1: header is missing column(s) open, high, low, close, volume (found: time,price,qty)`);
  });

  test("no rows inside from/to → UsageError with the data's range", async () => {
    const p = file([HEADER, ...ROWS]);
    const e = await error(p, { from: Date.UTC(2030, 0, 1) });
    expect(e.name).toBe("UsageError");
    expect(e.message).toBe(`${p}: no bars in [2030-01-01T00:00:00Z, end); the data covers 2024-12-30T00:00:00Z → 2024-12-30T01:00:00Z`);
    const e2 = await error(p, { from: 10, to: 10 });
    expect(e2.message).toContain("time range is empty");
  });

  test("binary garbage is not taken for CSV", async () => {
    const p = join(dir, "data.bin");
    writeFileSync(p, new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0, 1, 2, 3, 10, 65]));
    expect((await error(p)).message).toBe(`${p}:1: not a CSV text file (binary data); supported: CSV, CSV.gz, Parquet, Arrow IPC`);
  });

  test("missing file and corrupt gzip", async () => {
    const missing = join(dir, "nope.csv");
    expect((await error(missing)).message).toBe(`${missing}: file not found`);
    const gz = join(dir, "broken.csv.gz");
    const good = Bun.gzipSync(new TextEncoder().encode([HEADER, ...ROWS].join("\n")));
    writeFileSync(gz, good.subarray(0, good.length - 20));
    const e = await error(gz);
    expect(e.message).toStartWith(`${gz}: gzip data is corrupt or truncated`);
  });
});

describe("onBadRow skip", () => {
  test("bad rows are skipped and counted; good rows kept", async () => {
    const short = ROWS[1]!.split(",").slice(0, 5).join(",");
    const badLow = withField(2, 4, "x")[3]!;
    const p = file([HEADER, ROWS[0]!, short, "garbage", ROWS[1]!, ROWS[1]!, badLow, ROWS[3]!, ROWS[4]!]);
    const r = await loadBars(p, { onBadRow: "skip" });
    expect(r.skipped).toBe(4);
    expect(Array.from(r.series.tsEvent)).toEqual([0, 1, 3, 4].map((i) => Number(ROWS[i]!.split(",")[0])));
    expect(r.series.close[3]).toBe(Number(ROWS[4]!.split(",")[5]));
  });

  test("all rows bad → DataError", async () => {
    const p = file([HEADER, "x,y,z", "1,2"]);
    const e = await error(p, { onBadRow: "skip" });
    expect(e.message).toBe(`${p}: all 2 rows were bad and skipped; no bars left`);
  });
});

describe("interval", () => {
  test("given interval must match the data's step", async () => {
    const p = file([HEADER, ...ROWS]);
    expect((await loadBars(p, { interval: "15m" })).series.intervalMs).toBe(900_000);
    const e = await error(p, { interval: "1h" });
    expect(e.name).toBe("UsageError");
    expect(e.message).toBe(`${p}: interval 1h given but the bars are 15m apart (most common step)`);
    expect((await error(p, { interval: "7x" })).message).toContain('unknown interval "7x"');
  });
});
