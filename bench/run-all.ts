/**
 * Runs every bench/*.bench.ts in turn (each prints its own figures). Benchmarks never fail on
 * time; a benchmark that crashes is reported and makes this script exit 1.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dir;
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts") && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const p = Bun.spawnSync(["bun", "run", join(dir, f)], { stdout: "inherit", stderr: "inherit" });
  if (p.exitCode !== 0) {
    console.error(`${f} exited ${p.exitCode}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
