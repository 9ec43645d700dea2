/**
 * Hot reload against a real daemon process: `[[bots]]` edits in the watched config file are
 * applied without a restart (params at the next bar, added bots created, removed bots stopped,
 * a reset field restarts the bot on a new book); invalid files (TOML or schema) change nothing
 * and show up in GET /api/config; keys that need a restart are reported as such.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BotDetail, BotEvent, BotSummary, ConfigView, Page } from "../../api/index.ts";
import { dataFile } from "../../testkit/data-path.ts";
import { HL_CANDLES } from "../../testkit/daemon/bot-fixtures.ts";
import { removeDir, spawnDaemon, tempDir, waitFor, type DaemonProc } from "../../testkit/daemon/spawn-daemon.ts";

let d: DaemonProc | null = null;
const dir = tempDir("hot-reload-");
afterAll(async () => {
  if (d && d.proc.exitCode === null) await d.kill(9);
  removeDir(dir);
});

function bot(id: string, o: { fast?: number; interval?: string; autostart?: boolean; bps?: number } = {}): string {
  return `
[[bots]]
id = "${id}"
symbol = "BTC"
interval = "${o.interval ?? "1h"}"
strategy = "ma_crossover"
params = { fast = ${o.fast ?? 5}, slow = 20 }
autostart = ${o.autostart ?? false}
[bots.feed]
kind = "replay"
file = "${dataFile(HL_CANDLES)}"
bars_per_second = ${o.bps ?? 20}
`;
}

function write(text: string, atomic: boolean): void {
  const path = join(dir, "config", "Config.toml");
  if (!atomic) return writeFileSync(path, text);
  writeFileSync(path + ".tmp", text);
  renameSync(path + ".tmp", path); // how most editors save
}

describe("config hot reload (real process)", () => {
  test("valid edits apply without a restart; invalid files change nothing and are reported", async () => {
    d = await spawnDaemon({ dir, config: `[log]\nlevel = "info"\n${bot("cfg1", { autostart: true })}` });
    const p = d;
    const get = (id: string) => p.json<BotDetail>("GET", `/api/bots/${id}`);
    const cfg = () => p.json<ConfigView>("GET", "/api/config");
    await waitFor(async () => (await get("cfg1")).state === "running", "autostarted config bot");
    expect((await get("cfg1")).source).toBe("config");

    // 1. A param change reaches the running bot at its next bar, without stopping it.
    write(`[log]\nlevel = "info"\n${bot("cfg1", { autostart: true, fast: 8 })}`, true);
    await waitFor(async () => (await get("cfg1")).params.fast === 8, "params applied");
    const s1 = await get("cfg1");
    expect(s1.state).toBe("running");
    const ev = await p.json<Page<BotEvent>>("GET", "/api/bots/cfg1/events?type=config");
    expect(ev.items.at(-1)).toMatchObject({ type: "config", data: { changed: ["params"] } });
    const stateEvents = await p.json<Page<BotEvent>>("GET", "/api/bots/cfg1/events?type=state");
    expect(stateEvents.total).toBe(2); // starting, running: never stopped

    // 2. An added entry creates a bot.
    write(`[log]\nlevel = "info"\n${bot("cfg1", { autostart: true, fast: 8 })}${bot("cfg2")}`, false);
    await waitFor(async () => (await p.call("GET", "/api/bots/cfg2")).status === 200, "cfg2 created");
    expect((await get("cfg2")).state).toBe("stopped");

    // 3. Invalid TOML and an invalid schema: the old config stays in force, the error is visible.
    write(`[log\nlevel = "info"\n`, true);
    await waitFor(async () => (await cfg()).last_reload?.ok === false, "parse error recorded");
    expect((await cfg()).last_reload!.error).toContain("invalid TOML");
    write(`[log]\nlevel = "info"\n${bot("cfg1", { autostart: true, fast: 8 })}${bot("cfg2", { interval: "7m" })}`, true);
    await waitFor(async () => (await cfg()).last_reload?.error?.includes("bots.1.interval") === true, "schema error recorded");
    expect((await get("cfg1")).params.fast).toBe(8);
    expect((await get("cfg2")).interval).toBe("1h");
    expect((await p.json<{ status: string }>("GET", "/api/health")).status).toBe("degraded");

    // 4. Removing an entry stops and unloads the bot; restart-only keys are reported, not applied.
    write(`[daemon]\npersist_interval_ms = 500\n[server]\ncors_origins = ["http://ui.local"]\n${bot("cfg1", { autostart: true, fast: 8 })}`, true);
    await waitFor(async () => (await p.call("GET", "/api/bots/cfg2")).status === 404, "cfg2 removed");
    const view = await cfg();
    expect(view.last_reload).toMatchObject({ ok: true, error: null });
    expect(view.restart_required).toEqual(["daemon.persist_interval_ms", "server.cors_origins"]);
    expect((view.config.daemon as { persist_interval_ms: number }).persist_interval_ms).toBe(1000);

    // 5. A reset field (interval) on a running bot restarts it on a new book.
    write(`[daemon]\npersist_interval_ms = 500\n[server]\ncors_origins = ["http://ui.local"]\n${bot("cfg1", { autostart: true, fast: 8, interval: "4h" })}`, true);
    await waitFor(async () => {
      const s = await get("cfg1");
      return s.interval === "4h" && s.state === "running" && s.epoch === 2;
    }, "cfg1 restarted on 4h");
    const s5 = await p.json<BotSummary>("GET", "/api/bots/cfg1");
    expect(s5.bars).toBeLessThan(s1.bars + 200);
    expect(await p.kill("SIGTERM")).toBe(0);
  }, 90_000);
});
