/**
 * Argument checks shared by the statistics functions. A bad argument is a UsageError that names
 * the function and the parameter (callers such as CLI commands map parameters to their flags
 * before calling, so users normally see the flag name instead).
 */
import { UsageError } from "../core/index.ts";

export function checkInt(fn: string, name: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new UsageError(`${fn}: ${name} must be an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? "∞" : max}], got ${v}`, { field: name, value: v });
  }
}

/** Checks lo < v < hi (open) or lo ≤ v ≤ hi (closed). */
export function checkRange(fn: string, name: string, v: number, lo: number, hi: number, open = true): void {
  const ok = Number.isFinite(v) && (open ? v > lo && v < hi : v >= lo && v <= hi);
  if (!ok) {
    const l = open ? "(" : "[";
    const r = open ? ")" : "]";
    throw new UsageError(`${fn}: ${name} must be in ${l}${lo}, ${hi}${r}, got ${v}`, { field: name, value: v });
  }
}

export function checkFinite(fn: string, name: string, v: number): void {
  if (!Number.isFinite(v)) throw new UsageError(`${fn}: ${name} must be a finite number, got ${v}`, { field: name, value: v });
}

export function checkOneOf<T extends string>(fn: string, name: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`${fn}: ${name} must be one of ${allowed.join("|")}, got "${v}"`, { field: name, value: v });
  }
  return v as T;
}
