/**
 * Locates the shared real-data folder (../shared/data relative to the repo root, or
 * ALGO_SHARED_DATA). Tests and benchmarks use it; it is never reached from production code.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");

export function sharedDataDir(): string {
  const env = process.env.ALGO_SHARED_DATA;
  if (env && existsSync(env)) return env;
  const candidates = [join(ROOT, "../shared/data"), join(ROOT, "../../shared/data"), "/work/shared/data"];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`shared data folder not found (tried ${candidates.join(", ")}); set ALGO_SHARED_DATA`);
}

/** Absolute path of a file in the shared data folder. */
export function dataFile(name: string): string {
  const p = join(sharedDataDir(), name);
  if (!existsSync(p)) throw new Error(`shared data file missing: ${p}`);
  return p;
}

export const REPO_ROOT = ROOT;
