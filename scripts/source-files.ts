/**
 * The TypeScript source files under a folder (.ts/.tsx, not .d.ts), skipping node_modules and
 * dot-folders — shared by the boundary, determinism and lint checks so they read the same tree.
 * A missing folder yields no files.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export function sourceFiles(dir: string, opts: { skipFixtures?: boolean } = {}, out: string[] = []): string[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === "node_modules" || name.startsWith(".") || (opts.skipFixtures && name === "__fixtures__")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, opts, out);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}
