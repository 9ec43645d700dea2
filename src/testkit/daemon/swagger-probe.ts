/**
 * Swagger probe, run by swagger-offline.e2e.test.ts (inside a network namespace that has only
 * loopback when `unshare -n` is available): starts `<dir>/algo-trade daemon --port 0` from a
 * folder holding nothing but the binary, loads /swagger in headless Debian chromium, and prints
 * one JSON line: the operations rendered in the DOM (method + path), the asset status codes,
 * whether any external host was reachable, and the daemon's exit code after SIGTERM.
 *
 * Usage: bun src/testkit/daemon/swagger-probe.ts DIR
 */
import { join } from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: swagger-probe.ts DIR");

const daemon = Bun.spawn([join(dir, "algo-trade"), "daemon", "--port", "0"], { cwd: dir, stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: dir } });
let out = "";
void (async () => {
  for await (const c of daemon.stdout as ReadableStream<Uint8Array>) out += new TextDecoder().decode(c);
})();
void (async () => {
  for await (const c of daemon.stderr as ReadableStream<Uint8Array>) out += new TextDecoder().decode(c);
})();
const t0 = Date.now();
let port = 0;
while (port === 0) {
  const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
  if (m) port = Number(m[1]);
  else if (daemon.exitCode !== null || Date.now() - t0 > 30_000) {
    console.log(JSON.stringify({ error: `daemon did not start: ${out}` }));
    process.exit(1);
  }
  else await Bun.sleep(20);
}
const base = `http://127.0.0.1:${port}`;
const assets: Record<string, number> = {};
for (const p of ["/swagger", "/swagger/json", "/swagger/assets/swagger-ui-bundle.js", "/swagger/assets/swagger-ui.css"]) assets[p] = (await fetch(base + p)).status;
let external = false;
try {
  await fetch("https://unpkg.com/", { signal: AbortSignal.timeout(3000) });
  external = true;
} catch {
  external = false;
}
const chrome = Bun.spawnSync(
  [
    "chromium",
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    // Any host but loopback fails to resolve: the page must not need the internet.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    `--user-data-dir=${join(dir, "chrome-profile")}`,
    "--virtual-time-budget=20000",
    "--dump-dom",
    `${base}/swagger`,
  ],
  { stdout: "pipe", stderr: "pipe", timeout: 90_000 },
);
const dom = chrome.stdout.toString();
const ops: string[] = [];
for (const m of dom.matchAll(/<span class="opblock-summary-method">([A-Z]+)<\/span>[\s\S]*?data-path="([^"]+)"/g)) ops.push(`${m[1]} ${m[2]!.replace(/&#x2F;|&#47;/g, "/")}`);
daemon.kill("SIGTERM");
const code = await daemon.exited;
console.log(JSON.stringify({ port, assets, external, chromiumExit: chrome.exitCode, ops, title: /<title>([^<]*)<\/title>/.exec(dom)?.[1] ?? null, daemonExit: code, domBytes: dom.length }));
