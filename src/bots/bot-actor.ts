/**
 * One actor per bot. Commands (start, stop, pause, resume, update-config, delete) go through
 * the bot's mailbox and run one at a time; the trading loop runs beside the mailbox, so a busy
 * loop never delays a command and a command never aborts the loop by accident. Status reads
 * go to the replica and touch neither.
 *
 * Persistence rule (what makes `kill -9` safe): after every batch of bars, anything it produced
 * (trades, fills, orders, events, equity points) is committed in one SQLite transaction together
 * with a runtime snapshot whenever orders or fills happened, BEFORE any of it is published or
 * readable through the API. A restart therefore resumes from a snapshot at least as recent as
 * the last stored trade; re-processed bars can only add trades after it.
 */
import { ConfigError, ConflictError, isBaseError, type Clock } from "../core/index.ts";
import { INTERVALS, type Interval } from "../core/interval.ts";
import type { Logger } from "../lib/logger.ts";
import { BotReplica } from "./bot-replica.ts";
import { runtimeHooks } from "./runtime-hooks.ts";
import { Mailbox } from "./mailbox.ts";
import { BotJournal } from "./bot-journal.ts";
import type { BotRuntime, BotRuntimeFactory, BotStore, RuntimeHooks, StoredBot } from "./ports.ts";
import { diffSpecs, isEmptyDiff, type SpecDiff } from "./spec-diff.ts";
import { assertCommand, isActive } from "./state-machine.ts";
import type { BotCommandName, BotDetail, BotEvent, BotEventBody, BotSource, BotSpec, BotState, BotSummary, FeedStatus } from "./types.ts";

export interface ActorSettings {
  readonly persistIntervalMs: number;
  readonly recentEvents: number;
  readonly eventRetention: number;
}

export type BotNotification =
  | { readonly kind: "status"; readonly bot_id: string }
  | { readonly kind: "event"; readonly event: BotEvent }
  | { readonly kind: "removed"; readonly bot_id: string };

export interface ActorDeps {
  readonly runtimes: BotRuntimeFactory;
  readonly store: BotStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly settings: ActorSettings;
  readonly notify: (n: BotNotification) => void;
}

export interface UpdateResult {
  readonly summary: BotSummary;
  readonly diff: SpecDiff;
  /** Fields stored but waiting for the next start. */
  readonly restart_required: readonly string[];
}

export function intervalMsOf(spec: BotSpec): number {
  return INTERVALS[spec.interval as Interval] ?? 60_000;
}

export class BotActor {
  readonly id: string;
  readonly replica: BotReplica;
  private readonly mailbox: Mailbox;
  private runtime: BotRuntime | null = null;
  private runAbort: AbortController | null = null;
  private stepAbort: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private resumeGate: { promise: Promise<void>; open: () => void } | null = null;
  private readonly journal: BotJournal;
  private deleted = false;
  private fatalError: unknown = null;

  constructor(
    spec: BotSpec,
    source: BotSource,
    private readonly deps: ActorDeps,
    stored?: StoredBot,
  ) {
    this.id = spec.id;
    this.replica = new BotReplica(spec, source, intervalMsOf(spec), deps.settings.recentEvents);
    this.mailbox = new Mailbox(`bot ${spec.id}`);
    this.journal = new BotJournal(spec.id, this.replica, {
      store: deps.store,
      clock: deps.clock,
      notify: (n) => deps.notify(n),
      eventRetention: deps.settings.eventRetention,
      snapshot: () => this.runtime?.snapshot() ?? null,
    });
    if (stored) {
      // The latest events, so a restored bot's detail shows what it did last.
      const n = deps.settings.recentEvents;
      for (const e of [...deps.store.events(spec.id, { offset: 0, limit: n, order: "desc" }).items].reverse()) this.replica.pushRecent(e);
    }
    if (stored?.state) this.replica.restore(stored.state);
  }

  get state(): BotState {
    return this.replica.state;
  }

  summary(): BotSummary {
    return this.replica.summary();
  }

  detail(): BotDetail {
    return this.replica.detail();
  }

  /** Runs a lifecycle command through the mailbox. */
  command(cmd: BotCommandName): Promise<BotSummary> {
    return this.mailbox.send(async () => {
      if (this.deleted) throw new ConflictError(`bot '${this.id}' was deleted`);
      assertCommand(this.id, cmd, this.replica.state);
      if (cmd === "start") await this.doStart();
      else if (cmd === "stop") await this.doStop();
      else if (cmd === "pause") this.doPause();
      else this.doResume();
      return this.summary();
    });
  }

  /**
   * Replaces the definition. Hot fields reach the running bot at its next bar; reset fields
   * need a stopped bot unless `restart` is set (config-file reload), in which case the bot is
   * stopped, reset and started again if it was active.
   */
  update(next: BotSpec, opts: { restart?: boolean } = {}): Promise<UpdateResult> {
    return this.mailbox.send(async () => {
      if (next.id !== this.id) throw new ConfigError(`bot id cannot change ('${this.id}' → '${next.id}')`, { field: "id" });
      const diff = diffSpecs(this.replica.spec, next);
      if (isEmptyDiff(diff)) return { summary: this.summary(), diff, restart_required: [] };
      this.deps.runtimes.validate(next);
      const wasActive = isActive(this.replica.state) && this.replica.state !== "stopping";
      if (diff.reset.length > 0 && wasActive) {
        if (!opts.restart) {
          throw new ConflictError(`bot '${this.id}' is ${this.replica.state}: stop it before changing ${diff.reset.join(", ")}`, {
            bot_id: this.id,
            fields: diff.reset,
          });
        }
        await this.doStop();
      }
      this.replica.spec = next;
      if (diff.reset.length > 0) this.resetBook();
      const applied = this.runtime && diff.hot.length > 0 ? this.runtime.reconfigure(next) : [];
      const restartRequired = isActive(this.replica.state) ? diff.next_start : [];
      this.deps.store.saveSpec(next, this.replica.source, next.enabled, this.deps.clock.now());
      this.emit({ type: "config", data: { changed: [...diff.hot, ...diff.next_start, ...diff.reset], restart_required: restartRequired } }, null);
      if (applied.length > 0) this.deps.log.info("Bot reconfigured", { bot: this.id, applied });
      this.replica.touch();
      this.flush(true);
      if (diff.reset.length > 0 && wasActive && opts.restart) await this.doStart();
      return { summary: this.summary(), diff, restart_required: restartRequired };
    });
  }

  /** Stops the bot if needed and removes it with its history. */
  delete(): Promise<void> {
    return this.mailbox.send(async () => {
      if (isActive(this.replica.state)) await this.doStop();
      this.deleted = true;
      this.journal.closed = true;
      this.deps.store.deleteBot(this.id);
      this.mailbox.close();
      this.deps.notify({ kind: "removed", bot_id: this.id });
    });
  }

  /** Stops the loop (if any) and saves everything; used at shutdown and when a bot is unloaded. */
  shutdown(): Promise<void> {
    return this.mailbox.send(async () => {
      if (isActive(this.replica.state)) await this.doStop();
      else this.flush(true);
    });
  }

  /** Fresh book (new epoch); the stored equity curve is dropped at the next save. */
  resetBook(): void {
    this.replica.resetBook(intervalMsOf(this.replica.spec));
    this.journal.clearEquity = true;
  }

  // ---- lifecycle ------------------------------------------------------------------------

  private async doStart(): Promise<void> {
    this.deps.runtimes.validate(this.replica.spec);
    // A loop that just failed may still be closing its runtime.
    if (this.loop) await this.loop;
    const r = this.replica;
    r.error = null;
    this.fatalError = null;
    r.startedAt = this.deps.clock.now();
    r.lastHeartbeat = r.startedAt;
    this.setState("starting");
    const ctrl = new AbortController();
    this.runAbort = ctrl;
    this.loop = this.run(ctrl.signal);
  }

  private async doStop(): Promise<void> {
    this.setState("stopping");
    this.runAbort?.abort();
    this.stepAbort?.abort();
    this.resumeGate?.open();
    await this.loop;
    this.loop = null;
    this.runAbort = null;
    this.setState("stopped");
  }

  private doPause(): void {
    let open!: () => void;
    const promise = new Promise<void>((res) => (open = res));
    this.resumeGate = { promise, open };
    this.stepAbort?.abort();
    this.setState("paused");
  }

  private doResume(): void {
    this.setState("running");
    const g = this.resumeGate;
    this.resumeGate = null;
    g?.open();
  }

  private async run(signal: AbortSignal): Promise<void> {
    const r = this.replica;
    let rt: BotRuntime | null = null;
    try {
      rt = this.deps.runtimes.create(r.spec, r.runtime, this.hooks());
      this.runtime = rt;
      await rt.start(signal);
      if (signal.aborted) return;
      r.runtime = rt.snapshot();
      r.positions = rt.positions();
      this.setState("running");
      this.journal.lastPersist = this.deps.clock.now();
      while (!signal.aborted) {
        if (r.state === "paused" && this.resumeGate) {
          await this.resumeGate.promise;
          if (this.fatalError !== null) throw this.fatalError;
          continue;
        }
        const step = new AbortController();
        this.stepAbort = step;
        const onAbort = (): void => step.abort();
        signal.addEventListener("abort", onAbort, { once: true });
        let more: boolean;
        try {
          more = await rt.step(step.signal);
        } finally {
          signal.removeEventListener("abort", onAbort);
          this.stepAbort = null;
        }
        r.positions = rt.positions();
        r.touch();
        this.afterStep();
        if (this.fatalError !== null) throw this.fatalError;
        if (!more) {
          this.setFeed({ state: "ended", message: "feed ended (replay finished)" });
          this.emit({ type: "notice", data: { message: "feed ended: replay finished, bot stopped" } }, r.lastBarTime);
          r.runtime = rt.snapshot();
          if (!signal.aborted) this.setState("stopped");
          break;
        }
        // Let API requests and other bots run between batches.
        await new Promise<void>((res) => setImmediate(res));
      }
    } catch (e) {
      if (!signal.aborted) this.fail(e);
    } finally {
      if (rt) {
        r.runtime = rt.snapshot();
        r.positions = rt.positions();
        if (this.runtime === rt) this.runtime = null;
        try {
          await rt.close();
        } catch (e) {
          this.deps.log.warn("Bot runtime close failed", { bot: this.id, error: errorText(e) });
        }
      }
      if (r.feedStatus.state !== "ended") this.setFeed({ state: "idle", message: null });
      this.flush(true);
    }
  }

  private afterStep(): void {
    const now = this.deps.clock.now();
    const due = now - this.journal.lastPersist >= this.deps.settings.persistIntervalMs;
    if (this.journal.traded || due) {
      this.flush(true);
    } else if (this.journal.pendingRows > 0) {
      this.flush(false);
    }
  }

  private fail(e: unknown): void {
    const msg = errorText(e);
    const code = isBaseError(e) ? e.code : "INTERNAL";
    this.deps.log.error("Bot failed", { bot: this.id, code, error: msg });
    this.replica.error = msg;
    this.emit({ type: "error", data: { code, message: msg } }, null);
    this.setState("error", msg);
  }

  // ---- replica updates ------------------------------------------------------------------

  private setState(to: BotState, error?: string): void {
    const r = this.replica;
    const from = r.state;
    if (from === to) return;
    r.state = to;
    r.touch();
    this.emit({ type: "state", data: error === undefined ? { from, to } : { from, to, error } }, null);
    this.flush(true);
  }

  private setFeed(s: FeedStatus): void {
    const r = this.replica;
    if (r.feedStatus.state === s.state && r.feedStatus.message === s.message) return;
    r.feedStatus = s;
    r.touch();
    this.deps.notify({ kind: "status", bot_id: this.id });
  }

  private emit(body: BotEventBody, marketTs: number | null): void {
    this.journal.emit(body, marketTs);
  }

  private flush(withState: boolean): void {
    this.journal.flush(withState);
  }

  private hooks(): RuntimeHooks {
    return runtimeHooks(this.replica, this.journal, this.deps.clock, {
      feedStatus: (st) => this.setFeed(st),
      fatal: (e) => {
        this.fatalError ??= e;
        this.stepAbort?.abort();
        this.resumeGate?.open();
      },
    });
  }
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
