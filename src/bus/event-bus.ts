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

export function topic(...parts: (string | number)[]): string {
  return parts.join(".");
}

/**
 * Hot-path invariants: a message allocates only its BusMessage — the ring holds topics, payloads sit
 * in a parallel array under the same sequence number, and routes are plain handler arrays cached
 * per topic string (plus the last one used). A handler added or removed while a message is being
 * delivered takes effect from the next message.
 */
export class EventBus {
  private readonly ring: RingBuffer<string>;
  private readonly payloads: unknown[];
  private readonly mask: number;
  private readonly subs = new Map<string, Set<Handler>>();
  /** Topic → the handlers it reaches ("*" first, then longest prefix first); rebuilt on (un)subscribe. */
  private readonly routes = new Map<string, Handler[]>();
  private lastTopic = "";
  private lastRoute: Handler[] | undefined = undefined;
  private dispatching = false;
  published = 0;
  delivered = 0;

  constructor(capacity = 1 << 16, policy: OverflowPolicy = "reject") {
    this.ring = new RingBuffer<string>(capacity, policy);
    this.mask = capacity - 1;
    this.payloads = new Array<unknown>(capacity).fill(undefined);
  }

  get pending(): number {
    return this.ring.size;
  }

  get dropped(): number {
    return this.ring.dropped;
  }

  /** Queues a message; returns false when the ring is full under "reject" (caller must dispatch first). */
  publish<T>(t: string, payload: T): boolean {
    const seq = this.ring.tryPublish(t);
    if (seq < 0) return false;
    this.payloads[seq & this.mask] = payload; // drop-oldest reuses the slot of the message it overwrote
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
    this.clearRoutes();
    return () => {
      set!.delete(h);
      this.clearRoutes();
    };
  }

  /** Delivers up to `max` queued messages; re-entrant calls are ignored (single consumer). */
  dispatch(max = Infinity): number {
    if (this.dispatching) return 0;
    this.dispatching = true;
    try {
      // poll() in a loop rather than ring.drain(callback): the callback was not inlined (~40% of a message).
      const ring = this.ring;
      let n = 0;
      for (; n < max; n++) {
        const seq = ring.nextReadSeq;
        const t = ring.poll();
        if (t === undefined) break;
        this.deliver(t, seq);
      }
      return n;
    } finally {
      this.dispatching = false;
    }
  }

  private deliver(t: string, seq: number): void {
    const at = seq & this.mask;
    const payload = this.payloads[at];
    this.payloads[at] = undefined;
    // Consecutive messages usually share a topic: a one-entry cache in front of the Map.
    let route = t === this.lastTopic ? this.lastRoute : this.routes.get(t);
    if (route === undefined) {
      route = this.routeOf(t);
      if (this.routes.size >= 4096) this.routes.clear(); // bounded: topics may embed ids
      this.routes.set(t, route);
    }
    this.lastTopic = t;
    this.lastRoute = route;
    const msg = { topic: t, payload, seq };
    for (let i = 0; i < route.length; i++) route[i]!(payload, msg);
    this.delivered++;
  }

  private clearRoutes(): void {
    this.routes.clear();
    this.lastTopic = "";
    this.lastRoute = undefined;
  }

  private routeOf(t: string): Handler[] {
    const handlers: Handler[] = [];
    const all = this.subs.get("*");
    if (all) handlers.push(...all);
    let p = t;
    for (;;) {
      const set = this.subs.get(p);
      if (set) handlers.push(...set);
      const dot = p.lastIndexOf(".");
      if (dot < 0) break;
      p = p.slice(0, dot);
    }
    return handlers;
  }
}
