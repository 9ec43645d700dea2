/** Helper for "the venue sent something we do not understand" errors, with the message path. */
import { DataError } from "../../core/index.ts";

export function dataShapeError(where: string, what: string): DataError {
  return new DataError(`${where}: ${what}`, { column: where, code: "HL_PARSE" });
}
