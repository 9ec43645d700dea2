import { describe, expect, test } from "bun:test";
import { dataFile } from "../../src/testkit/data-path.ts";
import type { BotSummary } from "../client/api-types.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { simulated } from "../testing/sim-bot.ts";
import { CAPS, currentBot, initialState, reducer } from "./reducer.ts";
import type { Action, UIState } from "./types.ts";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" });
const run = (s: UIState, ...actions: Action[]) => actions.reduce(reducer, s);
const bot = (id: string, over: Partial<BotSummary> = {}) => simulated(id, bars, 0, over).summary;

describe("reducer", () => {
  test("snapshot sorts by id and selects the first bot; selection survives reloads", () => {
    let s = run(initialState("http://x"), { type: "snapshot", bots: [bot("c"), bot("a"), bot("b")] });
    expect(s.bots.map((b) => b.id)).toEqual(["a", "b", "c"]);
    expect(s.selectedId).toBe("a");
    expect(s.loaded).toBe(true);
    s = run(s, { type: "select", delta: 5 });
    expect(s.selectedId).toBe("c");
    s = run(s, { type: "snapshot", bots: [bot("c"), bot("a")] });
    expect(s.selectedId).toBe("c");
    s = run(s, { type: "select", delta: -9 }, { type: "selectEdge", edge: "bottom" });
    expect(s.selectedId).toBe("c");
  });

  test("a status older than what is shown is ignored", () => {
    const v5 = { ...bot("a"), version: 5, state: "running" as const };
    const v4 = { ...bot("a"), version: 4, state: "stopped" as const };
    const s = run(initialState("u"), { type: "snapshot", bots: [v5] }, { type: "botsUpdated", bots: [v4] });
    expect(s.bots[0]!.state).toBe("running");
    const s2 = run(s, { type: "botsUpdated", bots: [{ ...v5, version: 6, state: "paused" }] });
    expect(s2.bots[0]!.state).toBe("paused");
  });

  test("removing the selected bot selects its neighbour; on its detail screen we go back with a notice", () => {
    let s = run(initialState("u"), { type: "snapshot", bots: [bot("a"), bot("b"), bot("c")] }, { type: "selectId", id: "b" }, { type: "openDetail", id: "b" });
    expect(s.screen).toEqual({ name: "detail", id: "b" });
    s = run(s, { type: "botRemoved", id: "b" });
    expect(s.selectedId).toBe("c");
    expect(s.screen).toEqual({ name: "list" });
    expect(s.detail).toBeNull();
    expect(s.notice?.text).toBe("bot 'b' was deleted");
  });

  test("detail: REST payload and WS events merge without duplicates; scrolling stays put in history", () => {
    const sim = simulated("btc", bars, 600);
    expect(sim.trades.length).toBeGreaterThan(10);
    const tradeEvents = sim.events.filter((e) => e.type === "trade");
    let s = run(initialState("u"), { type: "snapshot", bots: [sim.summary] }, { type: "openDetail", id: "btc" });
    // Two trade events arrive over the WS while the REST reload is in flight …
    s = run(s, { type: "events", events: tradeEvents.slice(-2) });
    // … then the payload lands with everything up to now (overlapping those two).
    s = run(s, {
      type: "detailLoaded",
      id: "btc",
      payload: { detail: { ...sim.summary, recent_events: [], epoch: 1 }, trades: sim.trades, tradesTotal: sim.trades.length, equity: sim.equity, events: sim.events, positions: [] },
    });
    const d = s.detail!;
    expect(d.loading).toBe(false);
    expect(d.trades.map((t) => t.id)).toEqual(sim.trades.map((t) => t.id));
    expect(d.events.length).toBe(Math.min(sim.events.length, CAPS.events));
    expect(d.equity.length).toBe(Math.min(sim.equity.length, CAPS.equity));
    // Scroll into history, then a new trade arrives: the rows on screen do not move.
    s = run(s, { type: "scrollTrades", delta: 3, visible: 5 });
    expect(s.detail!.tradeScroll).toBe(3);
    const next = { ...tradeEvents[tradeEvents.length - 1]!, seq: 10_000 };
    const newTrade = { ...(next as { data: (typeof sim.trades)[number] }).data, id: sim.trades.length + 1 };
    s = run(s, { type: "events", events: [{ ...next, data: newTrade } as typeof next] });
    expect(s.detail!.tradeScroll).toBe(4);
    expect(s.detail!.tradesTotal).toBe(sim.trades.length + 1);
    s = run(s, { type: "scrollTradesEdge", edge: "bottom", visible: 5 });
    expect(s.detail!.tradeScroll).toBe(s.detail!.trades.length - 5);
    // Events of other bots are not mixed in.
    const before = s.detail!.events.length;
    s = run(s, { type: "events", events: [{ ...next, bot_id: "other", seq: 20_000 }] });
    expect(s.detail!.events.length).toBe(before);
  });

  test("status updates extend the open bot's equity curve by the latest mark", () => {
    const sim = simulated("btc", bars, 30);
    let s = run(initialState("u"), { type: "snapshot", bots: [sim.summary] }, { type: "openDetail", id: "btc" });
    expect(s.detail!.equity.map((p) => p.ts)).toEqual([sim.summary.last_bar_time!]);
    sim.step();
    sim.step();
    s = run(s, { type: "botsUpdated", bots: [sim.summary] });
    expect(s.detail!.equity.map((p) => p.equity)).toEqual([sim.equity[29]!.equity, sim.equity[31]!.equity]);
    s = run(s, { type: "equityAppended", id: "btc", points: sim.equity.slice(28) });
    expect(s.detail!.equity.map((p) => p.ts)).toEqual(sim.equity.slice(28).map((p) => p.ts));
  });

  test("overlays, forms and back navigation", () => {
    let s = run(initialState("u"), { type: "snapshot", bots: [bot("a")] }, { type: "toggleHelp" });
    expect(s.overlay).toEqual({ kind: "help" });
    s = run(s, { type: "toggleHelp" }, { type: "confirmDelete", id: "zz" });
    expect(s.overlay).toBeNull();
    s = run(s, { type: "confirmDelete", id: "a" });
    expect(s.overlay).toEqual({ kind: "confirmDelete", id: "a" });
    s = run(s, { type: "closeOverlay" }, { type: "openDetail", id: "a" }, { type: "openForm", mode: "edit", id: "a" });
    expect(currentBot(s)?.id).toBe("a");
    s = run(s, { type: "back" });
    expect(s.screen).toEqual({ name: "detail", id: "a" });
    s = run(s, { type: "back" });
    expect(s.screen).toEqual({ name: "list" });
    s = run(s, { type: "openForm", mode: "add" }, { type: "back" });
    expect(s.screen).toEqual({ name: "list" });
  });

  test("history is capped to the newest entries whether events stream in order or out of it", () => {
    const sim = simulated("btc", bars, 0);
    let s = run(initialState("u"), { type: "snapshot", bots: [sim.summary] }, { type: "openDetail", id: "btc" });
    const ev = (seq: number) => ({ seq, bot_id: "btc", ts: seq, market_ts: null, type: "notice" as const, data: { message: String(seq) } });
    for (let i = 1; i <= CAPS.events + 50; i++) s = run(s, { type: "events", events: [ev(i)] });
    expect(s.detail!.events.length).toBe(CAPS.events);
    expect(s.detail!.events[0]!.seq).toBe(51);
    // A late duplicate and an old one do not disturb the order.
    s = run(s, { type: "events", events: [ev(CAPS.events + 50), ev(60), ev(CAPS.events + 51)] });
    const seqs = s.detail!.events.map((e) => e.seq);
    expect(seqs.length).toBe(CAPS.events);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs[seqs.length - 1]).toBe(CAPS.events + 51);
    // One batch larger than the cap keeps its newest part.
    s = run(s, { type: "events", events: Array.from({ length: CAPS.events * 2 }, (_, i) => ev(10_000 + i)) });
    expect(s.detail!.events[0]!.seq).toBe(10_000 + CAPS.events);
  });

  test("notices count up so a repeated message still reads as new", () => {
    const s = run(initialState("u"), { type: "notice", kind: "error", text: "x" }, { type: "notice", kind: "error", text: "x" });
    expect(s.notice).toEqual({ kind: "error", text: "x", seq: 2 });
  });

  test("property: random action sequences keep the invariants", () => {
    let seed = 12345;
    const rnd = (n: number) => ((seed = (seed * 48271) % 2147483647) % n);
    const ids = ["a", "b", "c", "d", "e"];
    const sims = ids.map((id) => simulated(id, bars, 0));
    for (let round = 0; round < 20; round++) {
      let s = initialState("u");
      for (let i = 0; i < 200; i++) {
        const id = ids[rnd(ids.length)]!;
        const sim = sims[ids.indexOf(id)]!;
        const pick = rnd(10);
        let a: Action;
        if (pick === 0) a = { type: "snapshot", bots: ids.filter(() => rnd(2) === 0).map((x) => sims[ids.indexOf(x)]!.summary) };
        else if (pick === 1) {
          sim.step();
          a = { type: "botsUpdated", bots: [sim.summary] };
        } else if (pick === 2) a = { type: "botRemoved", id };
        else if (pick === 3) a = { type: "select", delta: rnd(5) - 2 };
        else if (pick === 4) a = { type: "openDetail", id };
        else if (pick === 5) a = { type: "back" };
        else if (pick === 6) a = { type: "events", events: sim.events.slice(-rnd(4)) };
        else if (pick === 7) a = { type: "scrollTrades", delta: rnd(7) - 3, visible: 4 };
        else if (pick === 8) a = { type: "confirmDelete", id };
        else a = { type: "closeOverlay" };
        s = reducer(s, a);
        const sorted = [...s.bots.map((b) => b.id)].sort();
        expect(s.bots.map((b) => b.id)).toEqual(sorted);
        expect(new Set(sorted).size).toBe(sorted.length);
        if (s.bots.length === 0) expect(s.selectedId).toBeNull();
        else expect(s.bots.some((b) => b.id === s.selectedId)).toBe(true);
        if (s.detail) {
          const seqs = s.detail.events.map((e) => e.seq);
          expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
          expect(new Set(seqs).size).toBe(seqs.length);
          expect(s.detail.tradeScroll).toBeGreaterThanOrEqual(0);
        }
        if (s.screen.name === "detail") expect(s.detail?.id).toBe(s.screen.id);
        if (s.overlay?.kind === "confirmDelete") expect(s.bots.some((b) => b.id === (s.overlay as { id: string }).id)).toBe(true);
      }
    }
  });
});
