/** `{ code, message, details }` of anything thrown (typed errors keep their code and details). */
import { isBaseError } from "../../core/index.ts";
import type { ErrorBody } from "../../api/index.ts";

export function errorBody(e: unknown): ErrorBody {
  if (isBaseError(e)) return { code: e.code, message: e.message, details: { ...e.details } };
  return { code: "INTERNAL", message: e instanceof Error ? e.message : String(e), details: {} };
}
