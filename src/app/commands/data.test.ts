/**
 * `db` and `data` commands end to end on REAL data against the machine's PostgreSQL (a fresh
 * schema): migrate, import (candles via the bar loader, funding via CSV), bad rows at the
 * boundary, export to cold, SQL over cold, `backtest --source warm|cold` equal to `--data` CSV,
 * usage errors naming the flag, and the compiled binary's embedded DuckDB run from another folder.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command, CommandContext } from "../../cli/command.ts";
import { parseCommandArgs } from "../../cli/parse-args.ts";
import { validateConfig } from "../../config/index.ts";
import { silentLogger } from "../../lib/logger.ts";
import { dataFile, REPO_ROOT } from "../../testkit/data-path.ts";
import { createTestSchema, type TestSchema } from "../../testkit/pg-schema.ts";
import { BTC_1H_FILE, FUNDING_FILE } from "../../testkit/storage-fixtures.ts";
import { backtestCommand } from "./backtest.ts";
import { dataCommand } from "./data.ts";
import { dbCommand } from "./db.ts";

setDefaultTimeout(60_000);
const dir = mkdtempSync(join(tmpdir(), "data-cmd-"));
let s: TestSchema;
let config: Record<string, unknown>;

async function run(cmd: Command, argv: string[], cfg: Record<string, unknown> = config) {
  let out = "";
  let err = "";
  const ctx = {
    config: validateConfig(cfg, "test"),
    log: silentLogger,
    configPath: undefined,
    isTTY: false,
    env: {},
    stdout: { write: (x: string) => ((out += x), true) },
    stderr: { write: (x: string) => ((err += x), true) },
  } as unknown as CommandContext;
  try {
    const code = await cmd.run(parseCommandArgs(cmd, argv), ctx);
    return { code, out, err, error: undefined as Error | undefined };
  } catch (e) {
    return { code: -1, out, err, error: e as Error };
  }
}

beforeAll(async () => {
  s = await createTestSchema("cmd");
  config = { database: { url: s.url }, storage: { data_dir: join(dir, "data") }, tiers: { warm: { pg_schema: s.schema } } };
});
afterAll(async () => {
  await s.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("db", () => {
  test("migrate says which mode is in use, twice is a no-op; status counts rows", async () => {
    const a = await run(dbCommand, ["migrate"]);
    expect(a.code).toBe(0);
    expect(a.out).toContain("Mode       partitioned (plain PostgreSQL");
    expect(a.out).toContain("Applied    001 initial tables");
    const b = await run(dbCommand, ["migrate", "--json"]);
    expect(JSON.parse(b.out)).toEqual({ store: `${s.url} schema=${s.schema}`, mode: "partitioned", applied: [], alreadyApplied: ["001 initial tables"] });
    const st = await run(dbCommand, ["status", "--json"]);
    expect(JSON.parse(st.out).rows.candles).toBe(0);
  });

  test("without a database URL the embedded DuckDB file is migrated", async () => {
    const r = await run(dbCommand, ["migrate"], { storage: { data_dir: join(dir, "embedded") } });
    expect(r.code).toBe(0);
    expect(r.out).toContain("Mode       embedded");
    expect(existsSync(join(dir, "embedded", "warm.duckdb"))).toBe(true);
  });

  test("embedded: data import and backtest --source warm work without a prior db migrate (like the daemon)", async () => {
    const cfg = { storage: { data_dir: join(dir, "embedded-fresh") } };
    const file = dataFile(BTC_1H_FILE);
    const imp = await run(dataCommand, ["import", file, "--kind", "candles", "--to", "2018-01-01T00:00:00Z"], cfg);
    expect(imp.error).toBeUndefined();
    expect(imp.out).toMatch(/^Imported [\d,]+ rows of .* \(embedded\)/);
    const bt = await run(backtestCommand, ["--source", "warm", "--symbol", "BTCUSDT", "--interval", "1h", "--strategy", "ma_crossover", "--json"], cfg);
    expect(bt.error).toBeUndefined();
    expect(JSON.parse(bt.out).data.bars).toBe(3278);
  });

  test("usage errors name the problem", async () => {
    expect((await run(dbCommand, [])).error?.message).toMatch(/expected a subcommand: migrate or status/);
    expect((await run(dbCommand, ["migrate", "--mode", "fast"])).error?.message).toMatch(/--mode must be auto, timescaledb or partitioned/);
  });
});

describe("data import / export / query and backtest --source", () => {
  test("imports the real BTC 1h file into the warm tier", async () => {
    const r = await run(dataCommand, ["import", dataFile(BTC_1H_FILE), "--kind", "candles", "--json"]);
    expect(r.error).toBeUndefined();
    expect(JSON.parse(r.out)).toMatchObject({ kind: "candles", rows: 76_724, rejected: 0, mode: "partitioned" });
    const again = await run(dataCommand, ["import", dataFile(BTC_1H_FILE), "--kind", "candles", "--json"]);
    expect(JSON.parse(again.out).rows).toBe(76_724);
    expect(JSON.parse((await run(dbCommand, ["status", "--json"])).out).rows.candles).toBe(76_724);
  });

  test("imports funding rates from CSV with exact decimals", async () => {
    const r = await run(dataCommand, ["import", dataFile(FUNDING_FILE), "--kind", "funding_rates", "--venue", "binance-usdm"]);
    expect(r.error).toBeUndefined();
    expect(r.out).toMatch(/Imported 17,100 rows of funding_rates into/);
  });

  test("bad rows: default refuses the file naming file:line:field; --on-bad-row skip imports the rest", async () => {
    const lines = new TextDecoder().decode(Bun.gunzipSync(readFileSync(dataFile(FUNDING_FILE)))).split("\n").slice(0, 21);
    lines[5] = lines[5]!.replace(/,([^,]+),([^,]+)$/, ",NaN,$2");
    const bad = join(dir, "funding-bad.csv");
    writeFileSync(bad, lines.join("\n") + "\n");
    const r = await run(dataCommand, ["import", bad, "--kind", "funding_rates", "--venue", "test-venue"]);
    expect(r.error?.message).toMatch(/^[^:]*funding-bad\.csv:6: funding_rates row 4: field "funding_rate" must be a decimal number, got "NaN"/);
    expect(r.error?.message).toMatch(/nothing imported/);
    const ok = await run(dataCommand, ["import", bad, "--kind", "funding_rates", "--venue", "test-venue", "--on-bad-row", "skip", "--json"]);
    expect(JSON.parse(ok.out)).toMatchObject({ rows: 19, rejected: 1 });
  });

  test("exports a closed range to Parquet and queries it with SQL (table, JSON, CSV)", async () => {
    const r = await run(dataCommand, ["export", "--kind", "candles", "--symbol", "BTC", "--from", "2024-01-01T00:00:00Z", "--to", "2024-03-01T00:00:00Z", "--json"]);
    expect(r.error).toBeUndefined();
    expect(JSON.parse(r.out)).toMatchObject({ kind: "candles", rows: 60 * 24, files: 60, deleted: 0 });
    const t = await run(dataCommand, ["query", "SELECT symbol, count(*) AS bars, max(high) AS hi FROM candles GROUP BY symbol"]);
    expect(t.out.split("\n")[0]).toMatch(/^symbol\s+bars\s+hi$/);
    expect(t.out).toMatch(/BTCUSDT\s+1440\s+\d+(\.\d+)?\n/);
    const j = await run(dataCommand, ["query", "SELECT strftime(ts, '%Y-%m-%d') AS day, count(*) AS n, min(low) AS lo FROM candles GROUP BY 1 ORDER BY 1 LIMIT 2", "--json"]);
    const rows = JSON.parse(j.out);
    expect(rows[0]).toMatchObject({ day: "2024-01-01", n: 24 });
    expect(typeof rows[0].lo).toBe("number");
    const c = await run(dataCommand, ["query", "SELECT 'a,b' AS x, 1.50 AS y", "--csv"]);
    expect(c.out).toBe('x,y\n"a,b",1.5\n');
  });

  test("backtest --source warm and --source cold equal --data on the same window", async () => {
    const window = ["--from", "2024-01-05T00:00:00Z", "--to", "2024-02-25T00:00:00Z", "--strategy", "ma_crossover", "--json"];
    const csv = JSON.parse((await run(backtestCommand, ["--data", dataFile(BTC_1H_FILE), ...window])).out);
    for (const source of ["warm", "cold"]) {
      const r = await run(backtestCommand, ["--source", source, "--symbol", "BTC", "--interval", "1h", ...window]);
      expect(r.error).toBeUndefined();
      const got = JSON.parse(r.out);
      expect(got.data.file).toBe(`${source}:BTCUSDT@binance`);
      expect(got.data.bars).toBe(csv.data.bars);
      expect({ ...got, data: null }).toEqual({ ...csv, data: null });
    }
  });

  test("usage errors name the flag", async () => {
    expect((await run(dataCommand, ["import", dataFile(BTC_1H_FILE)])).error?.message).toMatch(/missing required flag --kind/);
    expect((await run(dataCommand, ["import", dataFile(BTC_1H_FILE), "--kind", "bars"])).error?.message).toMatch(/--kind must be one of candles, trades/);
    expect((await run(dataCommand, ["export", "--kind", "candles", "--to", "2999-01-01T00:00:00Z"])).error?.message).toMatch(/is in the future/);
    expect((await run(dataCommand, ["export", "--kind", "candles"])).error?.message).toMatch(/missing required flag --to/);
    expect((await run(dataCommand, ["query"])).error?.message).toMatch(/missing SQL/);
    expect((await run(dataCommand, ["query", "SELECT * FROM nope"])).error?.message).toMatch(/query failed: Catalog Error/);
    expect((await run(backtestCommand, ["--source", "warm", "--strategy", "ma_crossover", "--interval", "1h"])).error?.message).toMatch(/--source needs --symbol/);
    expect((await run(backtestCommand, ["--source", "lukewarm", "--symbol", "BTC", "--interval", "1h", "--strategy", "ma_crossover"])).error?.message).toMatch(/--source must be warm or cold/);
  });
});

describe("compiled binary", () => {
  test("runs DuckDB from a folder of its own (libduckdb.so embedded and extracted to the cache)", () => {
    const bin = join(REPO_ROOT, "algo-trade");
    if (!existsSync(bin)) throw new Error("build the binaries first (make build)");
    const alone = mkdtempSync(join(tmpdir(), "alone-"));
    try {
      copyFileSync(bin, join(alone, "algo-trade"));
      Bun.spawnSync(["chmod", "+x", join(alone, "algo-trade")]);
      const r = Bun.spawnSync([join(alone, "algo-trade"), "data", "query", "SELECT count(*) AS n, min(ts) AS first FROM candles", "--dir", join(dir, "data", "cold"), "--json"], {
        cwd: alone,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: alone, XDG_CACHE_HOME: join(alone, "cache"), LOG_LEVEL: "error" },
      });
      expect(r.stderr.toString()).toBe("");
      expect(JSON.parse(r.stdout.toString())).toEqual([{ n: 1440, first: "2024-01-01 00:00:00+00" }]);
      expect(existsSync(join(alone, "cache", "algo-trade"))).toBe(true);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});
