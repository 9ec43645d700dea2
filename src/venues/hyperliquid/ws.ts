/**
 * Hyperliquid WebSocket client (protocols.md §A.2): subscriptions for candle, trades, l2Book,
 * allMids (and any other documented type), heartbeat `{"method":"ping"}` every `pingIntervalMs`
 * with a reconnect when no `{"channel":"pong"}` arrives within `pongTimeoutMs`, and reconnect with
 * full-jitter exponential backoff after any drop. Subscriptions are remembered and re-sent on every
 * reconnect; `onReconnect` listeners run after that so feeds can backfill what they missed.
 *
 * Every pushed payload reaches its handler with the local receive time (tsInit) taken when the
 * frame arrived. Non-JSON text frames (an old server greeting) are ignored.
 */
import type { Logger } from "../../lib/logger.ts";
import { wsError } from "./errors.ts";

export type WsStatus = "connecting" | "open" | "reconnecting" | "closed";
export type WsHandler = (data: unknown, tsInit: number) => void;

export interface WsClientOptions {
  readonly url: string;
  readonly pingIntervalMs?: number;
  readonly pongTimeoutMs?: number;
  readonly reconnectBaseMs?: number;
  readonly reconnectMaxMs?: number;
  readonly random?: () => number;
  /** Local receive time source (ms). */
  readonly now?: () => number;
  readonly log?: Logger;
}

export interface WsStats {
  messages: number;
  connects: number;
  reconnects: number;
  pingsSent: number;
  pongs: number;
  errors: string[];
}

/** Routing key of a subscription or of a pushed message (matches the fake's and venue's channels). */
export function subscriptionKey(sub: Record<string, unknown>): string {
  const t = String(sub.type);
  if (t === "candle") return `candle:${sub.coin}:${sub.interval}`;
  if (t === "allMids") return "allMids";
  if (typeof sub.coin === "string") return `${t}:${sub.coin}`;
  if (typeof sub.user === "string") return `${t === "userEvents" ? "user" : t}:${sub.user.toLowerCase()}`;
  return t;
}

function messageKey(channel: string, data: unknown): string | null {
  const d = data as Record<string, unknown> & { [0]?: { coin?: string } };
  switch (channel) {
    case "candle":
      return `candle:${d.s}:${d.i}`;
    case "trades":
      return Array.isArray(data) && data.length > 0 ? `trades:${(data[0] as { coin: string }).coin}` : null;
    case "l2Book":
    case "bbo":
    case "activeAssetCtx":
      return `${channel}:${d.coin}`;
    case "allMids":
      return "allMids";
    case "userFills":
    case "userFundings":
    case "userNonFundingLedgerUpdates":
      return typeof d.user === "string" ? `${channel}:${d.user.toLowerCase()}` : null;
    default:
      return channel;
  }
}

export class HyperliquidWs {
  readonly stats: WsStats = { messages: 0, connects: 0, reconnects: 0, pingsSent: 0, pongs: 0, errors: [] };
  private ws: WebSocket | null = null;
  private readonly subs = new Map<string, { sub: Record<string, unknown>; handlers: Set<WsHandler> }>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly statusListeners = new Set<(s: WsStatus) => void>();
  private status: WsStatus = "closed";
  private stopped = true;
  private attempt = 0;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private pongDeadline: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly o: Required<Omit<WsClientOptions, "log">> & { log?: Logger };

  constructor(o: WsClientOptions) {
    this.o = { pingIntervalMs: 30_000, pongTimeoutMs: 10_000, reconnectBaseMs: 250, reconnectMaxMs: 30_000, random: Math.random, now: () => Date.now(), ...o };
  }

  get state(): WsStatus {
    return this.status;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Subscribes (now if open, and again after every reconnect). Returns an unsubscribe function. */
  subscribe(sub: Record<string, unknown>, handler: WsHandler): () => void {
    const key = subscriptionKey(sub);
    let entry = this.subs.get(key);
    if (!entry) {
      entry = { sub, handlers: new Set() };
      this.subs.set(key, entry);
      this.send({ method: "subscribe", subscription: sub });
    }
    entry.handlers.add(handler);
    return () => {
      const e = this.subs.get(key);
      if (!e) return;
      e.handlers.delete(handler);
      if (e.handlers.size === 0) {
        this.subs.delete(key);
        this.send({ method: "unsubscribe", subscription: e.sub });
      }
    };
  }

  onReconnect(cb: () => void): () => void {
    this.reconnectListeners.add(cb);
    return () => this.reconnectListeners.delete(cb);
  }

  onStatus(cb: (s: WsStatus) => void): () => void {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  }

  close(): void {
    this.stopped = true;
    this.clearTimers();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.ws?.close(1000, "client closing");
    this.ws = null;
    this.setStatus("closed");
  }

  /** Handles one raw frame (exposed for benchmarks and tests of the routing). */
  handleFrame(text: string, tsInit: number): void {
    this.stats.messages++;
    if (text.charCodeAt(0) !== 123 /* { */) return; // greeting or other non-JSON text
    let msg: { channel?: string; data?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    const channel = msg.channel;
    if (channel === "pong") {
      this.stats.pongs++;
      if (this.pongDeadline) clearTimeout(this.pongDeadline);
      this.pongDeadline = null;
      return;
    }
    if (channel === "subscriptionResponse" || channel === undefined) return;
    if (channel === "error") {
      const m = String(msg.data);
      this.stats.errors.push(m);
      this.o.log?.warn("Hyperliquid WebSocket error message", { message: m });
      return;
    }
    const key = messageKey(channel, msg.data);
    let entry = key ? this.subs.get(key) : undefined;
    if (!entry && key) {
      // `user` and `orderUpdates` pushes do not name the user: route to that user subscription.
      for (const [k, e] of this.subs) if (k.startsWith(key + ":")) entry = e;
    }
    if (entry) for (const h of entry.handlers) h(msg.data, tsInit);
  }

  private connect(): void {
    this.setStatus(this.stats.connects === 0 ? "connecting" : "reconnecting");
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.o.url);
    } catch (e) {
      this.scheduleReconnect(`cannot open ${this.o.url}: ${(e as Error).message}`);
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      const reconnected = this.stats.connects > 0;
      this.stats.connects++;
      if (reconnected) this.stats.reconnects++;
      this.attempt = 0;
      for (const { sub } of this.subs.values()) this.send({ method: "subscribe", subscription: sub });
      this.startHeartbeat();
      this.setStatus("open");
      if (reconnected) for (const cb of this.reconnectListeners) cb();
    };
    ws.onmessage = (ev) => {
      if (this.ws === ws) this.handleFrame(typeof ev.data === "string" ? ev.data : String(ev.data), this.o.now());
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.clearTimers();
      if (!this.stopped) this.scheduleReconnect(`closed (code ${ev.code}${ev.reason ? `: ${ev.reason}` : ""})`);
    };
    ws.onerror = () => {
      // onclose follows and schedules the reconnect
    };
  }

  private scheduleReconnect(why: string): void {
    const err = wsError(`WebSocket ${why}`);
    const cap = Math.min(this.o.reconnectMaxMs, this.o.reconnectBaseMs * 2 ** this.attempt);
    const delay = Math.floor(this.o.random() * cap);
    this.attempt++;
    this.o.log?.warn("Hyperliquid WebSocket reconnecting", { attempt: this.attempt, delayMs: delay, reason: err.message, action: err.action });
    this.setStatus("reconnecting");
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private startHeartbeat(): void {
    this.clearTimers();
    this.pingTimer = setInterval(() => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return;
      this.send({ method: "ping" });
      this.stats.pingsSent++;
      if (!this.pongDeadline) {
        this.pongDeadline = setTimeout(() => {
          this.pongDeadline = null;
          this.o.log?.warn("Hyperliquid WebSocket pong timeout; reconnecting", { timeoutMs: this.o.pongTimeoutMs });
          this.ws?.close(4000, "pong timeout");
        }, this.o.pongTimeoutMs);
      }
    }, this.o.pingIntervalMs);
  }

  private clearTimers(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.pongDeadline) clearTimeout(this.pongDeadline);
    this.pingTimer = null;
    this.pongDeadline = null;
  }

  private send(msg: unknown): void {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private setStatus(s: WsStatus): void {
    if (s === this.status) return;
    this.status = s;
    for (const cb of this.statusListeners) cb(s);
  }
}
