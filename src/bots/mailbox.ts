/**
 * A bot's mailbox: commands run one at a time, in arrival order, each to completion before the
 * next starts (the actor model's single-threaded guarantee, on an event loop). Each `send`
 * resolves with its handler's result or rejects with its error; a failing command never blocks
 * the ones behind it. The trading loop is NOT a mailbox task, so a long-running bot never
 * delays commands and status reads never enter the mailbox at all.
 *
 * Bounded: beyond `capacity` queued commands `send` rejects with a ConflictError (back-pressure
 * on API clients instead of unbounded memory).
 */
import { ConflictError } from "../core/index.ts";

interface Task {
  readonly run: () => Promise<unknown>;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
}

export class Mailbox {
  private readonly queue: Task[] = [];
  private busy = false;
  private closed = false;
  private idleWaiters: (() => void)[] = [];
  processed = 0;

  constructor(
    private readonly name: string,
    private readonly capacity = 64,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  send<T>(run: () => Promise<T> | T): Promise<T> {
    if (this.closed) return Promise.reject(new ConflictError(`${this.name}: mailbox closed`, { mailbox: this.name }));
    if (this.queue.length >= this.capacity) {
      return Promise.reject(new ConflictError(`${this.name}: too many pending commands (${this.capacity})`, { mailbox: this.name }));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: async () => run(), resolve: resolve as (v: unknown) => void, reject });
      if (!this.busy) void this.drain();
    });
  }

  /** Rejects further sends; queued commands still run. */
  close(): void {
    this.closed = true;
  }

  /** Resolves once every queued command has run. */
  idle(): Promise<void> {
    if (!this.busy && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      for (let t = this.queue.shift(); t !== undefined; t = this.queue.shift()) {
        try {
          t.resolve(await t.run());
        } catch (e) {
          t.reject(e);
        }
        this.processed++;
      }
    } finally {
      this.busy = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }
}
