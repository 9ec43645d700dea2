/**
 * Multi-instrument backtests on REAL data: one feed reproduces runBacktest; feeds with different
 * intervals merge by close time into one shared portfolio, one equity point per close time.
 */
import { describe, expect, test } from "bun:test";
import { dataFile } from "../testkit/data-path.ts";
import { readCsvBars, testInstrument } from "../testkit/engine/read-csv-bars.ts";
import { SmaCrossStrategy } from "../testkit/engine/test-strategies.ts";
import { runBacktest } from "./backtest.ts";
import { lowerBound, sliceSeries } from "./bar-series.ts";
import { runPortfolioBacktest } from "./portfolio-backtest.ts";

const btc1h = readCsvBars(dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), { symbol: "BTCUSDT" }).series;
const eth15 = readCsvBars(dataFile("binance_spot_ETHUSDT_15m_2024-12_2026-04.csv.gz"), { symbol: "ETHUSDT", limit: 3000 }).series;

describe("runPortfolioBacktest", () => {
  test("a single feed gives exactly runBacktest's result", () => {
    const s = sliceSeries(btc1h, 0, 5000);
    const inst = testInstrument("BTCUSDT", "0.01", "0.00001", 0);
    const a = runBacktest(s, inst, new SmaCrossStrategy(10, 30));
    const b = runPortfolioBacktest([{ series: s, instrument: inst, strategy: new SmaCrossStrategy(10, 30) }]);
    expect([...b.equity]).toEqual([...a.equity]);
    expect(b.trades).toEqual(a.trades);
    expect(b.metrics.sharpe).toBe(a.metrics.sharpe);
    expect(b.metrics.maxDrawdown).toBe(a.metrics.maxDrawdown);
  });

  test("1h BTC + 15m ETH share one portfolio, merged by close time", () => {
    const start = lowerBound(btc1h.tsEvent, eth15.tsEvent[0]!);
    const end = lowerBound(btc1h.tsEvent, eth15.tsEvent[eth15.length - 1]! + 1);
    const btc = sliceSeries(btc1h, start, end);
    const BTC = testInstrument("BTCUSDT", "0.01", "0.00001", 0);
    const ETH = testInstrument("ETHUSDT", "0.01", "0.0001", 1);
    const r = runPortfolioBacktest([
      { series: btc, instrument: BTC, strategy: new SmaCrossStrategy(5, 20) },
      { series: eth15, instrument: ETH, strategy: new SmaCrossStrategy(10, 30) },
    ]);
    const closes = new Set<number>();
    for (let i = 0; i < btc.length; i++) closes.add(btc.tsEvent[i]! + 3_600_000);
    for (let i = 0; i < eth15.length; i++) closes.add(eth15.tsEvent[i]! + 900_000);
    expect(r.equity.length).toBe(closes.size);
    for (let i = 1; i < r.closeTime.length; i++) expect(r.closeTime[i]!).toBeGreaterThan(r.closeTime[i - 1]!);
    expect(r.perInstrument.map((p) => p.symbol)).toEqual(["BTCUSDT", "ETHUSDT"]);
    expect(r.perInstrument[0]!.trades).toBeGreaterThan(5);
    expect(r.perInstrument[1]!.trades).toBeGreaterThan(20);
    // Every fill happens at the open of a bar of its own instrument.
    const opens = [new Set(btc.tsEvent), new Set(eth15.tsEvent)];
    for (const f of r.fills) expect(opens[f.instrumentId]!.has(f.tsEvent)).toBe(true);
    expect(r.metrics.periodsPerYear).toBeCloseTo((365.25 * 86_400_000) / 900_000, 9);
    const fees = r.fills.reduce((a, f) => a + f.commission, 0);
    expect(r.metrics.feesPaid).toBeCloseTo(fees, 6);
  });

  test("instrument ids must follow feed order", () => {
    expect(() => runPortfolioBacktest([{ series: eth15, instrument: testInstrument("ETHUSDT", "0.01", "0.0001", 3), strategy: new SmaCrossStrategy() }])).toThrow(/must use instrument id 0/);
  });
});
