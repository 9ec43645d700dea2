/**
 * The compiled ./algo-trade, copied ALONE into an empty folder, serves Swagger UI with no
 * network: a headless Debian chromium loads /swagger from the running daemon and renders every
 * operation of the OpenAPI document. Where `unshare -n` works (root or user namespaces) the
 * daemon and the browser run in a network namespace that has only loopback; the browser also
 * refuses to resolve any host but 127.0.0.1 in every case.
 *
 * Needs chromium (scripts/ensure-system-deps.sh installs it); builds the binary if stale.
 */
import { describe, expect, test } from "bun:test";
import { copyFileSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../testkit/data-path.ts";
import { ensureBinary, removeDir, tempDir } from "../../testkit/daemon/spawn-daemon.ts";
import { API_OPERATIONS } from "../../testkit/daemon/api-operations.ts";

const OPERATIONS = [...API_OPERATIONS];

function canIsolate(): boolean {
  return Bun.spawnSync(["unshare", "-n", "true"], { stdout: "ignore", stderr: "ignore" }).exitCode === 0;
}

describe("offline Swagger UI in a real browser", () => {
  test("the copied binary serves /swagger with no network and chromium renders every operation", () => {
    expect(Bun.which("chromium")).not.toBeNull(); // run scripts/ensure-system-deps.sh
    const bin = ensureBinary();
    const dir = tempDir("swagger-offline-");
    try {
      copyFileSync(bin, join(dir, "algo-trade"));
      chmodSync(join(dir, "algo-trade"), 0o755);
      const probe = [process.execPath, join(REPO_ROOT, "src/testkit/daemon/swagger-probe.ts"), dir];
      const isolated = canIsolate();
      const cmd = isolated ? ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", ...probe] : probe;
      const r = Bun.spawnSync(cmd, { stdout: "pipe", stderr: "pipe", timeout: 150_000, env: { PATH: process.env.PATH ?? "", HOME: dir } });
      const line = r.stdout.toString().trim().split("\n").at(-1) ?? "";
      if (!line.startsWith("{")) throw new Error(`probe failed (${r.exitCode}):\n${r.stdout}${r.stderr}`);
      const res = JSON.parse(line) as { assets: Record<string, number>; external: boolean; ops: string[]; title: string; daemonExit: number; error?: string };
      expect(res.error).toBeUndefined();
      if (isolated) expect(res.external).toBe(false);
      expect(res.assets).toEqual({ "/swagger": 200, "/swagger/json": 200, "/swagger/assets/swagger-ui-bundle.js": 200, "/swagger/assets/swagger-ui.css": 200 });
      expect(res.title).toBe("algo-trade daemon API");
      expect([...new Set(res.ops)].sort()).toEqual(OPERATIONS);
      expect(res.daemonExit).toBe(0);
    } finally {
      removeDir(dir);
    }
  }, 240_000);
});
