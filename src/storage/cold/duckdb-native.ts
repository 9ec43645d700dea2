/**
 * The one loader of DuckDB (`@duckdb/node-api`) for the whole program: `getDuckDB()`.
 *
 * Why: the binding `duckdb.node` needs `libduckdb.so` by SONAME. From node_modules its RUNPATH
 * ($ORIGIN) finds it; inside a `bun build --compile` binary there is no such folder. So the
 * library is embedded as a file asset, written once to a cache directory
 * ($XDG_CACHE_HOME or ~/.cache, then the OS temp dir)/algo-trade/<binding version>/libduckdb.so
 * (temp file + rename, so concurrent first runs never see a partial file) and dlopen'ed via
 * bun:ffi BEFORE the binding is imported: the dynamic loader then resolves the binding's
 * NEEDED entry to the library already in the process.
 *
 * Invariant: every DuckDB user (cold tier, embedded warm tier, src/data's Parquet reader) goes
 * through here; connections are opened with TimeZone=UTC.
 */
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { StorageError } from "../../core/index.ts";
import soPath from "../../../node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so" with { type: "file" };
import bindingPkg from "../../../node_modules/@duckdb/node-bindings-linux-x64/package.json" with { type: "json" };

export type DuckDBModule = typeof import("@duckdb/node-api");
type Connection = import("@duckdb/node-api").DuckDBConnection;
type Instance = import("@duckdb/node-api").DuckDBInstance;

let loading: Promise<DuckDBModule> | null = null;

/** Lazily loads DuckDB once per process (memoised). */
export function getDuckDB(): Promise<DuckDBModule> {
  loading ??= load().catch((e) => {
    loading = null;
    throw e instanceof StorageError
      ? e
      : new StorageError(`DuckDB failed to load: ${e instanceof Error ? e.message : String(e)}`, { code: "DUCKDB_UNAVAILABLE", action: "stop", cause: e });
  });
  return loading;
}

async function load(): Promise<DuckDBModule> {
  const embedded = soPath.startsWith("/$bunfs") || soPath.startsWith("B:/~BUN") || !existsSync(soPath);
  const libPath = embedded ? await extractLibrary() : soPath;
  const { dlopen } = await import("bun:ffi");
  // Keep the handle for the life of the process: closing it would unload the library.
  dlopen(libPath, { duckdb_library_version: { args: [], returns: "ptr" } });
  return await import("@duckdb/node-api");
}

/** Candidate cache roots, most preferred first. */
function cacheRoots(): string[] {
  const roots: string[] = [];
  if (process.env.XDG_CACHE_HOME) roots.push(process.env.XDG_CACHE_HOME);
  try {
    roots.push(join(homedir(), ".cache"));
  } catch {
    // no home directory (some service accounts)
  }
  roots.push(tmpdir());
  return roots;
}

async function extractLibrary(): Promise<string> {
  const bytes = new Uint8Array(await Bun.file(soPath).arrayBuffer());
  const errors: string[] = [];
  for (const root of cacheRoots()) {
    const dir = join(root, "algo-trade", bindingPkg.version);
    const target = join(dir, "libduckdb.so");
    try {
      if (existsSync(target) && statSync(target).size === bytes.length) return target;
      mkdirSync(dir, { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes, { mode: 0o755 });
      renameSync(tmp, target);
      return target;
    } catch (e) {
      errors.push(`${dir}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new StorageError(`cannot write libduckdb.so to a cache directory (${errors.join("; ")})`, { code: "DUCKDB_UNAVAILABLE", action: "stop" });
}

export interface DuckDBHandle {
  readonly instance: Instance;
  readonly conn: Connection;
  close(): void;
}

/** Opens a database (":memory:" or a file path) with one connection in UTC. */
export async function openDuckDB(path = ":memory:", options: Record<string, string> = {}): Promise<DuckDBHandle> {
  const duck = await getDuckDB();
  const instance = await duck.DuckDBInstance.create(path, options);
  const conn = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  return {
    instance,
    conn,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
