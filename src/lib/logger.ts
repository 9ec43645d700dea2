/**
 * Structured logger writing one line per record to stderr. Levels: debug < info < warn < error.
 * Format: `2026-01-01T00:00:00.000Z INFO  Message key=value …` on a TTY or when format=text,
 * JSON lines when format=json. Messages are capitalised with no trailing period; context goes
 * into fields. Never log secrets: callers pass redacted values.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
  readonly level: LogLevel;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: "text" | "json";
  write?: (line: string) => void;
  base?: Record<string, unknown>;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? "info";
  const min = ORDER[level];
  const format = opts.format ?? "text";
  const write = opts.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const base = opts.base ?? {};
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[lvl] < min) return;
    const all = { ...base, ...fields };
    const ts = new Date().toISOString();
    if (format === "json") {
      write(JSON.stringify({ ts, level: lvl, msg, ...all }));
    } else {
      const kv = Object.entries(all)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${typeof v === "string" && !/\s/.test(v) ? v : JSON.stringify(v)}`)
        .join(" ");
      write(`${ts} ${lvl.toUpperCase().padEnd(5)} ${msg}${kv ? " " + kv : ""}`);
    }
  };
  return {
    level,
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (f) => createLogger({ ...opts, base: { ...base, ...f } }),
  };
}

export const silentLogger: Logger = createLogger({ level: "error", write: () => {} });
