/**
 * Registry + actor + engine runtime on real Hyperliquid candles (replay feed, simulated venue,
 * in-memory or file SQLite store). Proves: the bot books exactly what a backtest of the same
 * bars books; status reads never disturb a run; lifecycle commands follow the state machine;
 * a restart resumes from the stored snapshot and ends with the same trades; hot
 * reconfiguration takes effect at the next bar.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeInstrument } from "../core/index.ts";
import { loadBars } from "../data/index.ts";
import { runBacktest } from "../engine/index.ts";
import { openBotStore } from "../app/daemon/bot-store.ts";
import { SmaCrossStrategy } from "../testkit/engine/test-strategies.ts";
import { dataFile } from "../testkit/data-path.ts";
import { HL_CANDLES, memoryStore, replaySpec, testRegistry, until, wallClock } from "../testkit/daemon/bot-fixtures.ts";
import type { BotRegistry } from "./bot-registry.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function finished(reg: BotRegistry, id: string): Promise<void> {
  await until(() => reg.get(id).feed_status.state === "ended" && reg.get(id).state === "stopped", 20_000, `${id} to finish`);
}

describe("BotRegistry with the engine runtime", () => {
  test("a replay bot books exactly the trades of a backtest over the same bars", async () => {
    const store = memoryStore();
    const reg = testRegistry(store);
    const spec = replaySpec("parity");
    await reg.create(spec);
    expect(reg.get("parity").state).toBe("stopped");
    await reg.command("parity", "start");
    await finished(reg, "parity");

    const { series, priceDecimals, sizeDecimals } = await loadBars(dataFile(HL_CANDLES), { symbol: "BTC", interval: "1h" });
    const instrument = makeInstrument({ id: 0, symbol: "BTC", tick: priceDecimals <= 0 ? "1" : `0.${"0".repeat(priceDecimals - 1)}1`, lot: `0.${"0".repeat(sizeDecimals - 1)}1` });
    const r = spec.risk;
    const bt = runBacktest(series, instrument, new SmaCrossStrategy(5, 20), {
      capital: r.capital,
      feeRate: r.fee_rate,
      slippageBps: r.slippage_bps,
      riskPerTradePct: r.risk_per_trade_pct,
      maxPositionPct: r.max_position_pct,
      leverage: r.leverage,
      seed: r.seed,
    });
    const s = reg.get("parity");
    expect(s.bars).toBe(series.length);
    expect(bt.trades.length).toBeGreaterThan(5);
    const trades = reg.trades("parity", { offset: 0, limit: 10_000 });
    expect(trades.total).toBe(bt.trades.length);
    expect(s.trades).toBe(bt.trades.length);
    expect(trades.items.map((t) => [t.entry_time, t.exit_time, t.quantity, t.pnl_exact])).toEqual(
      bt.trades.map((t) => [t.entryTime, t.exitTime, t.quantity, formatExact(t.pnlAmount)]),
    );
    expect(s.equity).toBeCloseTo(bt.equity[bt.equity.length - 1]!, 6);
    expect(reg.equity("parity", { offset: 0, limit: 1 }).total).toBe(series.length);
    const events = reg.events("parity", { offset: 0, limit: 100_000 });
    expect(events.items.filter((e) => e.type === "fill").length).toBe(bt.fills.length);
    expect(s.win_rate).toBeCloseTo(bt.trades.filter((t) => t.pnl > 0).length / bt.trades.length, 6);
    expect(s.max_drawdown).toBeGreaterThan(0);
    await reg.shutdown();
    store.close();
  });

  test("1,000 status reads during a run change nothing", async () => {
    const run = async (reads: boolean): Promise<{ trades: string[]; equity: number; states: string[] }> => {
      const store = memoryStore();
      const reg = testRegistry(store);
      await reg.create(replaySpec("reader", {}, { bars_per_second: 4000 }));
      const states: string[] = [];
      reg.subscribe((n) => {
        if (n.kind === "event" && n.event.type === "state") states.push(n.event.data.to);
      });
      await reg.command("reader", "start");
      if (reads) {
        let n = 0;
        while (n < 1000) {
          const s = reg.get("reader");
          expect(["starting", "running"]).toContain(s.state);
          reg.list();
          reg.detail("reader");
          n++;
          if (n % 50 === 0) await new Promise((r) => setTimeout(r, 1));
        }
        expect(reg.get("reader").feed_status.state).not.toBe("ended"); // the reads happened during the run
      }
      await finished(reg, "reader");
      const out = {
        trades: reg.trades("reader", { offset: 0, limit: 10_000 }).items.map((t) => `${t.entry_time}/${t.exit_time}/${t.pnl_exact}`),
        equity: reg.get("reader").equity,
        states,
      };
      await reg.shutdown();
      store.close();
      return out;
    };
    const quiet = await run(false);
    const busy = await run(true);
    expect(busy.trades.length).toBeGreaterThan(5);
    expect(busy).toEqual(quiet);
    expect(busy.states).toEqual(["starting", "running", "stopped"]);
  });

  test("pause, resume and stop follow the state machine; illegal commands are 409 conflicts", async () => {
    const store = memoryStore();
    const reg = testRegistry(store);
    await reg.create(replaySpec("life", {}, { bars_per_second: 200 }));
    await expect(reg.command("life", "pause")).rejects.toThrow(/is stopped: cannot pause/);
    await reg.command("life", "start");
    await until(() => reg.get("life").state === "running" && reg.get("life").bars > 3);
    await expect(reg.command("life", "start")).rejects.toMatchObject({ code: "CONFLICT" });
    await reg.command("life", "pause");
    expect(reg.get("life").state).toBe("paused");
    const barsAtPause = reg.get("life").bars;
    await new Promise((r) => setTimeout(r, 100));
    expect(reg.get("life").bars).toBe(barsAtPause); // nothing processed while paused
    await expect(reg.command("life", "pause")).rejects.toThrow(/is paused: cannot pause/);
    await reg.command("life", "resume");
    await until(() => reg.get("life").bars > barsAtPause);
    await reg.command("life", "stop");
    expect(reg.get("life").state).toBe("stopped");
    const stoppedAt = reg.get("life").bars;
    await expect(reg.command("life", "stop")).rejects.toMatchObject({ code: "CONFLICT" });
    // A second start continues after the last processed bar instead of replaying from the top.
    await reg.command("life", "start");
    await until(() => reg.get("life").bars > stoppedAt + 2);
    const ev = reg.events("life", { offset: 0, limit: 1000, type: "state" }).items.map((e) => (e.type === "state" ? e.data.to : ""));
    expect(ev).toEqual(["starting", "running", "paused", "running", "stopping", "stopped", "starting", "running"]);
    await reg.delete("life");
    expect(reg.has("life")).toBe(false);
    expect(() => reg.get("life")).toThrow(/bot 'life' not found/);
    await reg.shutdown();
    store.close();
  });

  test("a restart resumes from the stored snapshot and ends with the uninterrupted run's trades", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bots-"));
    dirs.push(dir);
    const url = `sqlite://${join(dir, "bots.db")}`;
    // Reference: one uninterrupted run.
    const refStore = memoryStore();
    const ref = testRegistry(refStore);
    await ref.create(replaySpec("r", {}, {}));
    await ref.command("r", "start");
    await finished(ref, "r");
    const want = ref.trades("r", { offset: 0, limit: 10_000 }).items.map((t) => t.pnl_exact);
    await ref.shutdown();
    refStore.close();

    const store1 = openBotStore(url, wallClock);
    const reg1 = testRegistry(store1, { persistIntervalMs: 50 });
    await reg1.create(replaySpec("r", {}, { bars_per_second: 300 }));
    await reg1.command("r", "start");
    await until(() => reg1.get("r").trades >= 3, 20_000, "three trades");
    await reg1.shutdown(); // like SIGTERM: stop + save
    const mid = reg1.get("r");
    store1.close();
    expect(mid.feed_status.state).not.toBe("ended");

    const store2 = openBotStore(url, wallClock);
    const reg2 = testRegistry(store2);
    const restored = await reg2.restore();
    expect(restored.restored).toEqual(["r"]);
    const back = reg2.get("r");
    expect(back.state).toBe("stopped");
    expect(back.trades).toBe(mid.trades);
    expect(back.bars).toBe(mid.bars);
    expect(back.equity).toBe(mid.equity);
    expect(reg2.trades("r", { offset: 0, limit: 100 }).total).toBe(mid.trades);
    await reg2.update("r", replaySpec("r", {}, { bars_per_second: 0 }));
    await reg2.command("r", "start");
    await finished(reg2, "r");
    expect(reg2.get("r").bars).toBe(989);
    expect(reg2.trades("r", { offset: 0, limit: 10_000 }).items.map((t) => t.pnl_exact)).toEqual(want);
    await reg2.shutdown();
    store2.close();
  });

  test("hot reconfiguration: params apply at the next bar; reset fields need a stopped bot", async () => {
    const store = memoryStore();
    const reg = testRegistry(store);
    await reg.create(replaySpec("hot", {}, { bars_per_second: 100 }));
    await reg.command("hot", "start");
    await until(() => reg.get("hot").bars > 30);
    await expect(reg.update("hot", replaySpec("hot", { interval: "4h" }))).rejects.toThrow(/stop it before changing interval/);
    await expect(reg.update("hot", replaySpec("hot", { params: { fast: 9, slow: 3 } }))).rejects.toThrow(/params.slow/);
    const r = await reg.update("hot", replaySpec("hot", { params: { fast: 3, slow: 8 }, risk: { leverage: 2 } as never }, { bars_per_second: 0 }));
    expect(r.diff.hot.sort()).toEqual(["feed.bars_per_second", "params", "risk.leverage"]);
    expect(reg.get("hot").params).toEqual({ fast: 3, slow: 8 });
    await finished(reg, "hot");
    const cfg = reg.events("hot", { offset: 0, limit: 10_000, type: "config" }).items;
    expect(cfg.length).toBe(1);
    await reg.update("hot", replaySpec("hot", { interval: "4h" }));
    const s = reg.get("hot");
    expect(s.interval).toBe("4h");
    expect(s.bars).toBe(0); // new epoch
    expect(reg.detail("hot").epoch).toBe(2);
    await reg.shutdown();
    store.close();
  });
});

function formatExact(a: bigint): string {
  const neg = a < 0n;
  const v = (neg ? -a : a).toString().padStart(13, "0");
  return `${neg ? "-" : ""}${v.slice(0, -12)}.${v.slice(-12)}`;
}
