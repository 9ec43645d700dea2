/**
 * Snapshot of every public entry's runtime export list (viem's index.test.ts habit): adding,
 * renaming or removing a public export shows up in review as a snapshot change
 * (`bun test scripts/public-exports.test.ts --update-snapshots` after an intended change).
 */
import { expect, test } from "bun:test";

const ENTRIES = [
  "core",
  "bus",
  "engine",
  "strategies",
  "stats",
  "data",
  "config",
  "bots",
  "api",
  "storage",
  "venues/hyperliquid",
  "venues/binance",
] as const;

for (const entry of ENTRIES) {
  test(`public exports of src/${entry}`, async () => {
    const mod = (await import(`../src/${entry}/index.ts`)) as Record<string, unknown>;
    expect(Object.keys(mod).sort()).toMatchSnapshot();
  });
}
