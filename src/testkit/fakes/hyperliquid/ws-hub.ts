/**
 * WebSocket side of the fake (protocols.md §A.2): subscribe/unsubscribe with a
 * `subscriptionResponse` ack, errors on channel `error` ("Already subscribed: …",
 * "Already unsubscribed: …", "Invalid subscription …"), `{"method":"ping"}` → `{"channel":"pong"}`,
 * pushes as `{"channel", "data"}`, userFills snapshots with isSnapshot:true, and an optional close
 * of connections the server has not sent anything to for `idleCloseMs`.
 */
import type { ServerWebSocket } from "bun";
import { isInterval } from "../../../venues/hyperliquid/intervals.ts";

export interface WsData {
  readonly id: number;
  readonly subs: Map<string, Record<string, unknown>>;
  lastSent: number;
}

export type Sock = ServerWebSocket<WsData>;

const USER_TYPES = new Set(["userEvents", "orderUpdates", "userFills", "userFundings", "userNonFundingLedgerUpdates"]);
const COIN_TYPES = new Set(["trades", "l2Book", "bbo", "activeAssetCtx"]);

/** Canonical key of a subscription (what duplicates are detected on). */
export function subKey(s: Record<string, unknown>): string | null {
  const type = s.type;
  if (typeof type !== "string") return null;
  if (type === "allMids") return "allMids";
  if (type === "candle") return typeof s.coin === "string" && typeof s.interval === "string" && isInterval(s.interval) ? `candle:${s.coin}:${s.interval}` : null;
  if (COIN_TYPES.has(type)) return typeof s.coin === "string" ? `${type}:${s.coin}` : null;
  if (USER_TYPES.has(type)) return typeof s.user === "string" && /^0x[0-9a-fA-F]{40}$/.test(s.user) ? `${type}:${s.user.toLowerCase()}` : null;
  return null;
}

export class WsHub {
  readonly sockets = new Set<Sock>();
  /** Every message received from clients (method names), for tests. */
  pings = 0;
  connectionsOpened = 0;
  private nextId = 1;
  onSubscribe: ((ws: Sock, key: string, sub: Record<string, unknown>) => void) | null = null;

  constructor(private readonly opts: { knownCoin: (coin: string) => boolean; wallNow: () => number }) {}

  newData(): WsData {
    return { id: this.nextId++, subs: new Map(), lastSent: this.opts.wallNow() };
  }

  open(ws: Sock): void {
    this.sockets.add(ws);
    this.connectionsOpened++;
  }

  close(ws: Sock): void {
    this.sockets.delete(ws);
  }

  message(ws: Sock, raw: string | Buffer): void {
    const text = typeof raw === "string" ? raw : raw.toString("utf8");
    let msg: { method?: unknown; subscription?: Record<string, unknown> };
    try {
      msg = JSON.parse(text);
    } catch {
      this.send(ws, { channel: "error", data: `Invalid message: ${text.slice(0, 100)}` });
      return;
    }
    if (msg.method === "ping") {
      this.pings++;
      this.send(ws, { channel: "pong" });
      return;
    }
    if (msg.method !== "subscribe" && msg.method !== "unsubscribe") {
      this.send(ws, { channel: "error", data: `Unknown method: ${JSON.stringify(msg.method)}` });
      return;
    }
    const sub = msg.subscription ?? {};
    const key = subKey(sub);
    const coin = typeof sub.coin === "string" ? sub.coin : null;
    if (!key || (coin !== null && !this.opts.knownCoin(coin))) {
      this.send(ws, { channel: "error", data: `Invalid subscription ${JSON.stringify(sub)}` });
      return;
    }
    if (msg.method === "subscribe") {
      if (ws.data.subs.has(key)) {
        this.send(ws, { channel: "error", data: `Already subscribed: ${JSON.stringify(sub)}` });
        return;
      }
      ws.data.subs.set(key, sub);
      this.send(ws, { channel: "subscriptionResponse", data: { method: "subscribe", subscription: sub } });
      this.onSubscribe?.(ws, key, sub);
    } else {
      if (!ws.data.subs.delete(key)) {
        this.send(ws, { channel: "error", data: `Already unsubscribed: ${JSON.stringify(sub)}` });
        return;
      }
      this.send(ws, { channel: "subscriptionResponse", data: { method: "unsubscribe", subscription: sub } });
    }
  }

  send(ws: Sock, msg: unknown): void {
    ws.send(typeof msg === "string" ? msg : JSON.stringify(msg));
    ws.data.lastSent = this.opts.wallNow();
  }

  /** Sends to every socket subscribed to `key`; returns the number of recipients. */
  publish(key: string, msg: unknown): number {
    let text: string | null = null;
    let n = 0;
    for (const ws of this.sockets) {
      if (!ws.data.subs.has(key)) continue;
      text ??= typeof msg === "string" ? msg : JSON.stringify(msg);
      this.send(ws, text);
      n++;
    }
    return n;
  }

  subscribedKeys(): Set<string> {
    const out = new Set<string>();
    for (const ws of this.sockets) for (const k of ws.data.subs.keys()) out.add(k);
    return out;
  }

  /** Closes connections idle (nothing sent) for longer than `idleMs`. */
  closeIdle(idleMs: number): number {
    const now = this.opts.wallNow();
    let n = 0;
    for (const ws of this.sockets) {
      if (now - ws.data.lastSent > idleMs) {
        ws.close(1000, "idle");
        n++;
      }
    }
    return n;
  }

  dropAll(code = 1012, reason = "fake: dropped"): number {
    const n = this.sockets.size;
    for (const ws of [...this.sockets]) ws.close(code, reason);
    return n;
  }
}
