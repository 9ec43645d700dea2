/**
 * Typed topic bus over a RingBuffer. Producers `publish(topic, payload)`; the single consumer
 * loop calls `dispatch()` which delivers queued messages to subscribers in publish order.
 * Topics are hierarchical strings built by `topic()`; a subscription to "fills" receives
 * "fills" and "fills.<anything>", and "*" receives everything.
 *
 * The bus is an object created by the composition root and passed in: never a global, so two
 * engines can live in one process.
 */
import { RingBuffer, type OverflowPolicy } from "./ring-buffer.ts";

export interface BusMessage<T = unknown> {
  readonly topic: string;
  readonly payload: T;
  readonly seq: number;
}

type Handler = (payload: unknown, msg: BusMessage) => void;

interface Envelope {
  topic: string;
  payload: unknown;
}

export function topic(...parts: (string | number)[]): string {
  return parts.join(".");
}

export class EventBus {
  private readonly ring: RingBuffer<Envelope>;
  private readonly subs = new Map<string, Set<Handler>>();
  /** Topic → the handler sets that match it ("*" first, then longest prefix first); rebuilt on (un)subscribe. */
  private readonly routes = new Map<string, Set<Handler>[]>();
  private dispatching = false;
  published = 0;
  delivered = 0;

  constructor(capacity = 1 << 16, policy: OverflowPolicy = "reject") {
    this.ring = new RingBuffer<Envelope>(capacity, policy);
  }

  get pending(): number {
    return this.ring.size;
  }

  get dropped(): number {
    return this.ring.dropped;
  }

  /** Queues a message; returns false when the ring is full under "reject" (caller must dispatch first). */
  publish<T>(t: string, payload: T): boolean {
    const seq = this.ring.tryPublish({ topic: t, payload });
    if (seq < 0) return false;
    this.published++;
    return true;
  }

  /** Subscribes to a topic prefix; returns an unsubscribe function. */
  subscribe<T>(prefix: string, handler: (payload: T, msg: BusMessage<T>) => void): () => void {
    let set = this.subs.get(prefix);
    if (!set) {
      set = new Set();
      this.subs.set(prefix, set);
    }
    const h = handler as Handler;
    set.add(h);
    this.routes.clear();
    return () => {
      set!.delete(h);
      this.routes.clear();
    };
  }

  /** Delivers up to `max` queued messages; re-entrant calls are ignored (single consumer). */
  dispatch(max = Infinity): number {
    if (this.dispatching) return 0;
    this.dispatching = true;
    try {
      return this.ring.drain((env, seq) => {
        const msg: BusMessage = { topic: env.topic, payload: env.payload, seq };
        this.deliver(env.topic, msg);
      }, max);
    } finally {
      this.dispatching = false;
    }
  }

  private deliver(t: string, msg: BusMessage): void {
    let route = this.routes.get(t);
    if (!route) {
      route = this.routeOf(t);
      if (this.routes.size >= 4096) this.routes.clear(); // bounded: topics may embed ids
      this.routes.set(t, route);
    }
    for (let i = 0; i < route.length; i++) for (const h of route[i]!) h(msg.payload, msg);
    this.delivered++;
  }

  private routeOf(t: string): Set<Handler>[] {
    const route: Set<Handler>[] = [];
    const all = this.subs.get("*");
    if (all && all.size) route.push(all);
    let p = t;
    for (;;) {
      const set = this.subs.get(p);
      if (set && set.size) route.push(set);
      const dot = p.lastIndexOf(".");
      if (dot < 0) break;
      p = p.slice(0, dot);
    }
    return route;
  }
}
