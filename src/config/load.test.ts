/** Config precedence (defaults < file < env < overrides) and errors naming the file and key. */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../core/index.ts";
import { loadConfig } from "./load.ts";

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cfg-"));
  const p = join(dir, "Config.toml");
  writeFileSync(p, text);
  return p;
}

describe("loadConfig", () => {
  test("defaults apply with no file and no env", () => {
    const { config, path } = loadConfig({ path: undefined, env: {} });
    expect(path === undefined || path === "config/Config.toml").toBe(true);
    expect(config.server.port).toBe(8080);
    expect(config.backtest.fee_rate).toBe(0.001);
    expect(config.database.url).toBeUndefined();
  });

  test("file < env < overrides", () => {
    const p = file(`[server]\nport = 9000\nhost = "127.0.0.1"\n[backtest]\ncapital = 5000\n[log]\nlevel = "warn"\n`);
    const a = loadConfig({ path: p, env: {} });
    expect(a.config.server.port).toBe(9000);
    expect(a.config.backtest.capital).toBe(5000);
    const b = loadConfig({ path: p, env: { LOG_LEVEL: "debug", DATABASE_URL: "postgres://root@127.0.0.1:5432/test" } });
    expect(b.config.log.level).toBe("debug");
    expect(b.config.database.url).toBe("postgres://root@127.0.0.1:5432/test");
    const c = loadConfig({ path: p, env: {}, overrides: { "server.port": 9100 } });
    expect(c.config.server.port).toBe(9100);
  });

  test("a missing --config file, bad TOML and a bad value are ConfigErrors naming file and key", () => {
    expect(() => loadConfig({ path: "/nonexistent/Config.toml", env: {} })).toThrow("config file not found: /nonexistent/Config.toml");
    const bad = file(`[server\nport = 1\n`);
    expect(() => loadConfig({ path: bad, env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ path: bad, env: {} })).toThrow(`${bad}:1:8: invalid TOML:`);
    const wrong = file(`[server]\nport = "eighty"\n`);
    expect(() => loadConfig({ path: wrong, env: {} })).toThrow(`${wrong}:2: server.port:`);
    const unknown = file(`[nonsense]\nx = 1\n`);
    expect(() => loadConfig({ path: unknown, env: {} })).toThrow(ConfigError);
  });

  test("an invalid env value is reported with its key and variable", () => {
    expect(() => loadConfig({ env: { LOG_LEVEL: "loud" } })).toThrow(/\(env LOG_LEVEL\): log\.level/);
  });

  test("a bad value deep in the second [[bots]] entry names its line", () => {
    const text = [
      `[log]`,
      `level = "info"`,
      ``,
      `[[bots]]`,
      `id = "a"`,
      `symbol = "BTC"`,
      `interval = "1h"`,
      `strategy = "ma_crossover"`,
      `[bots.feed]`,
      `kind = "replay"`,
      `file = "x.csv"`,
      ``,
      `[[bots]]`,
      `id = "b"`,
      `symbol = "ETH"`,
      `interval = "1h"`,
      `strategy = "ma_crossover"`,
      `[bots.feed]`,
      `kind = "replay"`,
      `bars_per_second = -3`,
      `file = "y.csv"`,
    ].join("\n");
    const p = file(text);
    expect(() => loadConfig({ path: p, env: {} })).toThrow(`${p}:20: bots.1.feed.bars_per_second:`);
  });
});
