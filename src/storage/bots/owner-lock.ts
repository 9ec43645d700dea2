/**
 * One owner per bot database: an exclusive SQLite lock on `<db>.lock`, held for the life of the
 * store. A second daemon pointed at the same bot database (same data dir, or the same
 * BOT_DATABASE_URL) is refused at start instead of restoring and running every bot a second time.
 *
 * Why a separate file: the bot database itself runs in WAL mode, where an exclusive lock cannot be
 * released short of a full close (and cached statements can delay that). The lock file is a tiny
 * rollback-journal database that nothing else touches; the OS drops its lock when the process dies
 * (kill -9 included), so a crash never leaves a stale lock behind.
 */
import { Database } from "bun:sqlite";
import { StorageError } from "../../core/index.ts";

export class OwnerLock {
  private constructor(private readonly db: Database) {}

  /** Takes the lock or throws StorageError(BOT_DB_IN_USE); `:memory:` databases need none. */
  static acquire(dbPath: string): OwnerLock | null {
    if (dbPath === ":memory:") return null;
    const path = `${dbPath}.lock`;
    const db = new Database(path, { create: true });
    try {
      // Exclusive locking mode keeps the write lock taken by the first write until close.
      db.exec("PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = DELETE;");
      db.exec("CREATE TABLE IF NOT EXISTS owner (pid INTEGER, since INTEGER); DELETE FROM owner;");
      db.prepare("INSERT INTO owner VALUES (?, ?)").run(process.pid, Date.now());
      return new OwnerLock(db);
    } catch (e) {
      db.close();
      const msg = e instanceof Error ? e.message : String(e);
      if (/locked|busy/i.test(msg)) {
        throw new StorageError(
          `bot database ${dbPath} is in use by another process (another algo-trade daemon on the same data?); stop it or point this one at another database (BOT_DATABASE_URL or storage.data_dir)`,
          { code: "BOT_DB_IN_USE", action: "stop", details: { path: dbPath }, cause: e },
        );
      }
      throw new StorageError(`cannot lock bot database ${dbPath} (${path}): ${msg}`, { code: "BOT_DB_OPEN", action: "stop", details: { path: dbPath }, cause: e });
    }
  }

  release(): void {
    this.db.close(true);
  }
}
