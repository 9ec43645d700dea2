import { describe, expect, test } from "bun:test";
import { dataFile } from "../../src/testkit/data-path.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { SimBot } from "../testing/sim-bot.ts";
import { StreamBatcher } from "./stream-batcher.ts";
import type { Action } from "./types.ts";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h", limit: 300 });

function manual() {
  const delivered: (readonly Action[])[] = [];
  let pending: (() => void) | null = null;
  const b = new StreamBatcher((a) => delivered.push(a), {
    schedule: (fn) => {
      pending = fn;
      return 1;
    },
    cancel: () => {
      pending = null;
    },
  });
  return { b, delivered, tick: () => pending?.(), scheduled: () => pending !== null };
}

describe("StreamBatcher", () => {
  test("a burst of statuses of a replay at full speed becomes one update with the latest of each bot", () => {
    const { b, delivered, tick } = manual();
    const x = new SimBot("x", bars);
    const y = new SimBot("y", bars);
    x.transition("running");
    for (let i = 0; i < 250; i++) {
      x.step();
      b.push({ kind: "status", bots: [x.summary] });
      if (i % 50 === 0) b.push({ kind: "status", bots: [y.summary] });
    }
    expect(b.size).toBe(1);
    tick();
    expect(delivered.length).toBe(1);
    const [only] = delivered[0]!;
    expect(only).toEqual({ type: "botsUpdated", bots: [x.summary, y.summary] });
  });

  test("order between kinds is kept; consecutive events append", () => {
    const { b, delivered, tick, scheduled } = manual();
    const x = new SimBot("x", bars);
    x.transition("running");
    for (let i = 0; i < 120; i++) x.step();
    const [e1, e2, e3] = x.events;
    b.push({ kind: "status", bots: [x.summary] });
    b.push({ kind: "removed", id: "x" });
    b.push({ kind: "event", events: [e1!] });
    b.push({ kind: "event", events: [e2!, e3!] });
    b.push({ kind: "hello", heartbeatMs: 1, protocol: 1 });
    b.push({ kind: "ignored", type: "heartbeat" });
    b.push({ kind: "error", message: "BAD_MESSAGE: x" });
    expect(scheduled()).toBe(true);
    tick();
    expect(delivered[0]!.map((a) => a.type)).toEqual(["botsUpdated", "botRemoved", "events", "notice"]);
    expect((delivered[0]![2] as unknown as { events: unknown[] }).events).toEqual([e1, e2, e3]);
  });

  test("flushNow delivers synchronously and cancels the timer; dispose drops everything", () => {
    const { b, delivered, scheduled } = manual();
    b.push({ kind: "removed", id: "a" });
    b.flushNow();
    expect(delivered.length).toBe(1);
    expect(scheduled()).toBe(false);
    b.push({ kind: "removed", id: "b" });
    b.dispose();
    b.flushNow();
    expect(delivered.length).toBe(1);
  });

  test("an older status in the same burst does not replace a newer one", () => {
    const { b, delivered, tick } = manual();
    const x = new SimBot("x", bars);
    const newer = { ...x.summary, version: 9 };
    b.push({ kind: "status", bots: [newer] });
    b.push({ kind: "status", bots: [{ ...x.summary, version: 3 }] });
    tick();
    expect(delivered[0]).toEqual([{ type: "botsUpdated", bots: [newer] }]);
  });
});
