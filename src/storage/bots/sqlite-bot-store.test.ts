/** SQLite bot store: upserts, atomic batches, paging, pruning, cascade delete, versioning, URLs. */
import { afterEach, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteBotStore, sqlitePathFromUrl } from "./sqlite-bot-store.ts";

interface Spec {
  id: string;
  symbol: string;
}
interface State {
  state: string;
  last_heartbeat: number | null;
  n: number;
}
interface Trade {
  epoch: number;
  id: number;
  exit_time: number;
  pnl: number;
}
interface Ev {
  seq: number;
  ts: number;
  type: string;
  msg: string;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "botstore-"));
  dirs.push(d);
  return d;
}

function open(url: string): SqliteBotStore<Spec, State, Trade, Ev> {
  return new SqliteBotStore<Spec, State, Trade, Ev>(url, () => 1_000);
}

describe("SqliteBotStore", () => {
  test("url forms map to paths; the parent folder is created", () => {
    expect(sqlitePathFromUrl("sqlite://data/bots.db")).toBe("data/bots.db");
    expect(sqlitePathFromUrl("sqlite:///var/lib/bots.db?mode=rwc")).toBe("/var/lib/bots.db");
    expect(sqlitePathFromUrl("sqlite::memory:")).toBe(":memory:");
    expect(sqlitePathFromUrl("plain/file.db")).toBe("plain/file.db");
    expect(() => sqlitePathFromUrl("sqlite://")).toThrow(/has no path/);
    const d = tmp();
    const s = open(`sqlite://${d}/nested/deeper/bots.db`);
    expect(existsSync(join(d, "nested/deeper/bots.db"))).toBe(true);
    s.close();
  });

  test("definitions upsert on id and survive reopening; state rides along", () => {
    const path = join(tmp(), "b.db");
    const s = open(path);
    s.saveSpec({ id: "a", symbol: "BTC" }, "api", true, 10);
    s.saveSpec({ id: "b", symbol: "ETH" }, "config", true, 11);
    s.saveSpec({ id: "a", symbol: "SOL" }, "api", true, 12);
    s.commit("a", { state: { state: "running", last_heartbeat: 5, n: 7 } });
    s.setEnabled("b", false, 13);
    s.close();
    const r = open(path);
    const { bots, problems } = r.loadAll();
    expect(problems).toEqual([]);
    expect(bots).toEqual([
      { spec: { id: "a", symbol: "SOL" }, source: "api", enabled: true, created_at: 10, updated_at: 12, state: { state: "running", last_heartbeat: 5, n: 7 } },
      { spec: { id: "b", symbol: "ETH" }, source: "config", enabled: false, created_at: 11, updated_at: 13, state: null },
    ]);
    r.close();
  });

  test("a batch is atomic: a failing row rolls back the whole batch", () => {
    const s = open(":memory:");
    s.saveSpec({ id: "a", symbol: "BTC" }, "api", true, 1);
    s.commit("a", { trades: [{ epoch: 1, id: 1, exit_time: 5, pnl: 1 }] });
    // Unknown bot id violates the foreign key: nothing of this batch may land.
    expect(() => s.commit("ghost", { state: { state: "running", last_heartbeat: null, n: 0 }, trades: [{ epoch: 1, id: 1, exit_time: 1, pnl: 0 }] })).toThrow(
      /cannot save bot 'ghost'/,
    );
    // A batch whose last row is bad (NOT NULL on json via undefined type) also leaves nothing behind.
    expect(() =>
      s.commit("a", {
        trades: [{ epoch: 1, id: 2, exit_time: 6, pnl: 2 }],
        events: [{ seq: 1, ts: 1, type: null as unknown as string, msg: "bad" }],
      }),
    ).toThrow();
    expect(s.trades("a", { offset: 0, limit: 10 }).total).toBe(1);
    expect(s.trades("ghost", { offset: 0, limit: 10 }).total).toBe(0);
    s.close();
  });

  test("paging, filters, idempotent rewrites, pruning and cascade delete", () => {
    const s = open(":memory:");
    s.saveSpec({ id: "a", symbol: "BTC" }, "api", true, 1);
    const trades = Array.from({ length: 25 }, (_, i) => ({ epoch: i < 20 ? 1 : 2, id: i < 20 ? i + 1 : i - 19, exit_time: i, pnl: i }));
    s.commit("a", { trades });
    s.commit("a", { trades: trades.slice(0, 3) }); // a re-processed batch rewrites, never duplicates
    const p = s.trades("a", { offset: 18, limit: 4 });
    expect(p.total).toBe(25);
    expect(p.items.map((t) => `${t.epoch}.${t.id}`)).toEqual(["1.19", "1.20", "2.1", "2.2"]);
    const events = Array.from({ length: 30 }, (_, i) => ({ seq: i + 1, ts: 100 + i, type: i % 3 === 0 ? "fill" : "signal", msg: `e${i}` }));
    s.commit("a", { events, equity: [{ ts: 2, equity: 11, bar_index: 1 }, { ts: 1, equity: 10, bar_index: 0 }] });
    expect(s.events("a", { offset: 0, limit: 100, type: "fill" }).total).toBe(10);
    expect(s.events("a", { offset: 0, limit: 3, after_seq: 27 }).items.map((e) => e.seq)).toEqual([28, 29, 30]);
    expect(s.events("a", { offset: 0, limit: 2, order: "desc" }).items.map((e) => e.seq)).toEqual([30, 29]);
    expect(s.equity("a", { offset: 0, limit: 10 }).items).toEqual([{ ts: 1, equity: 10, bar_index: 0 }, { ts: 2, equity: 11, bar_index: 1 }]);
    expect(s.equity("a", { offset: 0, limit: 10, from: 2 }).total).toBe(1);
    s.pruneEvents("a", 5);
    expect(s.events("a", { offset: 0, limit: 100 }).items.map((e) => e.seq)).toEqual([26, 27, 28, 29, 30]);
    s.commit("a", { clear_equity: true, equity: [{ ts: 9, equity: 1, bar_index: 0 }] });
    expect(s.equity("a", { offset: 0, limit: 10 }).items.map((e) => e.ts)).toEqual([9]);
    s.deleteBot("a");
    expect(s.loadAll().bots).toEqual([]);
    expect(s.trades("a", { offset: 0, limit: 10 }).total).toBe(0);
    expect(s.events("a", { offset: 0, limit: 10 }).total).toBe(0);
    s.close();
  });

  test("unreadable rows are reported, not thrown; a newer schema is refused", () => {
    const path = join(tmp(), "v.db");
    const s = open(path);
    s.saveSpec({ id: "ok", symbol: "BTC" }, "api", true, 1);
    s.saveSpec({ id: "bad", symbol: "" }, "api", true, 2);
    const r = s.loadAll((j, id) => {
      if ((j as Spec).symbol === "") throw new Error("symbol: empty");
      return j as Spec;
    });
    expect(r.bots.map((b) => b.spec.id)).toEqual(["ok"]);
    expect(r.problems).toEqual([`${path}: bot 'bad': symbol: empty`]);
    s.close();
    const raw = new Database(path);
    raw.exec("UPDATE bot_meta SET value = '99' WHERE key = 'schema_version'");
    raw.close();
    expect(() => open(path)).toThrow(/schema version 99, newer than this binary's 1/);
  });
});

describe("one owner per bot database", () => {
  test("a second store on the same file is refused until the first closes", () => {
    const path = join(tmp(), "owned.db");
    const a = open(path);
    a.saveSpec({ id: "a", symbol: "BTC" }, "api", true, 1);
    expect(() => open(path)).toThrow(/bot database .*owned\.db is in use by another process/);
    a.close();
    const b = open(path);
    expect(b.loadAll().bots.map((x) => x.spec.id)).toEqual(["a"]);
    b.close();
  });

  test("the lock dies with its process (kill -9 leaves no stale lock)", async () => {
    const path = join(tmp(), "crash.db");
    const holder = Bun.spawn(
      [process.execPath, "-e", `const { SqliteBotStore } = await import(${JSON.stringify(join(import.meta.dir, "sqlite-bot-store.ts"))}); new SqliteBotStore(${JSON.stringify(path)}, () => 1); console.log("held"); await Bun.sleep(60_000);`],
      { stdout: "pipe", stderr: "inherit" },
    );
    const reader = holder.stdout.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain("held");
    expect(() => open(path)).toThrow(/in use by another process/);
    holder.kill(9);
    await holder.exited;
    const s = open(path);
    expect(s.loadAll().problems).toEqual([]);
    s.close();
  });
});
