/**
 * Coalesces the WebSocket stream into at most one UI update per `intervalMs`. A replay bot at full
 * speed can emit thousands of status frames a second; the screen only needs the latest status of
 * each bot and the events in order. Order between kinds is kept (a removal after a status still
 * removes), consecutive statuses merge (latest version per bot wins), consecutive events append.
 *
 * Invariant: nothing is dropped except superseded statuses; `flushNow()` delivers everything
 * pending synchronously (used before a REST snapshot is applied and on shutdown).
 */
import type { BotEvent, BotSummary } from "../client/api-types.ts";
import type { StreamMessage } from "../client/stream-messages.ts";
import type { Action } from "./types.ts";

type Pending =
  | { kind: "status"; bots: Map<string, BotSummary> }
  | { kind: "events"; events: BotEvent[] }
  | { kind: "action"; action: Action };

export interface BatcherOptions {
  readonly intervalMs?: number;
  readonly schedule?: (fn: () => void, ms: number) => unknown;
  readonly cancel?: (handle: unknown) => void;
}

export class StreamBatcher {
  private pending: Pending[] = [];
  private handle: unknown = null;
  private readonly intervalMs: number;
  private readonly schedule: (fn: () => void, ms: number) => unknown;
  private readonly cancel: (handle: unknown) => void;

  constructor(
    private readonly deliver: (actions: readonly Action[]) => void,
    opts: BatcherOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 100;
    this.schedule = opts.schedule ?? ((fn, ms) => setTimeout(fn, ms));
    this.cancel = opts.cancel ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  push(msg: StreamMessage): void {
    const last = this.pending[this.pending.length - 1];
    switch (msg.kind) {
      case "status": {
        if (msg.bots.length === 0) return;
        const target = last?.kind === "status" ? last.bots : new Map<string, BotSummary>();
        for (const b of msg.bots) {
          const old = target.get(b.id);
          if (!old || old.version <= b.version) target.set(b.id, b);
        }
        if (last?.kind !== "status") this.pending.push({ kind: "status", bots: target });
        break;
      }
      case "event":
        if (msg.events.length === 0) return;
        if (last?.kind === "events") last.events.push(...msg.events);
        else this.pending.push({ kind: "events", events: [...msg.events] });
        break;
      case "snapshot":
        this.pending.push({ kind: "action", action: { type: "snapshot", bots: msg.bots } });
        break;
      case "removed":
        this.pending.push({ kind: "action", action: { type: "botRemoved", id: msg.id } });
        break;
      case "error":
        this.pending.push({ kind: "action", action: { type: "notice", kind: "error", text: `daemon: ${msg.message}` } });
        break;
      case "hello":
      case "ignored":
        return;
    }
    if (this.handle === null) this.handle = this.schedule(() => this.flushNow(), this.intervalMs);
  }

  /** Number of queued UI actions (for tests and the benchmark). */
  get size(): number {
    return this.pending.length;
  }

  flushNow(): void {
    if (this.handle !== null) this.cancel(this.handle);
    this.handle = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.deliver(
      batch.map((p): Action => (p.kind === "status" ? { type: "botsUpdated", bots: [...p.bots.values()] } : p.kind === "events" ? { type: "events", events: p.events } : p.action)),
    );
  }

  dispose(): void {
    if (this.handle !== null) this.cancel(this.handle);
    this.handle = null;
    this.pending = [];
  }
}
