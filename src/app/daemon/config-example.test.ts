/**
 * config/Config.example.toml stays complete and valid: it loads with the real loader, it shows
 * every key of every config section (set to its default, or commented when it has none), and
 * its [[bots]] example shows every bot key. A section that gains a key fails here until the
 * example documents it.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configSchema, loadConfig } from "../../config/index.ts";
import { botSpecSchema } from "../../config/sections/bots.ts";
import { REPO_ROOT } from "../../testkit/data-path.ts";

const PATH = join(REPO_ROOT, "config/Config.example.toml");

/** Leaf keys of a parsed config as "section.sub.key"; records with free keys count as one leaf. */
function leaves(v: unknown, prefix: string, out: string[]): string[] {
  if (v && typeof v === "object" && !Array.isArray(v) && !prefix.endsWith("_days") && !prefix.endsWith("params")) {
    for (const [k, x] of Object.entries(v)) leaves(x, prefix ? `${prefix}.${k}` : k, out);
  } else out.push(prefix);
  return out;
}

/** "a.b.c" is shown when table [a.b] (or [[a]]) holds a line `c = …` or `# c = …`. */
function shows(text: string, key: string): boolean {
  const parts = key.split(".");
  const name = parts.pop()!;
  const table = parts.join(".");
  const lines = text.split("\n");
  let current = "";
  for (const raw of lines) {
    const line = raw.trim();
    const t = /^#?\s*\[\[?([A-Za-z0-9_.]+)\]\]?\s*$/.exec(line);
    if (t) {
      current = t[1]!;
      continue;
    }
    if (current === table && new RegExp(`^#?\\s*${name}\\s*=`).test(line)) return true;
  }
  return false;
}

describe("config/Config.example.toml", () => {
  const text = readFileSync(PATH, "utf8");

  test("loads and validates with the real loader", () => {
    const { config } = loadConfig({ path: PATH, env: {} });
    expect(config.bots.map((b) => b.id)).toEqual(["btc-ma-replay"]);
    expect(config.server.host).toBe("127.0.0.1");
  });

  test("shows every key of every section", () => {
    const defaults = configSchema.parse({});
    const keys = leaves({ ...defaults, bots: undefined }, "", []).filter((k) => k !== "bots");
    const optional = ["server.api_token", "database.url", "hyperliquid.secrets_file"];
    const missing = [...keys, ...optional].filter((k) => !shows(text, k));
    expect(missing).toEqual([]);
  });

  test("the [[bots]] example shows every bot key", () => {
    const bot = botSpecSchema.parse({ id: "x", symbol: "BTC", interval: "1h", strategy: "ma_crossover", feed: { kind: "replay", file: "f" } });
    const keys = leaves(bot, "bots", []).filter((k) => !k.startsWith("bots.feed."));
    const feedKeys = ["kind", "file", "tier", "bars_per_second", "from", "to", "warmup_bars"].map((k) => `bots.feed.${k}`);
    const missing = [...keys, ...feedKeys].filter((k) => !shows(text, k) && !text.includes(`# ${k.split(".").pop()} =`) && !text.includes(`${k.split(".").pop()} = "warm"`));
    expect(missing).toEqual([]);
  });
});
