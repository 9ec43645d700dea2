/**
 * Determinism fence: the engine, strategies and core never read the wall clock, randomness,
 * timers, the network or files. Time comes from an injected Clock, randomness from SeededRng.
 * Scans non-test .ts files in the fenced folders; exit 1 with file:line for each hit.
 */
import { readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { sourceFiles } from "./source-files.ts";

const ROOT = resolve(import.meta.dir, "..");
export const FENCED = ["src/core", "src/engine", "src/strategies", "src/stats"];
export const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, "Date.now()"],
  [/\bnew Date\s*\(\s*\)/, "new Date() (wall clock)"],
  [/\bperformance\.now\s*\(/, "performance.now()"],
  [/\bMath\.random\s*\(/, "Math.random()"],
  [/\bset(Timeout|Interval|Immediate)\s*\(/, "timers"],
  [/\bfetch\s*\(/, "fetch()"],
  [/from\s+["'](node:)?(fs|net|http|https|dgram|child_process)(\/promises)?["']/, "I/O module import"],
  [/\bBun\.(file|write|spawn|serve|connect)\b/, "Bun I/O"],
  [/\bprocess\.env\b/, "process.env (config comes in as typed objects)"],
];

export function scan(): string[] {
  const hits: string[] = [];
  for (const d of FENCED) {
    for (const p of sourceFiles(join(ROOT, d), { skipFixtures: true })) {
      if (/\.test\.tsx?$/.test(p)) continue;
      readFileSync(p, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (/^\s*(\*|\/\*)/.test(line)) return;
          const code = line.replace(/\/\/.*$/, "");
          for (const [re, what] of FORBIDDEN) if (re.test(code)) hits.push(`${relative(ROOT, p)}:${i + 1}: ${what}`);
        });
    }
  }
  return hits;
}

if (import.meta.main) {
  const hits = scan();
  for (const h of hits) console.error(h);
  console.log(hits.length ? `${hits.length} determinism violation(s)` : "determinism ok");
  process.exit(hits.length ? 1 : 0);
}
