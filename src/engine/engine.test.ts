/**
 * The incremental engine (the core paper/live bots will run) on REAL bars: driving
 * `processBar` by hand gives exactly what `runBacktest` gives; a snapshot taken mid-run and
 * restored into a new engine continues identically; the audit stream arrives in engine order and
 * reaches an EventBus; chunked runs and tiny rings (back-pressure) change nothing.
 */
import { describe, expect, test } from "bun:test";
import { EventBus } from "../bus/index.ts";
import { HistoricalClock, type Bar, type SignalDirection } from "../core/index.ts";
import { dataFile } from "../testkit/data-path.ts";
import { feedBar } from "../testkit/engine/feed-bar.ts";
import { readCsvBars, testInstrument } from "../testkit/engine/read-csv-bars.ts";
import { makeSeedEngine } from "../testkit/engine/seed-engine.ts";
import { ScriptedStrategy, SmaCrossStrategy } from "../testkit/engine/test-strategies.ts";
import { busListener } from "./audit-bus.ts";
import { BacktestRun, runBacktest } from "./backtest.ts";
import type { BarSeries } from "./bar-series.ts";
import { MutableBar } from "./bar-view.ts";
import { TradingEngine, type EngineSnapshot } from "./engine.ts";
import { FeeModel } from "./fees.ts";
import type { EngineListener } from "./ports.ts";
import { SizingRiskManager } from "./risk.ts";
import { SimulatedVenue } from "./sim-venue.ts";
import type { Strategy } from "./strategy.ts";

const btc = readCsvBars(dataFile("binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz"), { limit: 4000 }).series;
const eth = readCsvBars(dataFile("binance_spot_ETHUSDT_1h_2017-08_2026-05.csv.gz"), { limit: 4000 }).series;
const BTC = testInstrument("BTCUSDT", "0.01", "0.00001", 0);
const ETH = testInstrument("ETHUSDT", "0.01", "0.0001", 1);

function makeEngine(strategy: Strategy, listener: EngineListener = {}, snapshot?: EngineSnapshot) {
  return makeSeedEngine(BTC, strategy, listener, snapshot);
}

function feed(engine: TradingEngine, clock: HistoricalClock, s: BarSeries, from: number, to: number, instrumentId = 0, out?: number[]): void {
  const bar = new MutableBar();
  bar.instrumentId = instrumentId;
  bar.intervalMs = s.intervalMs;
  for (let t = from; t < to; t++) {
    feedBar(engine, clock, bar, s, t);
    out?.push(engine.equity);
  }
}

describe("TradingEngine (incremental core)", () => {
  const reference = runBacktest(btc, BTC, new SmaCrossStrategy(10, 30));

  test("hand-fed processBar reproduces runBacktest exactly", () => {
    const fills: unknown[] = [];
    const { engine, clock } = makeEngine(new SmaCrossStrategy(10, 30), { onFill: (f) => fills.push(f) });
    const eq: number[] = [];
    feed(engine, clock, btc, 0, btc.length, 0, eq);
    expect(fills).toEqual([...reference.fills]);
    expect(engine.portfolio.trades).toEqual([...reference.trades]);
    expect(eq).toEqual([...reference.equity]);
    expect(engine.portfolio.equity()).toBe(reference.finalEquityExact);
  });

  test("snapshot → JSON → restore mid-run continues identically", () => {
    const strategy = new SmaCrossStrategy(10, 30);
    const a = makeEngine(strategy);
    feed(a.engine, a.clock, btc, 0, 1777);
    const snap = JSON.parse(JSON.stringify(a.engine.snapshot())) as EngineSnapshot;
    const fills: unknown[] = [];
    const b = makeEngine(strategy, { onFill: (f) => fills.push(f) }, snap);
    b.clock.advance(a.clock.now());
    feed(b.engine, b.clock, btc, 1777, btc.length);
    expect(b.engine.portfolio.trades).toEqual([...reference.trades]);
    expect(fills).toEqual(reference.fills.filter((f) => f.barIndex >= 1777));
    expect(b.engine.portfolio.equity()).toBe(reference.finalEquityExact);
  });

  test("audit stream order for a flip: signal, orders, then fills and the closed trade", () => {
    const log: string[] = [];
    const l: EngineListener = {
      onSignal: (s) => log.push(`signal:${s.direction}@${s.barIndex}`),
      onOrder: (o) => log.push(`order:${o.reason}`),
      onFill: (f) => log.push(`fill:${f.reason}@${f.barIndex}`),
      onTradeClosed: (t) => log.push(`trade:${t.direction}`),
      onSignalIgnored: (_s, r) => log.push(`ignored:${r}`),
    };
    const { engine, clock } = makeEngine(new ScriptedStrategy(new Map<number, SignalDirection>([[3, "long"], [5, "long"], [6, "short"]])), l);
    feed(engine, clock, btc, 0, 8);
    expect(log).toEqual([
      "signal:long@3",
      "order:entry",
      "fill:entry@4",
      "signal:long@5",
      "ignored:already long",
      "signal:short@6",
      "order:flip-close",
      "order:flip-open",
      "fill:flip-close@7",
      "trade:long",
      "fill:flip-open@7",
    ]);
  });

  test("the audit stream reaches an EventBus, even a tiny one (drain on back-pressure)", () => {
    const bus = new EventBus(2, "reject");
    const got: string[] = [];
    bus.subscribe("engine", (_p, m) => got.push(m.topic));
    const bridge = busListener(bus);
    const { engine, clock } = makeEngine(new ScriptedStrategy(new Map<number, SignalDirection>([[1, "short"], [4, "exit"]])), bridge);
    feed(engine, clock, btc, 0, 6);
    bus.dispatch();
    expect(got).toEqual(["engine.signal", "engine.order", "engine.fill", "engine.signal", "engine.order", "engine.fill", "engine.trade"]);
    expect(bridge.dropped).toBe(0);
  });

  test("strategy context exposes position, entry price, clock and a seeded rng", () => {
    const seen: { pos: number; entry: number; now: number; r: number }[] = [];
    const probe: Strategy = {
      name: "probe",
      warmup: 0,
      onBar(bar: Bar, ctx) {
        seen.push({ pos: ctx.position(), entry: ctx.entryPrice(), now: ctx.clock.now(), r: ctx.rng.next() });
        return bar.index === 0 ? "long" : null;
      },
    };
    const { engine, clock } = makeEngine(probe);
    feed(engine, clock, btc, 0, 3);
    expect(seen[0]!.pos).toBe(0);
    expect(seen[1]!.pos).toBeGreaterThan(0);
    expect(seen[1]!.entry).toBe(Math.round(btc.open[1]! * 1.0005 * 100) / 100);
    expect(seen[2]!.now).toBe(btc.tsEvent[2]! + btc.intervalMs);
    const again: number[] = [];
    const { engine: e2, clock: c2 } = makeEngine({ ...probe, onBar: (b, ctx) => (again.push(ctx.rng.next()), null) });
    feed(e2, c2, btc, 0, 3);
    expect(again).toEqual(seen.map((x) => x.r));
  });

  test("an invalid signal from a strategy is a typed error naming the strategy", () => {
    const bad: Strategy = { name: "bad", warmup: 0, onBar: () => "buy" as unknown as SignalDirection };
    const { engine, clock } = makeEngine(bad);
    expect(() => feed(engine, clock, btc, 0, 1)).toThrow(/strategy bad returned an invalid signal direction "buy"/);
  });

  test("two instruments share one portfolio; orders fill only on their own instrument's bars", () => {
    const clock = new HistoricalClock();
    const fills: { id: number; bar: number }[] = [];
    const engine = new TradingEngine({
      feeds: [
        { instrument: BTC, strategy: new ScriptedStrategy(new Map<number, SignalDirection>([[0, "long"]])) },
        { instrument: ETH, strategy: new ScriptedStrategy(new Map<number, SignalDirection>([[1, "short"]])) },
      ],
      venue: new SimulatedVenue(new FeeModel(0.001), 5),
      risk: new SizingRiskManager({ riskPerTradePct: 0.05, maxPositionPct: 0.2, leverage: 1 }),
      clock,
      capital: 10_000,
      listener: { onFill: (f) => fills.push({ id: f.instrumentId, bar: f.barIndex }) },
    });
    for (let t = 0; t < 4; t++) {
      feed(engine, clock, btc, t, t + 1, 0);
      feed(engine, clock, eth, t, t + 1, 1);
    }
    expect(fills).toEqual([
      { id: 0, bar: 1 },
      { id: 1, bar: 2 },
    ]);
    const p = engine.portfolio;
    const expectEq = p.cashF + p.position(0).unrealizedF() + p.position(1).unrealizedF();
    expect(engine.equity).toBeCloseTo(expectEq, 9);
    expect(p.position(1).qty).toBeLessThan(0);
  });
});

describe("BacktestRun driver", () => {
  test("chunked steps and a 2-slot ring (constant back-pressure) give the same result", () => {
    const run = new BacktestRun(btc, BTC, new SmaCrossStrategy(10, 30), {}, { ringCapacity: 2 });
    let chunks = 0;
    while (run.step(333)) chunks++;
    const r = run.finish();
    const ref = runBacktest(btc, BTC, new SmaCrossStrategy(10, 30));
    expect(chunks).toBe(Math.ceil(btc.length / 333) - 1);
    expect([...r.equity]).toEqual([...ref.equity]);
    expect(r.trades).toEqual(ref.trades);
  });

  test("empty series and bad settings are rejected with clear errors", () => {
    const empty = { ...btc, length: 0, source: "empty.csv" };
    expect(() => runBacktest(empty, BTC, new SmaCrossStrategy())).toThrow(/empty\.csv: no bars to backtest/);
    expect(() => runBacktest(btc, BTC, new SmaCrossStrategy(), { leverage: 100 })).toThrow(/leverage must be an integer in 1\.\.50/);
    expect(() => runBacktest(btc, BTC, new SmaCrossStrategy(), { capital: -1 })).toThrow(/capital must be > 0/);
  });
});
