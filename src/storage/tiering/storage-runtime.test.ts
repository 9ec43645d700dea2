/** The daemon's storage wiring with zero services: embedded warm file, hot tier, ingest, tiering. */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateConfig } from "../../config/index.ts";
import { HistoricalClock, type Bar } from "../../core/index.ts";
import { silentLogger } from "../../lib/logger.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { readCsvBars } from "../../testkit/engine/read-csv-bars.ts";
import { BTC_1H_FILE } from "../../testkit/storage-fixtures.ts";
import { openStorageRuntime, warmStoreFor } from "./storage-runtime.ts";

const dir = mkdtempSync(join(tmpdir(), "runtime-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bars = readCsvBars(dataFile(BTC_1H_FILE), { limit: 2000, intervalMs: 3_600_000, symbol: "BTCUSDT" }).series;

describe("openStorageRuntime", () => {
  test("no database URL: embedded warm file is created and migrated; bars reach hot and warm; stop flushes", async () => {
    const config = validateConfig({ storage: { data_dir: dir }, tiers: { tiering: { enabled: false } } }, "test");
    const clock = new HistoricalClock(bars.tsEvent[bars.length - 1]! + 3_600_000);
    const rt = await openStorageRuntime(config, { clock, log: silentLogger });
    expect(rt.warm.backend).toBe("duckdb");
    rt.start();
    const label = { venue: "binance", symbol: "BTCUSDT", interval: "1h" };
    for (let i = 0; i < bars.length; i++) {
      const bar: Bar = { instrumentId: 0, tsEvent: bars.tsEvent[i]!, tsInit: bars.tsEvent[i]! + 3_600_000, intervalMs: 3_600_000, open: bars.open[i]!, high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: bars.volume[i]!, index: i };
      if (!rt.candles.onBar(bar, label)) await rt.candles.whenWritable();
    }
    expect(rt.hot.bars(label, { latest: 5 }).length).toBe(5);
    await rt.stop();
    expect(rt.ingestor.stats.written).toBe(2000);
    expect(existsSync(join(dir, "warm.duckdb"))).toBe(true);
    const again = warmStoreFor(config);
    expect(await again.count("candles")).toBe(2000);
    const back = await again.queryCandles({ symbol: "BTCUSDT", interval: "1h" });
    expect(Array.from(back.close)).toEqual(Array.from(bars.close));
    await again.close();
  });
});
