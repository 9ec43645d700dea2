/** Ring buffers and the topic bus: capacity rules, sequence numbers, back-pressure policies, routing. */
import { describe, expect, test } from "bun:test";
import { SeededRng } from "../core/index.ts";
import { BusOverflowError, EventBus, NumericRing, RingBuffer, topic } from "./index.ts";

describe("RingBuffer", () => {
  test("capacity must be a power of two ≥ 2", () => {
    expect(() => new RingBuffer(3)).toThrow(/power of two/);
    expect(() => new RingBuffer(1)).toThrow(/power of two/);
    expect(new RingBuffer(8).capacity).toBe(8);
  });

  test("reject: a full ring refuses, keeps every message, and sequence numbers only grow", () => {
    const r = new RingBuffer<number>(4, "reject");
    expect([1, 2, 3, 4].map((x) => r.tryPublish(x))).toEqual([0, 1, 2, 3]);
    expect(r.tryPublish(5)).toBe(-1);
    const got: [number, number][] = [];
    r.drain((x, seq) => got.push([x, seq]), 2);
    expect(got).toEqual([[1, 0], [2, 1]]);
    expect(r.tryPublish(5)).toBe(4);
    expect(r.poll()).toBe(3);
    expect(r.size).toBe(2);
    expect(r.dropped).toBe(0);
  });

  test("drop-oldest overwrites and counts; throw raises BusOverflowError", () => {
    const d = new RingBuffer<number>(2, "drop-oldest");
    d.tryPublish(1);
    d.tryPublish(2);
    d.tryPublish(3);
    expect(d.dropped).toBe(1);
    expect([d.poll(), d.poll(), d.poll()]).toEqual([2, 3, undefined]);
    const t = new RingBuffer<number>(2, "throw");
    t.tryPublish(1);
    t.tryPublish(2);
    expect(() => t.tryPublish(3)).toThrow(BusOverflowError);
  });

  test("property: interleaved publish/consume delivers everything in order under reject", () => {
    const rng = new SeededRng(7);
    const r = new RingBuffer<number>(16, "reject");
    const out: number[] = [];
    let next = 0;
    for (let step = 0; step < 20_000; step++) {
      if (rng.next() < 0.55) {
        if (r.tryPublish(next) >= 0) next++;
      } else r.drain((x) => out.push(x), 1 + rng.int(5));
    }
    r.drain((x) => out.push(x));
    expect(out).toEqual(Array.from({ length: next }, (_, i) => i));
  });
});

describe("NumericRing", () => {
  test("records of `lanes` numbers round-trip in order; full ring rejects", () => {
    const r = new NumericRing(4, 3, "reject");
    for (let i = 0; i < 4; i++) {
      const at = r.claim();
      r.data[at] = i;
      r.data[at + 1] = i * 10;
      r.data[at + 2] = i * 100;
      r.commit();
    }
    expect(r.claim()).toBe(-1);
    const seen: number[][] = [];
    for (let at = r.peek(); at >= 0; at = r.peek()) {
      seen.push([r.data[at]!, r.data[at + 1]!, r.data[at + 2]!]);
      r.release();
    }
    expect(seen).toEqual([[0, 0, 0], [1, 10, 100], [2, 20, 200], [3, 30, 300]]);
    expect(r.nextSeq).toBe(4);
  });
});

describe("EventBus", () => {
  test("prefix subscriptions, '*' and unsubscribe; order is publish order", () => {
    const bus = new EventBus(8);
    const log: string[] = [];
    const off = bus.subscribe<number>("fills", (p, m) => log.push(`fills:${m.topic}:${p}`));
    bus.subscribe<number>(topic("fills", "bot1"), (p) => log.push(`bot1:${p}`));
    bus.subscribe<number>("*", (p, m) => log.push(`*:${m.seq}`));
    bus.publish(topic("fills", "bot1"), 1);
    bus.publish("fills", 2);
    bus.publish("signals", 3);
    expect(bus.dispatch()).toBe(3);
    expect(log).toEqual(["*:0", "bot1:1", "fills:fills.bot1:1", "*:1", "fills:fills:2", "*:2"]);
    off();
    log.length = 0;
    bus.publish(topic("fills", "bot1"), 4);
    bus.dispatch();
    expect(log).toEqual(["*:3", "bot1:4"]);
  });

  test("a full bus under reject refuses until dispatched", () => {
    const bus = new EventBus(2);
    expect(bus.publish("a", 1)).toBe(true);
    expect(bus.publish("a", 2)).toBe(true);
    expect(bus.publish("a", 3)).toBe(false);
    bus.dispatch();
    expect(bus.publish("a", 3)).toBe(true);
  });

  test("handlers publishing during dispatch are delivered later, not re-entrantly", () => {
    const bus = new EventBus(8);
    const seen: number[] = [];
    bus.subscribe<number>("x", (p) => {
      seen.push(p);
      if (p < 3) bus.publish("x", p + 1);
      expect(bus.dispatch()).toBe(0);
    });
    bus.publish("x", 1);
    bus.dispatch();
    expect(seen).toEqual([1, 2, 3]);
  });

  test("drop-oldest keeps topics and payloads paired; max bounds one dispatch", () => {
    const bus = new EventBus(4, "drop-oldest");
    const seen: string[] = [];
    bus.subscribe<number>("*", (p, m) => seen.push(`${m.topic}=${p}@${m.seq}`));
    for (let i = 0; i < 6; i++) bus.publish(i % 2 ? "odd" : "even", i);
    expect(bus.dropped).toBe(2);
    expect(bus.dispatch(3)).toBe(3);
    expect(bus.dispatch()).toBe(1);
    expect(seen).toEqual(["even=2@2", "odd=3@3", "even=4@4", "odd=5@5"]);
  });

  test("the cached route follows (un)subscribes between messages of the same topic", () => {
    const bus = new EventBus(8);
    const log: string[] = [];
    bus.subscribe<number>("t", (p) => log.push(`a${p}`));
    bus.publish("t", 1);
    bus.dispatch();
    const off = bus.subscribe<number>("t", (p) => log.push(`b${p}`));
    bus.publish("t", 2);
    bus.dispatch();
    off();
    bus.publish("t", 3);
    bus.dispatch();
    expect(log).toEqual(["a1", "a2", "b2", "a3"]);
  });

  test("a handler removed during delivery still completes the current message, not later ones", () => {
    const bus = new EventBus(8);
    const log: string[] = [];
    let offB = (): void => {};
    bus.subscribe<number>("t", (p) => {
      log.push(`a${p}`);
      offB();
    });
    offB = bus.subscribe<number>("t", (p) => log.push(`b${p}`));
    bus.publish("t", 1);
    bus.publish("t", 2);
    bus.dispatch();
    expect(log).toEqual(["a1", "b1", "a2"]);
  });
});
