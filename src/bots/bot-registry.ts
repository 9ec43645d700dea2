/**
 * The registry owns the actors and routes commands to them by id. Listing and status reads are
 * served from each actor's replica (no mailbox, no loop); the list is memoised on the sum of
 * replica versions so a hot `GET /api/bots` costs one comparison per bot when nothing moved.
 *
 * Config-file bots (`source = "config"`) are reconciled by `syncConfigBots`: new entries are
 * created, changed ones updated (restarting the bot when a reset field changed), removed or
 * disabled ones stopped and unloaded (their history stays in the store; re-adding the entry
 * brings it back). API bots are untouched by config reloads.
 */
import { ConflictError, NotFoundError, type Clock } from "../core/index.ts";
import type { Logger } from "../lib/logger.ts";
import { BotActor, errorText, type ActorSettings, type BotNotification, type UpdateResult } from "./bot-actor.ts";
import type { BotRuntimeFactory, BotStore, ListQuery, StoredBot } from "./ports.ts";
import { diffSpecs } from "./spec-diff.ts";
import type { BotCommandName, BotDetail, BotEvent, BotSource, BotSpec, BotState, BotSummary, EquityPoint, Page, PositionView, TradeView } from "./types.ts";

export interface RegistryDeps {
  readonly runtimes: BotRuntimeFactory;
  readonly store: BotStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly settings: ActorSettings;
}

export interface SyncReport {
  readonly created: string[];
  readonly updated: string[];
  readonly removed: string[];
  readonly restart_required: Record<string, readonly string[]>;
  readonly errors: Record<string, string>;
}

export type RegistryListener = (n: BotNotification) => void;

export class BotRegistry {
  private readonly actors = new Map<string, BotActor>();
  private readonly listeners = new Set<RegistryListener>();
  private listCache: { key: number; size: number; value: readonly BotSummary[] } | null = null;
  private closing = false;

  constructor(private readonly deps: RegistryDeps) {}

  /** Subscribes to status changes, events and removals; returns an unsubscribe function. */
  subscribe(fn: RegistryListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get size(): number {
    return this.actors.size;
  }

  list(): readonly BotSummary[] {
    let key = 0;
    for (const a of this.actors.values()) key += a.replica.version;
    const c = this.listCache;
    if (c !== null && c.key === key && c.size === this.actors.size) return c.value;
    const value = [...this.actors.values()].map((a) => a.summary());
    this.listCache = { key, size: this.actors.size, value };
    return value;
  }

  /** Count of bots per state (for metrics). */
  countByState(): Record<BotState, number> {
    const out: Record<BotState, number> = { stopped: 0, starting: 0, running: 0, paused: 0, stopping: 0, error: 0 };
    for (const a of this.actors.values()) out[a.state]++;
    return out;
  }

  has(id: string): boolean {
    return this.actors.has(id);
  }

  get(id: string): BotSummary {
    return this.actor(id).summary();
  }

  /** The bot's current definition. */
  spec(id: string): BotSpec {
    return this.actor(id).replica.spec;
  }

  detail(id: string): BotDetail {
    return this.actor(id).detail();
  }

  positions(id: string): readonly PositionView[] {
    return this.actor(id).replica.positions;
  }

  trades(id: string, q: ListQuery): Page<TradeView> {
    this.actor(id);
    return this.deps.store.trades(id, q);
  }

  events(id: string, q: ListQuery & { after_seq?: number; type?: string }): Page<BotEvent> {
    this.actor(id);
    return this.deps.store.events(id, q);
  }

  equity(id: string, q: ListQuery & { from?: number; to?: number }): Page<EquityPoint> {
    this.actor(id);
    return this.deps.store.equity(id, q);
  }

  /** Creates and persists a bot (Stopped, or started when `autostart`). */
  async create(spec: BotSpec, source: BotSource = "api"): Promise<BotSummary> {
    if (this.closing) throw new ConflictError("daemon is shutting down");
    if (this.actors.has(spec.id)) throw new ConflictError(`bot '${spec.id}' already exists`, { bot_id: spec.id });
    this.deps.runtimes.validate(spec);
    const stored = this.deps.store.loadAll().bots.find((b) => b.spec.id === spec.id);
    this.deps.store.saveSpec(spec, source, spec.enabled, this.deps.clock.now());
    const actor = this.spawn(spec, source, stored);
    // A re-added bot keeps its history; if what its book means changed, it starts a new epoch.
    if (stored && diffSpecs(stored.spec, spec).reset.length > 0) actor.resetBook();
    this.notify({ kind: "status", bot_id: spec.id });
    if (spec.autostart) await actor.command("start");
    return actor.summary();
  }

  command(id: string, cmd: BotCommandName): Promise<BotSummary> {
    if (this.closing && cmd !== "stop") return Promise.reject(new ConflictError("daemon is shutting down"));
    return this.actor(id).command(cmd);
  }

  update(id: string, spec: BotSpec, opts: { restart?: boolean } = {}): Promise<UpdateResult> {
    return this.actor(id).update(spec, opts);
  }

  async delete(id: string): Promise<void> {
    const a = this.actor(id);
    await a.delete();
    this.actors.delete(id);
    this.listCache = null;
  }

  /**
   * Loads every enabled bot from the store, Stopped (a bot that was running before a restart
   * keeps its book and history but waits for a start), then starts the bots marked autostart
   * unless `autostart: false` (the daemon reconciles config bots first, then autostarts).
   */
  async restore(opts: { autostart?: boolean } = {}): Promise<{ restored: string[]; started: string[]; problems: string[] }> {
    const { bots, problems } = this.deps.store.loadAll();
    const restored: string[] = [];
    for (const b of bots) {
      if (!b.enabled || this.actors.has(b.spec.id)) continue;
      this.spawn(b.spec, b.source, b);
      restored.push(b.spec.id);
    }
    const started = opts.autostart === false ? [] : await this.autostart(problems);
    return { restored, started, problems };
  }

  /** Starts every stopped bot whose definition says autostart; failures are collected. */
  async autostart(problems: string[] = []): Promise<string[]> {
    const started: string[] = [];
    for (const a of [...this.actors.values()]) {
      if (!a.replica.spec.autostart || a.state !== "stopped") continue;
      try {
        await a.command("start");
        started.push(a.id);
      } catch (e) {
        problems.push(`bot '${a.id}': autostart failed: ${errorText(e)}`);
      }
    }
    return started;
  }

  /** Reconciles config-declared bots with the `[[bots]]` entries of a (re)loaded config. */
  async syncConfigBots(specs: readonly BotSpec[]): Promise<SyncReport> {
    const report: SyncReport = { created: [], updated: [], removed: [], restart_required: {}, errors: {} };
    const wanted = new Map(specs.filter((s) => s.enabled).map((s) => [s.id, s]));
    for (const a of [...this.actors.values()]) {
      if (a.replica.source !== "config" || wanted.has(a.id)) continue;
      try {
        await a.shutdown();
        this.actors.delete(a.id);
        this.listCache = null;
        this.deps.store.setEnabled(a.id, false, this.deps.clock.now());
        this.notify({ kind: "removed", bot_id: a.id });
        report.removed.push(a.id);
      } catch (e) {
        report.errors[a.id] = errorText(e);
      }
    }
    for (const spec of specs.filter((s) => !s.enabled)) this.deps.store.setEnabled(spec.id, false, this.deps.clock.now());
    for (const spec of wanted.values()) {
      const a = this.actors.get(spec.id);
      try {
        if (!a) {
          await this.create(spec, "config");
          report.created.push(spec.id);
        } else if (a.replica.source !== "config") {
          report.errors[spec.id] = `bot '${spec.id}' exists and was created through the API; rename the [[bots]] entry`;
        } else {
          const r = await a.update(spec, { restart: true });
          if (r.diff.hot.length + r.diff.next_start.length + r.diff.reset.length > 0) report.updated.push(spec.id);
          if (r.restart_required.length > 0) report.restart_required[spec.id] = r.restart_required;
        }
      } catch (e) {
        report.errors[spec.id] = errorText(e);
      }
    }
    return report;
  }

  /** Stops every bot and saves its state; new commands are refused from here on. */
  async shutdown(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.actors.values()].map((a) => a.shutdown().catch((e) => this.deps.log.error("Bot shutdown failed", { bot: a.id, error: errorText(e) }))));
  }

  private spawn(spec: BotSpec, source: BotSource, stored: StoredBot | undefined): BotActor {
    const actor = new BotActor(spec, source, { ...this.deps, notify: (n) => this.notify(n) }, stored);
    this.actors.set(spec.id, actor);
    this.listCache = null;
    return actor;
  }

  private notify(n: BotNotification): void {
    for (const fn of this.listeners) {
      try {
        fn(n);
      } catch (e) {
        this.deps.log.warn("Bot listener failed", { error: errorText(e) });
      }
    }
  }

  private actor(id: string): BotActor {
    const a = this.actors.get(id);
    if (!a) throw new NotFoundError("bot", id);
    return a;
  }
}
