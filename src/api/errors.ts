/**
 * Error mapping for every route: typed domain errors and framework errors become
 * `{ code, message, details }` JSON with the right status. Invalid input is 422 and names the
 * field (`details.field`, plus every issue in `details.issues`); malformed JSON is 400; a
 * missing bearer token is 401; unknown ids are 404; illegal state transitions are 409. Internal
 * errors are 500 with a generic message (the log has the detail), never a stack trace.
 */
import { isBaseError, type BaseError } from "../core/index.ts";

export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function unauthorized(message = "missing or invalid bearer token"): ApiError {
  return new ApiError(401, "UNAUTHORIZED", message);
}

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  CONFIG_INVALID: 422,
  USAGE: 422,
  DATA_INVALID: 422,
  DATA_EMPTY: 422,
  ORDER_REJECTED: 422,
  VALIDATION: 422,
};

function statusOfBase(e: BaseError): number {
  const s = STATUS_BY_CODE[e.code];
  if (s !== undefined) return s;
  if (e.name === "StorageError") return 503;
  if (e.name === "VenueError") return 502;
  if (e.action === "fix-input") return 422;
  return 500;
}

export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

/** Issues of an Elysia/zod validation error as `{path, message}` (path "" = the whole body). */
export function validationIssues(err: unknown): ValidationIssue[] {
  const e = err as { all?: unknown; valueError?: { path?: string; message?: string } };
  const out: ValidationIssue[] = [];
  if (Array.isArray(e.all)) {
    for (const i of e.all as { path?: unknown; message?: unknown; summary?: unknown }[]) {
      let path = typeof i.path === "string" ? i.path.replace(/^\//, "").replaceAll("/", ".") : Array.isArray(i.path) ? i.path.join(".") : "";
      if (path === "root") path = "";
      const message = String(i.message ?? i.summary ?? "invalid");
      // zod reports an unknown key at its parent; name the key itself.
      const unknown = /^Unrecognized keys?: "([^"]+)"/.exec(message);
      if (unknown) path = path ? `${path}.${unknown[1]}` : unknown[1]!;
      out.push({ path, message });
    }
  }
  return out;
}

/** Maps anything thrown in a handler to a status and body. */
export function toErrorResponse(code: string | number, err: unknown, where: string): { status: number; body: ApiErrorBody } {
  if (err instanceof ApiError) return { status: err.status, body: { code: err.code, message: err.message, details: err.details } };
  if (isBaseError(err)) {
    const status = statusOfBase(err);
    const details = { ...err.details };
    return { status, body: { code: err.code, message: err.message, details } };
  }
  if (code === "VALIDATION") {
    const issues = validationIssues(err);
    const on = (err as { type?: string }).type ?? "body";
    const first = issues[0];
    const field = first?.path ?? "";
    const message = first ? `${on}${field ? `.${field}` : ""}: ${first.message}` : `invalid ${on}`;
    return { status: 422, body: { code: "VALIDATION", message, details: { in: on, field, issues } } };
  }
  if (code === "PARSE") {
    return { status: 400, body: { code: "BAD_REQUEST", message: `${where}: request body is not valid JSON`, details: {} } };
  }
  if (code === "NOT_FOUND") return { status: 404, body: { code: "NOT_FOUND", message: `no route ${where}`, details: {} } };
  return { status: 500, body: { code: "INTERNAL", message: "internal error (see the daemon log)", details: {} } };
}
