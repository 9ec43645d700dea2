/** Interval name for a bar length in ms ("1m", "1h"); throws for lengths venues do not name. */
import { INTERVALS } from "../core/index.ts";

export function intervalName(ms: number): string {
  for (const [name, len] of Object.entries(INTERVALS)) if (len === ms && name !== "1M") return name;
  throw new RangeError(`bar length ${ms} ms is not a named interval (${Object.keys(INTERVALS).join(" ")})`);
}
