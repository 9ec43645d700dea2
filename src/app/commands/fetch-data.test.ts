/**
 * fetch-data end to end against the loopback fakes (real candles): CSV seed layout, pagination
 * under a 500 cap, the short-range report (5000-most-recent rule), --strict, --resume appending
 * from the last candle, Parquet output, Binance source, usage errors naming the flag, atomic
 * writes (a failed run leaves the old file intact and no temp file), and the env URL override
 * through the real entry point.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateConfig } from "../../config/index.ts";
import { silentLogger } from "../../lib/logger.ts";
import { loadBars } from "../../data/index.ts";
import { parseCommandArgs } from "../../cli/parse-args.ts";
import type { CommandContext } from "../../cli/command.ts";
import { binanceMinuteCandles, hyperliquidCandles, startHyperliquidFake, type HyperliquidFake } from "../../testkit/fakes/hyperliquid/index.ts";
import { startBinanceFake, type BinanceFake } from "../../testkit/fakes/binance/index.ts";
import { REPO_ROOT } from "../../testkit/data-path.ts";
import { fetchDataCommand } from "./fetch-data.ts";

let hl: HyperliquidFake;
let bn: BinanceFake;
const dir = mkdtempSync(join(tmpdir(), "fetch-data-"));
const btc1h = hyperliquidCandles().get("BTC:1h")!;
const iso = (t: number) => new Date(t).toISOString().replace(".000Z", "Z");

beforeAll(() => {
  hl = startHyperliquidFake({ responseCap: 500 });
  bn = startBinanceFake({ symbols: ["ETH"] });
});
afterAll(async () => {
  await hl.stop();
  await bn.stop();
});

async function run(argv: string[], fake: { url: string } = hl, isTTY = false) {
  let out = "";
  let err = "";
  const config = validateConfig({ hyperliquid: { api_url: fake.url }, binance: { fapi_url: bn.url } }, "test");
  const ctx = {
    config, log: silentLogger, configPath: undefined, isTTY, env: {},
    stdout: { write: (s: string) => ((out += s), true) }, stderr: { write: (s: string) => ((err += s), true) },
  } as unknown as CommandContext;
  try {
    const code = await fetchDataCommand.run(parseCommandArgs(fetchDataCommand, argv), ctx);
    return { code, out, err, error: null as Error | null };
  } catch (e) {
    return { code: -1, out, err, error: e as Error };
  }
}

describe("fetch-data from Hyperliquid", () => {
  test("writes the seed CSV layout with real values, paginating under a 500 cap", async () => {
    const out = join(dir, "btc_1h.csv");
    const r = await run(["--symbol", "BTC", "--interval", "1h", "--start", iso(btc1h[0]!.t), "--end", iso(btc1h[900]!.t), "--output", out]);
    expect(r.error).toBeNull();
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/wrote 900 candles .* 3 requests, 0 retries/); // meta + 2 candle pages
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("timestamp,symbol,open,high,low,close,volume");
    expect(lines.length).toBe(901);
    const c = btc1h[17]!;
    expect(lines[18]).toBe(`${iso(c.t)},BTC,${Number(c.o)},${Number(c.h)},${Number(c.l)},${Number(c.c)},${Number(c.v)}`);
  });

  test("a range older than the retained 5000 candles is reported, not silently short; --strict fails", async () => {
    const minutes = binanceMinuteCandles("BTC", 6000);
    const f = startHyperliquidFake({ candles: minutes, responseCap: 500 });
    try {
      const out = join(dir, "btc_1m.csv");
      const args = ["--symbol", "BTC", "--interval", "1m", "--start", iso(minutes[0]!.t), "--end", iso(minutes.at(-1)!.T + 1), "--output", out];
      const r = await run(args, f);
      expect(r.code).toBe(0);
      expect(r.err).toContain("hyperliquid returned 5000 of the 6000 closed 1m candles the range implies (1000 missing)");
      expect(r.err).toContain(`it has nothing before ${iso(minutes[1000]!.t)} — Hyperliquid serves only the most recent 5000 candles`);
      expect(r.err).toContain("--source binance");
      const strict = await run([...args, "--output", join(dir, "strict.csv"), "--strict"], f);
      expect(strict.error?.message).toContain("--strict: nothing written");
      expect(existsSync(join(dir, "strict.csv"))).toBe(false);
    } finally {
      await f.stop();
    }
  });

  test("on a TTY a progress bar with candles and percent is drawn on stderr", async () => {
    const r = await run(["--symbol", "BTC", "--interval", "1h", "--start", iso(btc1h[0]!.t), "--end", iso(btc1h[900]!.t), "--output", join(dir, "tty.csv")], hl, true);
    expect(r.err).toMatch(/\r\[[█░]{24}\] 100%  900\/900 candles  BTC 1h/);
    expect(r.err.endsWith("\n")).toBe(true);
  });

  test("--resume appends after the last candle in the file", async () => {
    const out = join(dir, "resume.csv");
    await run(["--symbol", "BTC", "--interval", "1h", "--start", iso(btc1h[0]!.t), "--end", iso(btc1h[100]!.t), "--output", out]);
    const before = hl.stats.info.get("candleSnapshot") ?? 0;
    const r = await run(["--symbol", "BTC", "--interval", "1h", "--start", iso(btc1h[0]!.t), "--end", iso(btc1h[150]!.t), "--output", out, "--resume"]);
    expect(r.out).toContain("wrote 150 candles");
    expect(r.out).toContain("50 fetched, 100 kept from the existing file");
    expect(hl.stats.info.get("candleSnapshot")! - before).toBe(1);
    const s = (await loadBars(out)).series;
    expect(s.length).toBe(150);
    for (let i = 0; i < 150; i++) expect(s.tsEvent[i]).toBe(btc1h[i]!.t);
    const again = await run(["--symbol", "BTC", "--interval", "1h", "--start", iso(btc1h[0]!.t), "--end", iso(btc1h[150]!.t), "--output", out, "--resume"]);
    expect(again.out).toContain("already up to date");
  });

  test("parquet output round-trips", async () => {
    const out = join(dir, "eth_4h.parquet");
    const eth4h = hyperliquidCandles().get("ETH:4h")!;
    const r = await run(["--symbol", "ETH", "--interval", "4h", "--start", iso(eth4h[10]!.t), "--end", iso(eth4h[60]!.t), "--output", out]);
    expect(r.error).toBeNull();
    const s = (await loadBars(out)).series;
    expect(s.length).toBe(50);
    expect(s.close[0]).toBe(Number(eth4h[10]!.c));
  });

  test("bad input is a usage error naming the flag", async () => {
    const base = ["--start", iso(btc1h[0]!.t), "--end", iso(btc1h[5]!.t), "--output", join(dir, "x.csv")];
    expect((await run(["--symbol", "BTC", "--interval", "7m", ...base])).error?.message).toContain("--interval must be one of");
    expect((await run(["--symbol", "DOGEX", "--interval", "1h", ...base])).error?.message).toContain('--symbol: unknown Hyperliquid coin "DOGEX"');
    expect((await run(["--symbol", "BTC", "--interval", "1h", "--start", iso(btc1h[5]!.t), "--end", iso(btc1h[5]!.t), "--output", join(dir, "x.csv")])).error?.message).toContain("--start must be before --end");
    expect((await run(["--symbol", "BTC", "--interval", "1h", ...base.slice(0, 4), "--output", join(dir, "x.txt")])).error?.message).toContain("--output: unsupported file type");
    expect(existsSync(join(dir, "x.csv"))).toBe(false);
  });

  test("a failed run leaves the previous file intact and no temp file behind", async () => {
    const out = join(dir, "atomic.csv");
    writeFileSync(out, "previous contents\n");
    const pages = hl.stats.info.get("candleSnapshot") ?? 0;
    hl.failNext(0, 0, 400); // meta ok, first page ok, second page rejected mid-download
    const r = await run(["--symbol", "BTC", "--interval", "1h", "--start", iso(btc1h[0]!.t), "--end", iso(btc1h[700]!.t), "--output", out]);
    expect(r.error?.message).toContain("HTTP 400");
    expect(hl.stats.info.get("candleSnapshot")! - pages).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("previous contents\n");
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
});

describe("fetch-data --source binance", () => {
  test("fetches real USD-M 1m klines for history Hyperliquid no longer serves", async () => {
    const mins = bn.minutes("ETHUSDT");
    const out = join(dir, "eth_binance.csv");
    const r = await run(["--symbol", "ETH", "--interval", "5m", "--start", iso(mins[0]!.t), "--end", iso(mins[0]!.t + 3 * 86_400_000), "--source", "binance", "--output", out]);
    expect(r.error).toBeNull();
    expect(r.out).toMatch(/binance ETHUSDT 5m/);
    const s = (await loadBars(out)).series;
    expect(s.symbol).toBe("ETH");
    const first5 = Math.ceil(mins[0]!.t / 300_000) * 300_000;
    expect(s.tsEvent[0]).toBe(first5);
    expect(s.intervalMs).toBe(300_000);
  });
  test("unknown Binance symbol → usage error naming --symbol", async () => {
    const r = await run(["--symbol", "NOPE", "--interval", "1h", "--start", "2023-08-01T00:00:00Z", "--end", "2023-08-02T00:00:00Z", "--source", "binance", "--output", join(dir, "n.csv")]);
    expect(r.error?.message).toContain("--symbol: Binance USD-M has no symbol NOPEUSDT");
  });
});

describe("entry point", () => {
  test("HYPERLIQUID_API_URL overrides the config; usage errors exit 2", async () => {
    const out = join(dir, "env.csv");
    const env = { ...process.env, HYPERLIQUID_API_URL: hl.url, LOG_LEVEL: "error" };
    // async spawn: the fakes live in this process, a blocking spawn would deadlock them
    const spawn = async (args: string[]) => {
      const p = Bun.spawn(["bun", join(REPO_ROOT, "src/main.ts"), "fetch-data", ...args], { env, cwd: dir, stdout: "pipe", stderr: "pipe" });
      const [code, stdout, stderr] = await Promise.all([p.exited, new Response(p.stdout).text(), new Response(p.stderr).text()]);
      return { code, stdout, stderr };
    };
    const p = await spawn(["--symbol", "SOL", "--interval", "15m", "--start", iso(btc1h[600]!.t), "--end", iso(btc1h[610]!.t), "-o", out]);
    expect(p.stderr).toBe("");
    expect(p.code).toBe(0);
    expect(readFileSync(out, "utf8").trim().split("\n").length).toBe(41);
    const bad = await spawn(["--symbol", "SOL", "--interval", "2m", "--start", "2026-01-01T00:00:00Z", "-o", out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--interval");
  });
});
