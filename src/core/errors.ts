/**
 * Typed errors with a stable `code` and an `action` that tells the caller what to do next.
 *
 * Invariants: every subclass has a literal `name` and a stable `code`; `action` is one of
 * retry | reconnect | stop | fix-input. Errors that cross the API are serialised with
 * `toJSON()` as `{ code, message, details }`. Secrets must never be put into `details`.
 */
export type ErrorAction = "retry" | "reconnect" | "stop" | "fix-input";

export interface BaseErrorOptions {
  readonly code?: string;
  readonly action?: ErrorAction;
  readonly details?: Record<string, unknown>;
  readonly cause?: unknown;
}

export class BaseError extends Error {
  override name = "BaseError";
  readonly code: string;
  readonly action: ErrorAction;
  readonly details: Record<string, unknown>;

  constructor(message: string, opts: BaseErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = opts.code ?? "INTERNAL";
    this.action = opts.action ?? "stop";
    this.details = opts.details ?? {};
  }

  get retryable(): boolean {
    return this.action === "retry" || this.action === "reconnect";
  }

  /** Walks the cause chain and returns the first error matching `fn` (viem's walk()). */
  walk(fn?: (e: unknown) => boolean): unknown {
    let cur: unknown = this;
    while (cur) {
      if (!fn || fn(cur)) {
        if (fn) return cur;
      }
      const next = (cur as { cause?: unknown }).cause;
      if (!next) return fn ? null : cur;
      cur = next;
    }
    return null;
  }

  toJSON(): { code: string; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Bad command-line usage or parameters: exit code 2. */
export class UsageError extends BaseError {
  override name = "UsageError";
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { code: "USAGE", action: "fix-input", details });
  }
}

/** Invalid configuration (file, env or flags). */
export class ConfigError extends BaseError {
  override name = "ConfigError";
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { code: "CONFIG_INVALID", action: "fix-input", details });
  }
}

/** Bad input data; the message names file, line and column where known. */
export class DataError extends BaseError {
  override name = "DataError";
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: string | undefined;
  constructor(
    message: string,
    where: { file?: string; line?: number; column?: string; code?: string } = {},
  ) {
    const prefix = where.file ? `${where.file}${where.line !== undefined ? `:${where.line}` : ""}: ` : "";
    super(prefix + message, {
      code: where.code ?? "DATA_INVALID",
      action: "fix-input",
      details: { file: where.file, line: where.line, column: where.column },
    });
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

/** A requested entity does not exist. */
export class NotFoundError extends BaseError {
  override name = "NotFoundError";
  constructor(what: string, id: string) {
    super(`${what} '${id}' not found`, { code: "NOT_FOUND", action: "fix-input", details: { what, id } });
  }
}

/** A state transition or operation is not allowed now. */
export class ConflictError extends BaseError {
  override name = "ConflictError";
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { code: "CONFLICT", action: "fix-input", details });
  }
}

/** A venue (exchange) call failed; `action` says whether to retry, reconnect or stop. */
export class VenueError extends BaseError {
  override name = "VenueError";
  readonly venue: string;
  readonly status: number | undefined;
  constructor(
    venue: string,
    message: string,
    opts: { code?: string; action?: ErrorAction; status?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(`${venue}: ${message}`, {
      code: opts.code ?? "VENUE_ERROR",
      action: opts.action ?? "stop",
      details: { venue, status: opts.status, ...opts.details },
      cause: opts.cause,
    });
    this.venue = venue;
    this.status = opts.status;
  }
}

/** A storage backend failed; usually retryable (connection) or stop (schema). */
export class StorageError extends BaseError {
  override name = "StorageError";
  constructor(message: string, opts: { code?: string; action?: ErrorAction; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { code: opts.code ?? "STORAGE_ERROR", action: opts.action ?? "retry", details: opts.details ?? {}, cause: opts.cause });
  }
}

/** An order was rejected by risk checks or the venue. */
export class OrderRejectedError extends BaseError {
  override name = "OrderRejectedError";
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, { code: "ORDER_REJECTED", action: "stop", details });
  }
}

export function isBaseError(e: unknown): e is BaseError {
  return e instanceof BaseError;
}
