/**
 * Builds the two single-file binaries with `bun build --compile`:
 *   ./algo-trade      from src/main.ts
 *   ./algo-trade-tui  from tui/main.tsx
 * Both run when copied alone to another folder: DuckDB's libduckdb.so is embedded as a file
 * asset by src/storage/cold/duckdb-native.ts and dlopen'ed from a cache dir at first use.
 */
import pkg from "../package.json" with { type: "json" };

const gitSha = (() => {
  try {
    const r = Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { stderr: "ignore" });
    return r.exitCode === 0 ? r.stdout.toString().trim() : "unknown";
  } catch {
    return "unknown";
  }
})();

// @duckdb/node-bindings requires every platform's binding in a switch; only linux-x64 exists here.
const duckdbOtherPlatforms = ["linux-x64-musl", "linux-arm64", "linux-arm64-musl", "darwin-arm64", "darwin-x64", "win32-arm64", "win32-x64"].map(
  (p) => `@duckdb/node-bindings-${p}/duckdb.node`,
);

const define = {
  "process.env.ALGO_TRADE_VERSION": JSON.stringify(pkg.version),
  "process.env.ALGO_TRADE_GIT_SHA": JSON.stringify(gitSha),
};

async function build(entry: string, outfile: string, external: string[], workers: string[] = []): Promise<void> {
  const t0 = performance.now();
  const res = await Bun.build({
    // Worker entry files must be extra entrypoints to be embedded in the binary.
    entrypoints: [entry, ...workers],
    compile: { outfile, autoloadBunfig: false, autoloadDotenv: false },
    minify: false,
    sourcemap: "none",
    define,
    external,
  } as Parameters<typeof Bun.build>[0]);
  if (!res.success) {
    for (const log of res.logs) console.error(log);
    throw new Error(`build of ${entry} failed`);
  }
  console.log(`built ${outfile} in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
}

await build("./src/main.ts", "./algo-trade", [...duckdbOtherPlatforms, "detect-libc"], ["./src/app/walk-forward/wf-worker.ts"]);
await build("./tui/main.tsx", "./algo-trade-tui", []);
