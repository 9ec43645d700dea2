/**
 * Bus throughput (src/bus): publish → consume messages per second through
 *  - RingBuffer<T> (references; tryPublish + poll, and tryPublish + drain(fn)),
 *  - NumericRing (struct-of-arrays float64 records: claim/write/commit + peek/read/release),
 *  - EventBus (topic publish + dispatch to one prefix subscriber).
 * A producer fills a batch, then the consumer drains it (single thread, as in the engine's
 * backtest driver). Payloads are preallocated so allocation is not what is measured.
 * Prints best and median of BENCH_RUNS runs; never fails on time.
 */
import { EventBus, NumericRing, RingBuffer } from "../src/bus/index.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const N = 1024 * 20_000;
const fmt = (x: number): string => x.toLocaleString("en-US", { maximumFractionDigits: 1 });

function bench(label: string, messages: number, fn: () => number): void {
  let check = fn(); // warm-up (JIT)
  const t: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    check = fn();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  const best = messages / t[0]! / 1000;
  const med = messages / t[Math.floor(t.length / 2)]! / 1000;
  console.log(`${label.padEnd(68)} best ${fmt(best).padStart(7)} M msg/s   median ${fmt(med).padStart(7)} M msg/s   (check ${check})`);
}

interface Tick {
  price: number;
  size: number;
}
const ticks: Tick[] = Array.from({ length: 1024 }, (_, i) => ({ price: 100 + i, size: 1 }));

bench("RingBuffer tryPublish → poll (batch 1024)", N, () => {
  const ring = new RingBuffer<Tick>(1024, "reject");
  let sum = 0;
  for (let done = 0; done < N; ) {
    for (let i = 0; i < 1024; i++) ring.tryPublish(ticks[i]!);
    for (let m = ring.poll(); m !== undefined; m = ring.poll()) sum += m.size;
    done += 1024;
  }
  return sum;
});

bench("RingBuffer tryPublish → drain(fn) (batch 1024)", N, () => {
  const ring = new RingBuffer<Tick>(1024, "reject");
  let sum = 0;
  const fn = (m: Tick): void => {
    sum += m.size;
  };
  for (let done = 0; done < N; done += 1024) {
    for (let i = 0; i < 1024; i++) ring.tryPublish(ticks[i]!);
    ring.drain(fn);
  }
  return sum;
});

bench("NumericRing 6-lane bar records (batch 1024)", N, () => {
  const ring = new NumericRing(1024, 6);
  const d = ring.data;
  let sum = 0;
  for (let done = 0; done < N; done += 1024) {
    for (let i = 0; i < 1024; i++) {
      const at = ring.claim();
      d[at] = i;
      d[at + 1] = 100;
      d[at + 2] = 101;
      d[at + 3] = 99;
      d[at + 4] = 100.5;
      d[at + 5] = 3;
      ring.commit();
    }
    for (let at = ring.peek(); at >= 0; at = ring.peek()) {
      sum += d[at + 4]!;
      ring.release();
    }
  }
  return sum;
});

bench("NumericRing 2-lane (price, size) (batch 64)", N, () => {
  const ring = new NumericRing(64, 2);
  const d = ring.data;
  let sum = 0;
  for (let done = 0; done < N; done += 64) {
    for (let i = 0; i < 64; i++) {
      const at = ring.claim();
      d[at] = i;
      d[at + 1] = 1;
      ring.commit();
    }
    for (let at = ring.peek(); at >= 0; at = ring.peek()) {
      sum += d[at + 1]!;
      ring.release();
    }
  }
  return sum;
});

const EB = 1024 * 2_000;
// Mixed topics (the last-topic cache misses on every message: Map lookup per message).
const MIXED = ["engine.signal", "engine.order", "engine.fill", "engine.trade"] as const;
bench("EventBus publish → dispatch, 4 topics round-robin, 2 subscribers (batch 1024)", EB, () => {
  const bus = new EventBus(1024);
  let sum = 0;
  bus.subscribe<Tick>("engine", (t) => {
    sum += t.size;
  });
  bus.subscribe<Tick>("*", (t) => {
    sum -= t.size;
  });
  for (let done = 0; done < EB; done += 1024) {
    for (let i = 0; i < 1024; i++) bus.publish(MIXED[i & 3]!, ticks[i]!);
    bus.dispatch();
  }
  return sum + bus.delivered;
});
for (const [label, topic, prefix] of [
  ["EventBus publish → dispatch, 4-level topic, 1 subscriber", "data.trades.binance.BTCUSDT", "data.trades"],
  ["EventBus publish → dispatch, 1-level topic, 1 subscriber", "trades", "trades"],
] as const) {
  bench(`${label} (batch 1024)`, EB, () => {
    const bus = new EventBus(1024);
    let sum = 0;
    bus.subscribe<Tick>(prefix, (t) => {
      sum += t.size;
    });
    for (let done = 0; done < EB; done += 1024) {
      for (let i = 0; i < 1024; i++) bus.publish(topic, ticks[i]!);
      bus.dispatch();
    }
    return sum;
  });
}
