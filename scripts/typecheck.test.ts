/** The whole tree typechecks (strict, noUncheckedIndexedAccess) as part of `make test`. */
import { expect, test } from "bun:test";
import { join } from "node:path";

test("tsc --noEmit passes", () => {
  const root = join(import.meta.dir, "..");
  const r = Bun.spawnSync([process.execPath, "x", "tsc", "--noEmit", "-p", "tsconfig.json"], { cwd: root, stdout: "pipe", stderr: "pipe" });
  const out = r.stdout.toString() + r.stderr.toString();
  expect(out.trim()).toBe("");
  expect(r.exitCode).toBe(0);
}, 120_000);
