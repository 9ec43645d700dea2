/** loadBars on the real files in every layout, gz and plain, compared with a naive split/Number parse. */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataFile } from "../testkit/data-path.ts";
import { loadBars } from "./load-bars.ts";
import { CsvBarParser } from "./csv-bar-parser.ts";

const dir = mkdtempSync(join(tmpdir(), "algo-data-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BTC_1H = dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz");
const BTC_1M = dataFile("binance_spot_BTCUSDT_1m_stitched_2019-10_2026-04.csv.gz");
const HL = dataFile("hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz");

const texts = new Map<string, string>();
function textOf(gzPath: string): string {
  let t = texts.get(gzPath);
  if (t === undefined) texts.set(gzPath, (t = new TextDecoder().decode(Bun.gunzipSync(readFileSync(gzPath)))));
  return t;
}

/** The first `n` data lines of a real file, with its header. */
function head(gzPath: string, n: number): string[] {
  return textOf(gzPath).split("\n").slice(0, n + 1);
}

/** Independent reference: split + Number() on the given column indices. */
function naive(lines: string[], cols: { t: number; o: number }, timeOf = (s: string) => Number(s)) {
  const rows = lines.slice(1).filter((l) => l.trim() !== "").map((l) => l.split(","));
  return {
    ts: rows.map((r) => timeOf(r[cols.t]!)),
    open: rows.map((r) => Number(r[cols.o]!)),
    high: rows.map((r) => Number(r[cols.o + 1]!)),
    low: rows.map((r) => Number(r[cols.o + 2]!)),
    close: rows.map((r) => Number(r[cols.o + 3]!)),
    volume: rows.map((r) => Number(r[cols.o + 4]!)),
  };
}

function expectSeries(s: Awaited<ReturnType<typeof loadBars>>["series"], ref: ReturnType<typeof naive>): void {
  expect(s.length).toBe(ref.ts.length);
  expect(Array.from(s.tsEvent)).toEqual(ref.ts);
  expect(Array.from(s.open)).toEqual(ref.open);
  expect(Array.from(s.high)).toEqual(ref.high);
  expect(Array.from(s.low)).toEqual(ref.low);
  expect(Array.from(s.close)).toEqual(ref.close);
  expect(Array.from(s.volume)).toEqual(ref.volume);
}

describe("binance layouts", () => {
  test("full kline layout (11 columns, empty extras), plain and gz", async () => {
    const lines = head(BTC_1H, 2000);
    const plain = join(dir, "binance_spot_BTCUSDT_1h_head.csv");
    writeFileSync(plain, lines.join("\n"));
    writeFileSync(plain + ".gz", Bun.gzipSync(new TextEncoder().encode(lines.join("\n") + "\n")));
    const ref = naive(lines, { t: 0, o: 2 });
    for (const p of [plain, plain + ".gz"]) {
      const r = await loadBars(p);
      expectSeries(r.series, ref);
      expect(r.series.symbol).toBe("BTCUSDT");
      expect(r.series.venue).toBe("binance");
      expect(r.series.intervalMs).toBe(3_600_000);
      expect(r.priceDecimals).toBe(2);
      expect(r.sizeDecimals).toBe(6);
      expect(r.skipped).toBe(0);
    }
  });

  test("whole 1h file: row count and range as documented", async () => {
    const r = await loadBars(BTC_1H);
    expect(r.series.length).toBe(76_724);
    expect(r.series.tsEvent[0]).toBe(Date.UTC(2017, 7, 17, 4));
    expect(r.series.tsEvent[r.series.length - 1]).toBe(Date.UTC(2026, 4, 24, 7));
  });

  test("whole 1m stitched file (short layout + src column)", async () => {
    const r = await loadBars(BTC_1M);
    expect(r.series.length).toBe(997_367);
    expect(r.series.intervalMs).toBe(60_000);
    expect(r.series.tsEvent[0]).toBe(Date.UTC(2019, 9, 15, 21, 50));
    expect(r.series.close[0]).toBe(8144.08);
  }, 60_000);

  test("headerless Binance kline rows (data.binance.vision style)", async () => {
    const lines = head(BTC_1H, 300).slice(1);
    const raw = lines.map((l) => {
      const f = l.split(",");
      return [f[0], f[2], f[3], f[4], f[5], f[6], Number(f[0]) + 3_599_999, "0", "0", "0", "0", "0"].join(",");
    });
    const p = join(dir, "BTCUSDT-1h-2017-08.csv");
    writeFileSync(p, raw.join("\n") + "\n");
    const r = await loadBars(p);
    expectSeries(r.series, naive(["header", ...raw], { t: 0, o: 1 }));
    expect(r.series.symbol).toBe("BTCUSDT");
  });

  test("CRLF line endings and a UTF-8 BOM", async () => {
    const lines = head(BTC_1H, 200);
    const p = join(dir, "crlf.csv");
    writeFileSync(p, "\uFEFF" + lines.join("\r\n") + "\r\n");
    const r = await loadBars(p);
    expectSeries(r.series, naive(lines, { t: 0, o: 2 }));
  });
});

describe("seed layout", () => {
  test("timestamp,symbol,open,… with RFC3339 times, same values as the Binance source", async () => {
    const lines = head(BTC_1H, 500);
    const seed = ["timestamp,symbol,open,high,low,close,volume"];
    for (const l of lines.slice(1)) {
      const f = l.split(",");
      seed.push([new Date(Number(f[0])).toISOString().replace(".000Z", "Z"), "BTCUSDT", f[2], f[3], f[4], f[5], f[6]].join(","));
    }
    const p = join(dir, "sample.csv");
    writeFileSync(p, seed.join("\n") + "\n");
    const r = await loadBars(p);
    expectSeries(r.series, naive(lines, { t: 0, o: 2 }));
    expect(r.series.symbol).toBe("BTCUSDT");
    expect(r.series.intervalMs).toBe(3_600_000);
  });

  test("offsets, fractions and space separators in times", async () => {
    const p = join(dir, "times.csv");
    writeFileSync(
      p,
      ["timestamp,symbol,open,high,low,close,volume", "2024-01-01T01:00:00+01:00,X,1,2,1,2,3", "2024-01-01 00:01:00.500,X,1,2,1,2,3", "2024-01-01T00:02:00.000Z,X,1,2,1,2,3"].join("\n"),
    );
    const r = await loadBars(p);
    expect(Array.from(r.series.tsEvent)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 0, 1) + 500, Date.UTC(2024, 0, 1, 0, 2)]);
    expect(r.series.symbol).toBe("X");
  });
});

describe("hyperliquid multi-series file", () => {
  const all = textOf(HL).split("\n");
  test("symbol + interval filters select one series", async () => {
    const r = await loadBars(HL, { symbol: "ETH", interval: "1h" });
    const lines = [all[0]!, ...all.filter((l) => l.startsWith("ETH,1h,"))];
    expectSeries(r.series, naive(lines, { t: 2, o: 4 }));
    expect(r.series.length).toBe(989);
    expect(r.series.symbol).toBe("ETH");
    expect(r.series.venue).toBe("hyperliquid");
    expect(r.series.intervalMs).toBe(3_600_000);
  });

  test("no filter, or a filter matching several series → UsageError listing the series", async () => {
    for (const opts of [{}, { symbol: "BTC" }, { interval: "4h" }]) {
      const e = await loadBars(HL, opts).catch((x) => x);
      expect(e.name).toBe("UsageError");
      expect(e.message).toContain("the file holds several series (BTC 15m (3175 rows), BTC 1h (989 rows), BTC 4h (478 rows), ETH 15m");
      expect(e.message).toContain("SOL 4h (478 rows)");
    }
  });

  test("a filter matching nothing → UsageError naming the filter", async () => {
    const e = await loadBars(HL, { symbol: "DOGE", interval: "1h" }).catch((x) => x);
    expect(e.name).toBe("UsageError");
    expect(e.message).toContain("no rows match symbol=DOGE interval=1h; the file holds BTC 15m (3175 rows)");
  });
});

describe("filters and chunking", () => {
  test("from inclusive, to exclusive, on open time", async () => {
    const from = Date.UTC(2020, 0, 1);
    const to = Date.UTC(2020, 0, 2);
    const r = await loadBars(BTC_1H, { from, to });
    expect(r.series.length).toBe(24);
    expect(r.series.tsEvent[0]).toBe(from);
    expect(r.series.tsEvent[23]).toBe(to - 3_600_000);
  });

  test("any chunk split gives the same columns (property test over random cuts of real bytes)", () => {
    const bytes = new TextEncoder().encode(head(HL, 4000).join("\n") + "\n");
    const parse = (cuts: number[]) => {
      const p = new CsvBarParser("x.csv", { onBadRow: "error", symbol: "BTC", interval: "15m" });
      let a = 0;
      for (const c of [...cuts, bytes.length]) {
        p.push(bytes.subarray(a, c));
        a = c;
      }
      p.finish();
      return { len: p.sink!.length, c: Array.from(p.sink!.columns().close), t: Array.from(p.sink!.columns().tsEvent), pd: p.priceDecimals };
    };
    const whole = parse([]);
    expect(whole.len).toBe(3175);
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * bytes.length;
    for (let k = 0; k < 25; k++) {
      const cuts = Array.from({ length: 1 + (k % 7) * 9 }, rnd).map(Math.floor).sort((x, y) => x - y);
      expect(parse(cuts)).toEqual(whole);
    }
    // one byte at a time across the first lines (splits inside numbers, CR/LF and the header)
    const small = new CsvBarParser("x.csv", { onBadRow: "error", symbol: "BTC", interval: "15m" });
    for (let i = 0; i < 2000; i++) small.push(bytes.subarray(i, i + 1));
    small.push(bytes.subarray(2000));
    small.finish();
    expect(Array.from(small.sink!.columns().close)).toEqual(whole.c);
  });
});
