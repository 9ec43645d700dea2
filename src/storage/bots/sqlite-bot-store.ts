/**
 * Bot database on bun:sqlite: bot definitions (upsert on id), runtime state, and the history a
 * bot must keep across restarts (closed trades, events, equity curve). One file, WAL journal,
 * synchronous=NORMAL: a committed transaction survives the process being killed (kill -9), and
 * `commit` writes a bot's batch (state + rows) in ONE transaction so a crash leaves all or none.
 *
 * The store is shape-agnostic (generic over the spec/state/row types, stored as JSON with a
 * few indexed columns) because storage must not import the bots module; src/app instantiates
 * it with the bots types. Rows are idempotent on their keys (INSERT OR REPLACE): a bot that
 * re-processes bars after a restart rewrites the same keys instead of duplicating them.
 */
import { Database, type Statement } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { StorageError } from "../../core/index.ts";
import { OwnerLock } from "./owner-lock.ts";
import { BOT_SCHEMA_SQL, BOT_SCHEMA_VERSION } from "./schema.ts";

const EQUITY_CHUNK = 64;

export interface StoredBotRow<Spec, State> {
  readonly spec: Spec;
  readonly source: "config" | "api";
  readonly enabled: boolean;
  readonly created_at: number;
  readonly updated_at: number;
  readonly state: State | null;
}

export interface PageOf<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

interface TradeLike {
  readonly epoch: number;
  readonly id: number;
  readonly exit_time: number;
}
interface EventLike {
  readonly seq: number;
  readonly ts: number;
  readonly type: string;
}
interface EquityLike {
  readonly ts: number;
  readonly equity: number;
  readonly bar_index: number;
}
interface StateLike {
  readonly state: string;
  readonly last_heartbeat: number | null;
}

export interface CommitBatchOf<State, Trade, Event, Equity> {
  readonly state?: State;
  /** Drop the bot's equity curve first (its book was reset). */
  readonly clear_equity?: boolean;
  readonly trades?: readonly Trade[];
  readonly events?: readonly Event[];
  readonly equity?: readonly Equity[];
}

/** `sqlite://data/bots.db` → data/bots.db; `sqlite:///abs.db` → /abs.db; `:memory:` stays. */
export function sqlitePathFromUrl(url: string): string {
  let u = url.trim();
  const q = u.indexOf("?");
  if (q >= 0) u = u.slice(0, q);
  if (u.startsWith("sqlite://")) u = u.slice("sqlite://".length);
  else if (u.startsWith("sqlite:")) u = u.slice("sqlite:".length);
  if (u === "" ) throw new StorageError(`bot database url has no path: "${url}"`, { code: "BOT_DB_URL", action: "stop", details: { url } });
  return u;
}

export class SqliteBotStore<
  Spec extends { readonly id: string },
  State extends StateLike,
  Trade extends TradeLike,
  Event extends EventLike,
  Equity extends EquityLike = EquityLike,
> {
  readonly path: string;
  private readonly db: Database;
  private owner: OwnerLock | null = null;
  private readonly st: Record<string, Statement>;
  private readonly commitTx: (id: string, b: CommitBatchOf<State, Trade, Event, Equity>, now: number) => void;

  constructor(url: string, private readonly now: () => number) {
    this.path = sqlitePathFromUrl(url);
    let opened: Database | undefined;
    try {
      if (this.path !== ":memory:") mkdirSync(dirname(this.path), { recursive: true });
      this.owner = OwnerLock.acquire(this.path); // first: a second daemon stops here
      opened = new Database(this.path, { create: true, strict: true });
      this.db = opened;
      this.db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
      this.migrate();
    } catch (e) {
      try {
        opened?.close();
        this.owner?.release();
      } catch {
        // already failing; the original error is the one to report
      }
      if (e instanceof StorageError) throw e;
      throw new StorageError(`cannot open bot database ${this.path}: ${e instanceof Error ? e.message : String(e)}`, {
        code: "BOT_DB_OPEN",
        action: "stop",
        details: { path: this.path },
        cause: e,
      });
    }
    const db = this.db;
    this.st = {
      upsert: db.prepare(
        `INSERT INTO bot_configs(bot_id, config_json, source, enabled, created_at, updated_at) VALUES ($id, $json, $source, $enabled, $now, $now)
         ON CONFLICT(bot_id) DO UPDATE SET config_json = excluded.config_json, source = excluded.source, enabled = excluded.enabled, updated_at = excluded.updated_at`,
      ),
      enable: db.prepare(`UPDATE bot_configs SET enabled = $enabled, updated_at = $now WHERE bot_id = $id`),
      del: db.prepare(`DELETE FROM bot_configs WHERE bot_id = $id`),
      all: db.prepare(
        `SELECT c.bot_id, c.config_json, c.source, c.enabled, c.created_at, c.updated_at, s.state_json FROM bot_configs c
         LEFT JOIN bot_runtime_state s ON s.bot_id = c.bot_id ORDER BY c.created_at, c.bot_id`,
      ),
      state: db.prepare(
        `INSERT INTO bot_runtime_state(bot_id, state, state_json, last_heartbeat, updated_at) VALUES ($id, $state, $json, $hb, $now)
         ON CONFLICT(bot_id) DO UPDATE SET state = excluded.state, state_json = excluded.state_json, last_heartbeat = excluded.last_heartbeat, updated_at = excluded.updated_at`,
      ),
      trade: db.prepare(`INSERT OR REPLACE INTO bot_trades(bot_id, epoch, trade_id, exit_time, json) VALUES ($id, $epoch, $tid, $exit, $json)`),
      event: db.prepare(`INSERT OR REPLACE INTO bot_events(bot_id, seq, ts, type, json) VALUES ($id, $seq, $ts, $type, $json)`),
      equity: db.prepare(`INSERT OR REPLACE INTO bot_equity(bot_id, ts, equity, bar_index) VALUES ($id, $ts, $equity, $bar)`),
      prune: db.prepare(`DELETE FROM bot_events WHERE bot_id = $id AND seq <= (SELECT seq FROM bot_events WHERE bot_id = $id ORDER BY seq DESC LIMIT 1 OFFSET $keep)`),
    };
    const clearEquity = db.prepare(`DELETE FROM bot_equity WHERE bot_id = $id`);
    // Equity arrives one row per bar; insert it EQUITY_CHUNK rows per statement.
    const equityChunk = db.prepare(`INSERT OR REPLACE INTO bot_equity(bot_id, ts, equity, bar_index) VALUES ${Array(EQUITY_CHUNK).fill("(?, ?, ?, ?)").join(", ")}`);
    const args: (string | number)[] = new Array(EQUITY_CHUNK * 4);
    this.commitTx = db.transaction((id: string, b: CommitBatchOf<State, Trade, Event, Equity>, now: number) => {
      if (b.clear_equity) clearEquity.run({ id });
      if (b.state !== undefined) this.st.state!.run({ id, state: b.state.state, json: JSON.stringify(b.state), hb: b.state.last_heartbeat, now });
      for (const t of b.trades ?? []) this.st.trade!.run({ id, epoch: t.epoch, tid: t.id, exit: t.exit_time, json: JSON.stringify(t) });
      for (const e of b.events ?? []) this.st.event!.run({ id, seq: e.seq, ts: e.ts, type: e.type, json: JSON.stringify(e) });
      const eq = b.equity ?? [];
      let i = 0;
      for (; i + EQUITY_CHUNK <= eq.length; i += EQUITY_CHUNK) {
        for (let k = 0; k < EQUITY_CHUNK; k++) {
          const q = eq[i + k]!;
          args[4 * k] = id;
          args[4 * k + 1] = q.ts;
          args[4 * k + 2] = q.equity;
          args[4 * k + 3] = q.bar_index;
        }
        equityChunk.run(...args);
      }
      for (; i < eq.length; i++) this.st.equity!.run({ id, ts: eq[i]!.ts, equity: eq[i]!.equity, bar: eq[i]!.bar_index });
    });
  }

  /**
   * Every stored bot, oldest first. `parseSpec` re-validates each definition (the schema may
   * have moved since it was written); rows it rejects are listed in `problems`, not thrown.
   */
  loadAll(parseSpec: (json: unknown, id: string) => Spec = (j) => j as Spec): { bots: StoredBotRow<Spec, State>[]; problems: string[] } {
    const bots: StoredBotRow<Spec, State>[] = [];
    const problems: string[] = [];
    const rows = this.st.all!.all() as { bot_id: string; config_json: string; source: string; enabled: number; created_at: number; updated_at: number; state_json: string | null }[];
    for (const r of rows) {
      try {
        const spec = parseSpec(JSON.parse(r.config_json), r.bot_id);
        const state = r.state_json === null ? null : (JSON.parse(r.state_json) as State);
        bots.push({ spec, source: r.source === "config" ? "config" : "api", enabled: r.enabled === 1, created_at: r.created_at, updated_at: r.updated_at, state });
      } catch (e) {
        problems.push(`${this.path}: bot '${r.bot_id}': ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return { bots, problems };
  }

  saveSpec(spec: Spec, source: "config" | "api", enabled: boolean, now: number): void {
    this.st.upsert!.run({ id: spec.id, json: JSON.stringify(spec), source, enabled: enabled ? 1 : 0, now });
  }

  setEnabled(id: string, enabled: boolean, now: number): void {
    this.st.enable!.run({ id, enabled: enabled ? 1 : 0, now });
  }

  deleteBot(id: string): void {
    this.st.del!.run({ id });
  }

  commit(id: string, batch: CommitBatchOf<State, Trade, Event, Equity>): void {
    try {
      this.commitTx(id, batch, this.now());
    } catch (e) {
      throw new StorageError(`bot database ${this.path}: cannot save bot '${id}': ${e instanceof Error ? e.message : String(e)}`, {
        code: "BOT_DB_WRITE",
        action: "retry",
        details: { path: this.path, bot_id: id },
        cause: e,
      });
    }
  }

  pruneEvents(id: string, keep: number): void {
    this.st.prune!.run({ id, keep });
  }

  trades(id: string, q: { readonly offset: number; readonly limit: number }): PageOf<Trade> {
    return this.page<Trade>("bot_trades", "json", "epoch, trade_id", id, q, "", {});
  }

  events(id: string, q: { readonly offset: number; readonly limit: number; readonly after_seq?: number; readonly type?: string; readonly order?: "asc" | "desc" }): PageOf<Event> {
    let where = "";
    const args: Record<string, string | number> = {};
    if (q.after_seq !== undefined) {
      where += " AND seq > $after";
      args.after = q.after_seq;
    }
    if (q.type !== undefined) {
      where += " AND type = $type";
      args.type = q.type;
    }
    return this.page<Event>("bot_events", "json", q.order === "desc" ? "seq DESC" : "seq", id, q, where, args);
  }

  equity(id: string, q: { readonly offset: number; readonly limit: number; readonly from?: number; readonly to?: number }): PageOf<Equity> {
    let where = "";
    const args: Record<string, number> = {};
    if (q.from !== undefined) {
      where += " AND ts >= $from";
      args.from = q.from;
    }
    if (q.to !== undefined) {
      where += " AND ts < $to";
      args.to = q.to;
    }
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM bot_equity WHERE bot_id = $id${where}`).get({ id, ...args }) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT ts, equity, bar_index FROM bot_equity WHERE bot_id = $id${where} ORDER BY ts LIMIT $limit OFFSET $offset`)
      .all({ id, ...args, limit: q.limit, offset: q.offset }) as Equity[];
    return { items: rows, total, offset: q.offset, limit: q.limit };
  }

  close(): void {
    try {
      this.db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch {
      // A checkpoint is an optimisation; closing still flushes the WAL safely.
    }
    this.db.close();
    this.owner?.release();
  }

  private page<T>(table: string, col: string, order: string, id: string, q: { offset: number; limit: number }, where: string, args: Record<string, string | number>): PageOf<T> {
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE bot_id = $id${where}`).get({ id, ...args }) as { n: number }).n;
    const rows = this.db
      .prepare(`SELECT ${col} AS json FROM ${table} WHERE bot_id = $id${where} ORDER BY ${order} LIMIT $limit OFFSET $offset`)
      .all({ id, ...args, limit: q.limit, offset: q.offset }) as { json: string }[];
    return { items: rows.map((r) => JSON.parse(r.json) as T), total, offset: q.offset, limit: q.limit };
  }

  private migrate(): void {
    this.db.exec(BOT_SCHEMA_SQL);
    const row = this.db.prepare(`SELECT value FROM bot_meta WHERE key = 'schema_version'`).get() as { value: string } | null;
    const v = row ? Number(row.value) : 0;
    if (v > BOT_SCHEMA_VERSION) {
      throw new StorageError(`bot database ${this.path} has schema version ${v}, newer than this binary's ${BOT_SCHEMA_VERSION}; upgrade algo-trade`, {
        code: "BOT_DB_VERSION",
        action: "stop",
        details: { path: this.path, version: v },
      });
    }
    this.db.prepare(`INSERT OR REPLACE INTO bot_meta(key, value) VALUES ('schema_version', $v)`).run({ v: String(BOT_SCHEMA_VERSION) });
  }
}
