/**
 * Hot reload of the daemon's config file. The file's folder is watched (editors replace files
 * by rename, which a watch on the file itself would lose) and, as a fallback for file systems
 * without change events, the file's content hash is polled. A change is reloaded with the same
 * loader as at start (file + env), then:
 *  - invalid (TOML or schema error): nothing changes; the error is logged and kept for
 *    GET /api/config;
 *  - valid: `[[bots]]` is reconciled at once (created, updated at the next bar, or stopped);
 *    every other changed key is listed as needing a restart and the old value stays in force.
 * Reloads run one at a time; a burst of writes yields one reload of the final content.
 */
import { watch, readFileSync, type FSWatcher } from "node:fs";
import { basename, dirname } from "node:path";
import { createHash } from "node:crypto";
import { loadConfig, type AppConfig } from "../../config/index.ts";
import type { BotRegistry, SyncReport } from "../../bots/index.ts";
import type { Clock } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import type { ConfigState } from "./config-view.ts";

export interface WatcherDeps {
  readonly path: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly state: ConfigState;
  readonly registry: BotRegistry;
  readonly clock: Clock;
  readonly log: Logger;
  /** The config the daemon started with (restart-required keys are relative to it). */
  readonly initial: AppConfig;
  readonly debounceMs?: number;
  readonly pollMs?: number;
}

export class ConfigWatcher {
  private fsw: FSWatcher | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private lastHash: string;
  reloads = 0;

  constructor(private readonly d: WatcherDeps) {
    this.lastHash = hashOf(d.path);
  }

  start(): void {
    const file = basename(this.d.path);
    try {
      this.fsw = watch(dirname(this.d.path), (_event, name) => {
        if (name === null || name === file) this.schedule();
      });
    } catch (e) {
      this.d.log.warn("Config watch unavailable, polling only", { path: this.d.path, error: e instanceof Error ? e.message : String(e) });
    }
    this.poll = setInterval(() => {
      if (hashOf(this.d.path) !== this.lastHash) this.schedule();
    }, this.d.pollMs ?? 1000);
  }

  stop(): void {
    this.fsw?.close();
    if (this.poll) clearInterval(this.poll);
    if (this.debounce) clearTimeout(this.debounce);
  }

  /** Waits for the reload in progress (if any). */
  settled(): Promise<void> {
    return this.chain;
  }

  private schedule(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.chain = this.chain.then(() => this.reload()).catch((e) => this.d.log.error("Config reload failed", { error: String(e) }));
    }, this.d.debounceMs ?? 100);
  }

  /** Reloads now if the content changed; exposed for tests and SIGHUP. */
  async reload(): Promise<void> {
    const hash = hashOf(this.d.path);
    if (hash === this.lastHash) return;
    this.lastHash = hash;
    this.reloads++;
    const st = this.d.state;
    const at = this.d.clock.now();
    let next: AppConfig;
    try {
      next = loadConfig({ path: this.d.path, env: this.d.env }).config;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      st.lastReload = { at, ok: false, error, changes: {} };
      this.d.log.error("Config reload rejected; the previous config stays in force", { path: this.d.path, error });
      return;
    }
    const report: SyncReport = await this.d.registry.syncConfigBots(next.bots);
    const restart = changedKeys(withoutBots(this.d.initial), withoutBots(next));
    st.config = { ...st.config, bots: next.bots };
    st.restartRequired = restart;
    st.loadedAt = at;
    const botErrors = Object.keys(report.errors).length;
    st.lastReload = { at, ok: botErrors === 0, error: botErrors ? Object.entries(report.errors).map(([id, m]) => `${id}: ${m}`).join("; ") : null, changes: { bots: report, restart_required: restart } };
    this.d.log.info("Config reloaded", {
      created: report.created.length,
      updated: report.updated.length,
      removed: report.removed.length,
      errors: botErrors,
      ...(restart.length ? { restart_required: restart.join(",") } : {}),
    });
  }
}

function hashOf(path: string): string {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return "missing";
  }
}

function withoutBots(c: AppConfig): Record<string, unknown> {
  const { bots: _bots, ...rest } = c;
  return rest;
}

/** Dotted paths of leaves that differ between two plain objects. */
export function changedKeys(a: unknown, b: unknown, prefix = ""): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const out: string[] = [];
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) out.push(...changedKeys(a[k], b[k], prefix ? `${prefix}.${k}` : k));
    return out;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [prefix || "(root)"];
}
