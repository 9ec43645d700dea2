/**
 * Parameter grids for walk-forward optimisation. One `--grid` flag per parameter:
 *   name=start:end:step   inclusive range (end included when it lies on the step grid)
 *   name=v1,v2,v3         explicit list
 *   name=v                a single value (pins the parameter)
 * Values are rounded to the decimals written in the spec, so 0.1:0.3:0.1 gives 0.1, 0.2, 0.3
 * exactly. Points are the cartesian product in flag order, first flag outermost; that order is
 * the deterministic tie-break when two points score the same.
 * Every problem is a UsageError that quotes the offending `--grid` value.
 */
import { UsageError } from "../../core/index.ts";

export interface GridAxis {
  readonly name: string;
  readonly values: readonly number[];
}

export type GridPoint = Readonly<Record<string, number>>;

export const MAX_GRID_POINTS = 100_000;

function bad(spec: string, why: string): UsageError {
  return new UsageError(`--grid "${spec}": ${why}`, { flag: "grid", value: spec });
}

function decimals(s: string): number {
  const m = /\.(\d+)$/.exec(s.trim());
  return m ? m[1]!.length : 0;
}

function parseNumber(spec: string, s: string): number {
  const t = s.trim();
  const v = Number(t);
  if (t === "" || !Number.isFinite(v)) throw bad(spec, `"${s}" is not a number`);
  return v;
}

export function parseGridAxis(spec: string): GridAxis {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw bad(spec, "expected name=start:end:step or name=v1,v2,...");
  const name = spec.slice(0, eq).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw bad(spec, `invalid parameter name "${name}"`);
  const body = spec.slice(eq + 1).trim();
  if (body === "") throw bad(spec, "no values");
  let values: number[];
  if (body.includes(":")) {
    const parts = body.split(":");
    if (parts.length !== 3) throw bad(spec, "a range needs exactly start:end:step");
    const [a, b, st] = parts.map((p) => parseNumber(spec, p)) as [number, number, number];
    if (!(st > 0)) throw bad(spec, `step must be > 0, got ${st}`);
    if (b < a) throw bad(spec, `end ${b} is before start ${a} (empty range)`);
    const dp = Math.max(...parts.map(decimals));
    const scale = 10 ** dp;
    const count = Math.floor((b - a) / st + 1e-9) + 1;
    if (count > MAX_GRID_POINTS) throw bad(spec, `${count} values is too many (max ${MAX_GRID_POINTS})`);
    values = Array.from({ length: count }, (_, i) => Math.round((a + i * st) * scale) / scale);
  } else {
    values = body.split(",").map((p) => parseNumber(spec, p));
  }
  if (new Set(values).size !== values.length) throw bad(spec, "duplicate values");
  return { name, values };
}

export function parseGrid(specs: readonly string[]): GridAxis[] {
  if (specs.length === 0) throw new UsageError("empty grid: give at least one --grid name=start:end:step", { flag: "grid" });
  const axes = specs.map(parseGridAxis);
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.name)) throw new UsageError(`--grid: parameter "${a.name}" given twice`, { flag: "grid" });
    seen.add(a.name);
  }
  const size = gridSize(axes);
  if (size > MAX_GRID_POINTS) throw new UsageError(`--grid: ${size} points is too many (max ${MAX_GRID_POINTS})`, { flag: "grid" });
  return axes;
}

export function gridSize(axes: readonly GridAxis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/** Cartesian product, first axis outermost (index order = tie-break order). */
export function gridPoints(axes: readonly GridAxis[]): GridPoint[] {
  let out: Record<string, number>[] = [{}];
  for (const a of axes) {
    const next: Record<string, number>[] = [];
    for (const p of out) for (const v of a.values) next.push({ ...p, [a.name]: v });
    out = next;
  }
  return out;
}

/** "fast=10 slow=40" */
export function formatPoint(p: GridPoint): string {
  return Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
}
