/**
 * WebSocket fan-out of bot status, events and fills (protocol in types.ts `Ws*`).
 *
 * Bots never wait for clients: a registry notification only appends to a bounded queue (the
 * oldest entries are dropped, and counted, if clients cannot keep up) and schedules one flush on
 * the next macrotask. The flush serialises each message once and hands it to the server's
 * native pub/sub (`publish(topic, text)`), which copies it to every subscribed socket. Status
 * pushes are coalesced per bot to at most one per `statusThrottleMs`. After every flush and at
 * every heartbeat, a client whose unsent backlog exceeds `maxBufferedBytes` is closed (1013,
 * "too slow") rather than allowed to hold memory or slow anyone else.
 *
 * Topics: "<channel>" carries every bot, "<channel>:<bot id>" one bot; a client is on either the
 * all-bots topic or per-bot topics of a channel, never both, so nothing is delivered twice.
 * Batched clients (`batch: true`) get events and fills as one `events`/`fills` frame per bot per
 * flush (topics "events*", "fills*"), which costs a fraction of the per-event frames at high rates.
 */
import type { BotEvent, BotNotification, BotRegistry } from "../bots/index.ts";
import type { Clock } from "../core/index.ts";
import type { ApiMetrics } from "./metrics.ts";
import type { WsChannel, WsClientMessage, WsServerMessage } from "./types.ts";

export interface HubSocket {
  readonly id: number;
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  send(text: string): number;
  close(code: number, reason: string): void;
  getBufferedAmount(): number;
}

export interface HubOptions {
  readonly heartbeatMs: number;
  readonly maxBufferedBytes: number;
  readonly statusThrottleMs?: number;
  /** Queue bound between bots and the flush (default 65,536 notifications). */
  readonly queueMax?: number;
}

type Publish = (topic: string, text: string) => void;
type Subscribers = (topic: string) => number;

const CHANNELS: readonly WsChannel[] = ["status", "events", "fills"];

interface Client {
  readonly sock: HubSocket;
  readonly subs: Map<WsChannel, "*" | Set<string>>;
  /** Batched delivery of events/fills (one frame per bot per flush); fixed at connect or first subscribe. */
  batch: boolean;
}

/** Topic of a channel for a client: batched clients of events/fills listen on "<channel>*". */
function topicOf(ch: WsChannel, batch: boolean, bot?: string): string {
  const base = batch && ch !== "status" ? `${ch}*` : ch;
  return bot === undefined ? base : `${base}:${bot}`;
}

export class WsHub {
  private readonly clients = new Map<number, Client>();
  private queue: BotNotification[] = [];
  private scheduled = false;
  private readonly dirty = new Set<string>();
  private readonly lastStatus = new Map<string, number>();
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly throttle: number;
  private readonly queueMax: number;
  queueDropped = 0;

  constructor(
    private readonly registry: BotRegistry,
    private readonly metrics: ApiMetrics,
    private readonly clock: Clock,
    private readonly opts: HubOptions,
    private readonly publish: Publish,
    private readonly subscribers: Subscribers,
  ) {
    this.throttle = opts.statusThrottleMs ?? 250;
    this.queueMax = opts.queueMax ?? 65_536;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  start(): void {
    this.unsubscribe = this.registry.subscribe((n) => this.onNotification(n));
    this.heartbeat = setInterval(() => this.beat(), this.opts.heartbeatMs);
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    for (const c of this.clients.values()) c.sock.close(1001, "server shutting down");
    this.clients.clear();
  }

  open(sock: HubSocket, query: Record<string, string | undefined>): void {
    const c: Client = { sock, subs: new Map(), batch: query.batch === "1" || query.batch === "true" };
    this.clients.set(sock.id, c);
    this.metrics.wsClients = this.clients.size;
    sock.subscribe("heartbeat");
    this.send(c, { type: "hello", protocol: 1, server_time: this.clock.now(), heartbeat_ms: this.opts.heartbeatMs, channels: CHANNELS });
    if (query.subscribe) {
      const channels = query.subscribe.split(",").filter((s): s is WsChannel => (CHANNELS as readonly string[]).includes(s));
      const bots = !query.bots || query.bots === "*" ? "*" : query.bots.split(",");
      this.handle(c, { op: "subscribe", channels, bots });
    }
  }

  message(sock: HubSocket, raw: unknown): void {
    const c = this.clients.get(sock.id);
    if (!c) return;
    let msg: unknown = raw;
    if (typeof raw === "string") {
      try {
        msg = JSON.parse(raw);
      } catch {
        this.send(c, { type: "error", code: "BAD_MESSAGE", message: "message is not JSON" });
        return;
      }
    }
    const err = checkClientMessage(msg);
    if (err) {
      this.send(c, { type: "error", code: "BAD_MESSAGE", message: err });
      return;
    }
    this.handle(c, msg as WsClientMessage);
  }

  close(sock: HubSocket): void {
    this.clients.delete(sock.id);
    this.metrics.wsClients = this.clients.size;
  }

  private handle(c: Client, m: WsClientMessage): void {
    if (m.op === "ping") {
      this.send(c, { type: "pong", id: m.id ?? null, ts: this.clock.now() });
      return;
    }
    const channels = m.channels && m.channels.length > 0 ? m.channels : CHANNELS;
    const bots = m.bots ?? "*";
    if (m.op === "subscribe" && m.batch !== undefined && c.subs.size === 0) c.batch = m.batch;
    if (m.op === "unsubscribe") {
      for (const ch of channels) this.setSubs(c, ch, bots, false);
      this.send(c, { type: "subscribed", channels: [...c.subs.keys()], bots: bots, batch: c.batch });
      return;
    }
    for (const ch of channels) this.setSubs(c, ch, bots, true);
    this.send(c, { type: "subscribed", channels, bots, batch: c.batch });
    if (channels.includes("status")) {
      for (const s of this.registry.list()) if (bots === "*" || bots.includes(s.id)) this.send(c, { type: "status", bot: s });
    }
  }

  private setSubs(c: Client, ch: WsChannel, bots: readonly string[] | "*", on: boolean): void {
    const cur = c.subs.get(ch);
    const drop = (): void => {
      if (cur === "*") c.sock.unsubscribe(topicOf(ch, c.batch));
      else if (cur) for (const id of cur) c.sock.unsubscribe(topicOf(ch, c.batch, id));
      c.subs.delete(ch);
    };
    if (bots === "*") {
      drop();
      if (on) {
        c.sock.subscribe(topicOf(ch, c.batch));
        c.subs.set(ch, "*");
      }
      return;
    }
    if (on) {
      if (cur === "*") return; // already receives every bot
      const set = cur ?? new Set<string>();
      for (const id of bots) {
        set.add(id);
        c.sock.subscribe(topicOf(ch, c.batch, id));
      }
      c.subs.set(ch, set);
    } else if (cur && cur !== "*") {
      for (const id of bots) {
        cur.delete(id);
        c.sock.unsubscribe(topicOf(ch, c.batch, id));
      }
      if (cur.size === 0) c.subs.delete(ch);
    }
  }

  private onNotification(n: BotNotification): void {
    if (n.kind === "event") {
      this.metrics.events.add();
      if (n.event.type === "fill") this.metrics.fills.add();
    }
    if (n.kind === "status") {
      this.dirty.add(n.bot_id);
    } else {
      if (this.queue.length >= this.queueMax) {
        this.queue.shift();
        this.queueDropped++;
      }
      this.queue.push(n);
    }
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.scheduled = false;
    const q = this.queue;
    this.queue = [];
    const batches = new Map<string, { events: BotEvent[]; fills: BotEvent[] }>();
    for (const n of q) {
      if (n.kind === "removed") {
        this.dirty.delete(n.bot_id);
        this.lastStatus.delete(n.bot_id);
        this.out("status", n.bot_id, { type: "removed", bot_id: n.bot_id });
      } else if (n.kind === "event") {
        const e = n.event;
        this.out("events", e.bot_id, { type: "event", bot_id: e.bot_id, event: e });
        if (e.type === "fill") this.out("fills", e.bot_id, { type: "fill", bot_id: e.bot_id, event: e });
        let b = batches.get(e.bot_id);
        if (!b) batches.set(e.bot_id, (b = { events: [], fills: [] }));
        b.events.push(e);
        if (e.type === "fill") b.fills.push(e);
      }
    }
    for (const [bot, b] of batches) {
      this.outBatch("events", bot, b.events);
      if (b.fills.length > 0) this.outBatch("fills", bot, b.fills);
    }
    this.flushStatus();
    this.dropSlow();
  }

  private flushStatus(): void {
    if (this.dirty.size === 0) return;
    const now = this.clock.now();
    let wait = Infinity;
    for (const id of [...this.dirty]) {
      const last = this.lastStatus.get(id) ?? -Infinity;
      if (now - last < this.throttle) {
        wait = Math.min(wait, this.throttle - (now - last));
        continue;
      }
      this.dirty.delete(id);
      if (!this.registry.has(id)) continue;
      this.lastStatus.set(id, now);
      this.out("status", id, { type: "status", bot: this.registry.get(id) });
    }
    if (wait !== Infinity && this.statusTimer === null) {
      this.statusTimer = setTimeout(() => {
        this.statusTimer = null;
        this.flushStatus();
        this.dropSlow();
      }, wait);
    }
  }

  /** Publishes to the all-bots topic and the bot's own topic; serialises only if anyone listens. */
  private out(ch: WsChannel, botId: string, msg: WsServerMessage): void {
    const own = `${ch}:${botId}`;
    const all = this.subscribers(ch);
    const one = this.subscribers(own);
    if (all === 0 && one === 0) return;
    const text = JSON.stringify(msg);
    if (all > 0) this.publish(ch, text);
    if (one > 0) this.publish(own, text);
    this.metrics.wsMessages += all + one;
    this.metrics.wsBytes += text.length * (all + one);
  }

  /** One frame with every event of this flush for batched subscribers (topics "<channel>*"). */
  private outBatch(ch: "events" | "fills", botId: string, events: BotEvent[]): void {
    const all = this.subscribers(topicOf(ch, true));
    const one = this.subscribers(topicOf(ch, true, botId));
    if (all === 0 && one === 0) return;
    const text = JSON.stringify({ type: ch, bot_id: botId, events } satisfies WsServerMessage);
    if (all > 0) this.publish(topicOf(ch, true), text);
    if (one > 0) this.publish(topicOf(ch, true, botId), text);
    this.metrics.wsMessages += all + one;
    this.metrics.wsBytes += text.length * (all + one);
  }

  private beat(): void {
    this.publish("heartbeat", JSON.stringify({ type: "heartbeat", ts: this.clock.now(), dropped_clients: this.metrics.wsDropped }));
    this.dropSlow();
  }

  private dropSlow(): void {
    const limit = this.opts.maxBufferedBytes;
    for (const c of this.clients.values()) {
      if (c.sock.getBufferedAmount() > limit) {
        this.clients.delete(c.sock.id);
        this.metrics.wsDropped++;
        this.metrics.wsClients = this.clients.size;
        c.sock.close(1013, "too slow: send buffer over limit");
      }
    }
  }

  private send(c: Client, msg: WsServerMessage): void {
    c.sock.send(JSON.stringify(msg));
  }
}

/** Returns an error message for a malformed client message, or null. */
export function checkClientMessage(m: unknown): string | null {
  if (!m || typeof m !== "object") return "message must be a JSON object";
  const o = m as Record<string, unknown>;
  if (o.op !== "subscribe" && o.op !== "unsubscribe" && o.op !== "ping") return `op: must be subscribe, unsubscribe or ping, got ${JSON.stringify(o.op)}`;
  if (o.op === "ping") return null;
  if (o.channels !== undefined) {
    if (!Array.isArray(o.channels) || o.channels.some((c) => !(CHANNELS as readonly unknown[]).includes(c))) return `channels: must be a list of ${CHANNELS.join(", ")}`;
  } else if (o.op === "subscribe") return "channels: required (status, events, fills)";
  if (o.bots !== undefined && o.bots !== "*" && (!Array.isArray(o.bots) || o.bots.some((b) => typeof b !== "string"))) return 'bots: must be "*" or a list of bot ids';
  if (o.batch !== undefined && typeof o.batch !== "boolean") return "batch: must be true or false";
  return null;
}
