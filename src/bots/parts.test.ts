/**
 * The bots module's small parts: mailbox ordering and isolation, the state machine table, change
 * classification, incremental metrics against a direct computation on a real equity curve, and
 * replay pacing/resume on real candles.
 */
import { describe, expect, test } from "bun:test";
import { loadBars } from "../data/index.ts";
import { dataFile } from "../testkit/data-path.ts";
import { HL_CANDLES, replaySpec } from "../testkit/daemon/bot-fixtures.ts";
import { BotMetrics } from "./bot-metrics.ts";
import { Mailbox } from "./mailbox.ts";
import { SeriesReplayFeed } from "./replay-feed.ts";
import { diffSpecs } from "./spec-diff.ts";
import { assertCommand, canApply } from "./state-machine.ts";

describe("Mailbox", () => {
  test("runs commands one at a time in order; a failure does not block the next", async () => {
    const mb = new Mailbox("t", 2);
    const log: string[] = [];
    const slow = (name: string, fail = false) => async () => {
      log.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${name}:end`);
      if (fail) throw new Error(`${name} failed`);
      return name;
    };
    const a = mb.send(slow("a"));
    const b = mb.send(slow("b", true));
    b.catch(() => undefined); // handled below, after the other assertions
    const c = mb.send(slow("c"));
    // a is running, b and c wait: a third waiting command exceeds the capacity of 2.
    await expect(mb.send(() => "d")).rejects.toThrow(/too many pending commands/);
    expect(await a).toBe("a");
    await expect(b).rejects.toThrow("b failed");
    expect(await c).toBe("c");
    expect(log).toEqual(["a:start", "a:end", "b:start", "b:end", "c:start", "c:end"]);
    await mb.idle();
    mb.close();
    await expect(mb.send(() => 1)).rejects.toThrow(/mailbox closed/);
  });
});

describe("state machine", () => {
  test("allowed transitions; everything else is a conflict naming the state", () => {
    const table = {
      start: ["stopped", "error"],
      stop: ["starting", "running", "paused", "error"],
      pause: ["running"],
      resume: ["paused"],
    } as const;
    for (const [cmd, from] of Object.entries(table)) {
      for (const st of ["stopped", "starting", "running", "paused", "stopping", "error"] as const) {
        expect(canApply(cmd as keyof typeof table, st)).toBe((from as readonly string[]).includes(st));
      }
    }
    expect(() => assertCommand("b", "resume", "running")).toThrow("bot 'b' is running: cannot resume (allowed from paused)");
  });
});

describe("diffSpecs", () => {
  test("classifies changes by when they can apply", () => {
    const a = replaySpec("x");
    expect(diffSpecs(a, a)).toEqual({ hot: [], next_start: [], reset: [] });
    const b = replaySpec("x", { strategy: "other", params: { fast: 6, slow: 20 }, interval: "4h", risk: { capital: 5000, leverage: 2, fee_rate: 0.001 } as never, autostart: true }, { bars_per_second: 9 });
    expect(diffSpecs(a, b)).toEqual({
      hot: ["strategy", "params", "autostart", "risk.leverage", "feed.bars_per_second"],
      next_start: ["risk.fee_rate"],
      reset: ["interval", "risk.capital"],
    });
    const c = replaySpec("x", {}, { file: "/elsewhere.csv" });
    expect(diffSpecs(a, c).reset).toEqual(["feed.file"]);
    // Key order inside params does not count as a change.
    expect(diffSpecs(replaySpec("x", { params: { fast: 5, slow: 20 } }), replaySpec("x", { params: { slow: 20, fast: 5 } })).hot).toEqual([]);
  });
});

describe("BotMetrics", () => {
  test("incremental Sharpe, drawdown and win rate equal a direct computation; state round-trips", async () => {
    const { series } = await loadBars(dataFile(HL_CANDLES), { symbol: "BTC", interval: "1h" });
    // Equity of holding 0.1 BTC from 10,000 quote: a real, bumpy curve.
    const eq = Array.from(series.close, (c) => 10_000 + 0.1 * (c - series.close[0]!));
    const m = new BotMetrics(10_000, 3_600_000);
    const half = Math.floor(eq.length / 2);
    for (let i = 0; i < half; i++) m.onEquity(eq[i]!);
    const resumed = new BotMetrics(10_000, 3_600_000, JSON.parse(JSON.stringify(m.toJSON())));
    for (let i = half; i < eq.length; i++) resumed.onEquity(eq[i]!);
    const rets: number[] = [];
    let prev = 10_000;
    for (const e of eq) {
      rets.push(e / prev - 1);
      prev = e;
    }
    const mean = rets.reduce((s, r) => s + r, 0) / rets.length;
    const sd = Math.sqrt(rets.reduce((s, r) => s + (r - mean) ** 2, 0) / (rets.length - 1));
    expect(resumed.sharpe).toBeCloseTo((mean / sd) * Math.sqrt((365.25 * 86_400_000) / 3_600_000), 9);
    let peak = 10_000;
    let mdd = 0;
    for (const e of eq) {
      peak = Math.max(peak, e);
      mdd = Math.max(mdd, (peak - e) / peak);
    }
    expect(resumed.maxDrawdown).toBeCloseTo(mdd, 12);
    expect(resumed.returnPct).toBeCloseTo((eq.at(-1)! / 10_000 - 1) * 100, 9);
    for (const pnl of [5, -2, 0, 7]) resumed.onTradeClosed(pnl);
    expect([resumed.trades, resumed.winRate]).toEqual([4, 0.5]);
  });
});

describe("SeriesReplayFeed", () => {
  test("paces bars on a schedule, resumes after a cursor with warm-up bars, and ends", async () => {
    const { series } = await loadBars(dataFile(HL_CANDLES), { symbol: "BTC", interval: "4h" });
    let now = 0;
    const feed = new SeriesReplayFeed(async () => series, { barsPerSecond: 10, cursor: null, now: () => now }, "t");
    const ctl = new AbortController();
    expect(await feed.open(ctl.signal, 30)).toEqual([]);
    expect((await feed.next(ctl.signal))!.length).toBe(1); // bar 0 due at t0
    now = 1000; // one second later ten more bars are due
    expect((await feed.next(ctl.signal))!.length).toBe(10);
    now = 1050; // bar 11 is due at 1100: an aborted wait returns nothing and loses nothing
    const aborted = new AbortController();
    aborted.abort();
    expect(await feed.next(aborted.signal)).toEqual([]);
    expect(feed.position).toBe(11);

    const cursor = { last_ts: series.tsEvent[99]!, next_index: 100 };
    const resumed = new SeriesReplayFeed(async () => series, { barsPerSecond: 0, cursor, batchMax: 1000 }, "t");
    const warm = await resumed.open(ctl.signal, 30);
    expect(warm.map((b) => b.tsEvent)).toEqual(Array.from(series.tsEvent.subarray(70, 100)));
    const rest = await resumed.next(ctl.signal);
    expect(rest![0]!.tsEvent).toBe(series.tsEvent[100]!);
    expect(rest!.length).toBe(series.length - 100);
    expect(await resumed.next(ctl.signal)).toBeNull();
  });
});
