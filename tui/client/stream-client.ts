/**
 * The daemon's WebSocket (`/ws`) with automatic reconnection.
 *
 * Lifecycle: connecting → open → (closed | error | stale) → retrying(delay) → connecting …
 * On every open the client calls `onOpen` (the app reloads its snapshot over REST, since events
 * may have been missed while disconnected) and then sends the current subscription messages, so
 * a daemon restart is invisible apart from the banner shown while it was down.
 *
 * Invariants: at most one socket at a time; after `close()` nothing reconnects and no callback
 * fires; a socket that says nothing for `staleAfterMs` (heartbeats included) is presumed dead.
 */
import { Backoff } from "./backoff.ts";

export type ConnectionStatus =
  | { readonly kind: "connecting"; readonly attempt: number }
  | { readonly kind: "open" }
  | { readonly kind: "retrying"; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  | { readonly kind: "closed" };

/** The part of the WebSocket API the client uses (the global one satisfies it). */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface StreamClientOptions {
  readonly url: string;
  readonly token?: string | undefined;
  /** Messages (re)sent after every open, e.g. `{ type: "subscribe", … }`. */
  readonly subscriptions: () => readonly unknown[];
  readonly onMessage: (msg: unknown) => void;
  readonly onStatus: (s: ConnectionStatus) => void;
  readonly onOpen?: () => void;
  readonly backoff?: Backoff;
  /** Reconnect when nothing arrived for this long (0 = never); see also `setStaleAfter`. */
  readonly staleAfterMs?: number;
  readonly createSocket?: (url: string, token: string | undefined) => SocketLike;
}

function defaultSocket(url: string, token: string | undefined): SocketLike {
  // Bun's WebSocket accepts headers; browsers would need the token in the URL instead.
  const Ctor = WebSocket as unknown as new (u: string, o?: { headers?: Record<string, string> }) => SocketLike;
  return token ? new Ctor(url, { headers: { authorization: `Bearer ${token}` } }) : new Ctor(url);
}

export class StreamClient {
  private socket: SocketLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private staleTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly backoff: Backoff;
  private status: ConnectionStatus = { kind: "closed" };

  private staleAfterMs: number;

  constructor(private readonly opts: StreamClientOptions) {
    this.backoff = opts.backoff ?? new Backoff();
    this.staleAfterMs = opts.staleAfterMs ?? 0;
  }

  /** The daemon announces its heartbeat period in `hello`; silence for ~3 periods means a dead link. */
  setStaleAfter(ms: number): void {
    this.staleAfterMs = Math.max(0, ms);
    if (this.status.kind === "open") this.touch();
  }

  get current(): ConnectionStatus {
    return this.status;
  }

  start(): void {
    if (this.closed || this.socket || this.retryTimer) return;
    this.connect();
  }

  /** Sends now if open; subscriptions are also re-sent on every reconnect by design. */
  send(msg: unknown): boolean {
    if (this.status.kind !== "open" || !this.socket) return false;
    try {
      this.socket.send(JSON.stringify(msg));
      return true;
    } catch {
      return false;
    }
  }

  /** Drops the current socket and reconnects at once (the `r` key after a long outage). */
  reconnectNow(): void {
    if (this.closed) return;
    this.clearTimers();
    this.detach("reconnect requested");
    this.backoff.reset();
    this.connect();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearTimers();
    this.detach("client closed");
    this.setStatus({ kind: "closed" });
  }

  private connect(): void {
    this.retryTimer = null;
    this.setStatus({ kind: "connecting", attempt: this.backoff.attempt + 1 });
    let ws: SocketLike;
    try {
      ws = (this.opts.createSocket ?? defaultSocket)(this.opts.url, this.opts.token);
    } catch (e) {
      this.scheduleRetry(e instanceof Error ? e.message : String(e));
      return;
    }
    this.socket = ws;
    let failure = "connection failed";
    ws.onopen = () => {
      if (this.socket !== ws) return;
      this.backoff.reset();
      this.setStatus({ kind: "open" });
      this.touch();
      this.opts.onOpen?.();
      for (const m of this.opts.subscriptions()) this.send(m);
    };
    ws.onmessage = (ev) => {
      if (this.socket !== ws) return;
      this.touch();
      const text = typeof ev.data === "string" ? ev.data : ev.data instanceof Uint8Array ? new TextDecoder().decode(ev.data) : String(ev.data);
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch {
        return; // a frame we cannot read is skipped, not fatal
      }
      this.opts.onMessage(msg);
    };
    ws.onerror = (ev) => {
      const m = (ev as { message?: unknown } | null)?.message;
      // Bun says "WebSocket connection to 'ws://…' failed: Failed to connect"; the banner already names the URL.
      if (typeof m === "string" && m) failure = m.replace(/^WebSocket connection to '[^']*' failed: /, "").replace(/^Failed to connect$/, "cannot connect (is the daemon running?)");
    };
    ws.onclose = (ev) => {
      if (this.socket !== ws) return;
      this.socket = null;
      const reason = this.status.kind === "open" ? `connection closed${ev.reason ? `: ${ev.reason}` : ev.code ? ` (code ${ev.code})` : ""}` : failure;
      this.scheduleRetry(reason);
    };
  }

  private scheduleRetry(reason: string): void {
    if (this.closed) return;
    this.clearTimers();
    const delayMs = this.backoff.next();
    this.setStatus({ kind: "retrying", attempt: this.backoff.attempt, delayMs, reason });
    this.retryTimer = setTimeout(() => this.connect(), delayMs);
  }

  private touch(): void {
    const ms = this.staleAfterMs;
    if (this.staleTimer) clearTimeout(this.staleTimer);
    this.staleTimer = null;
    if (ms <= 0) return;
    this.staleTimer = setTimeout(() => {
      this.detach("stale");
      this.scheduleRetry(`no message from the daemon for ${ms} ms`);
    }, ms);
  }

  private detach(reason: string): void {
    const ws = this.socket;
    this.socket = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
    try {
      ws.close(1000, reason);
    } catch {
      // already closing
    }
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.staleTimer) clearTimeout(this.staleTimer);
    this.retryTimer = this.staleTimer = null;
  }

  private setStatus(s: ConnectionStatus): void {
    this.status = s;
    if (!this.closed || s.kind === "closed") this.opts.onStatus(s);
  }
}
