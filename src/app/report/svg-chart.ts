/**
 * Inline SVG line/area charts for the HTML report (no library, no network). Long series are
 * reduced to at most `buckets` min/max pairs so a million bars still draw as a few thousand
 * points without hiding spikes. Coordinates use a fixed viewBox; CSS scales the chart.
 */
import { esc, fmtNum } from "./format.ts";

export const W = 1000;
export const PAD = { l: 64, r: 12, t: 10, b: 24 };

export interface Series {
  /** x values (epoch ms) and y values, same length. */
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
}

export interface Marker {
  readonly t: number;
  readonly v: number;
  readonly kind: "long" | "short" | "exit";
  readonly title: string;
}

export interface ChartSpec {
  readonly id: string;
  readonly height: number;
  readonly lines: readonly { series: Series; cls: string; area?: boolean }[];
  readonly markers?: readonly Marker[];
  readonly yFormat?: (v: number) => string;
  /** Logarithmic y axis (all values must be > 0); ticks at 1-2-5 × 10^k. */
  readonly log?: boolean;
}

/** Min/max per bucket, in time order: keeps extremes visible. */
export function downsample(s: Series, buckets = 1200): { x: number[]; y: number[] } {
  const n = s.x.length;
  if (n <= buckets * 2) return { x: Array.from(s.x), y: Array.from(s.y) };
  const x: number[] = [];
  const y: number[] = [];
  const size = n / buckets;
  for (let b = 0; b < buckets; b++) {
    const a = Math.floor(b * size);
    const e = Math.min(n, Math.floor((b + 1) * size));
    let lo = a;
    let hi = a;
    for (let i = a; i < e; i++) {
      if (s.y[i]! < s.y[lo]!) lo = i;
      if (s.y[i]! > s.y[hi]!) hi = i;
    }
    const [p, q] = lo <= hi ? [lo, hi] : [hi, lo];
    x.push(s.x[p]!);
    y.push(s.y[p]!);
    if (q !== p) {
      x.push(s.x[q]!);
      y.push(s.y[q]!);
    }
  }
  return { x, y };
}

/** Renders one chart; returns the SVG and the downsampled points of its first line (for hover). */
export function chart(spec: ChartSpec): { svg: string; points: { x: number[]; y: number[] } } {
  const H = spec.height;
  const ds = spec.lines.map((l) => downsample(l.series));
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const d of ds) {
    for (let i = 0; i < d.x.length; i++) {
      const yv = d.y[i]!;
      if (!Number.isFinite(yv)) continue;
      x0 = Math.min(x0, d.x[i]!);
      x1 = Math.max(x1, d.x[i]!);
      y0 = Math.min(y0, yv);
      y1 = Math.max(y1, yv);
    }
  }
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) {
    y0 -= 1;
    y1 += 1;
  }
  const log = spec.log === true && y0 > 0;
  const ticks = log ? logTicks(y0, y1) : niceTicks(y0, y1, 5);
  if (!log) {
    y0 = Math.min(y0, ticks[0]!);
    y1 = Math.max(y1, ticks.at(-1)!);
  }
  const f = log ? Math.log10 : (v: number) => v;
  const fy0 = f(y0);
  const fy1 = f(y1);
  const sx = (t: number): number => PAD.l + ((t - x0) / (x1 - x0)) * (W - PAD.l - PAD.r);
  const sy = (v: number): number => PAD.t + (1 - (f(v) - fy0) / (fy1 - fy0)) * (H - PAD.t - PAD.b);
  const fmt = spec.yFormat ?? ((v: number) => fmtNum(v, 0));
  const parts: string[] = [`<svg id="${spec.id}" class="chart" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" role="img">`];
  for (const v of ticks) {
    const y = sy(v).toFixed(1);
    parts.push(`<line class="grid" x1="${PAD.l}" x2="${W - PAD.r}" y1="${y}" y2="${y}"/><text class="ylab" x="${PAD.l - 6}" y="${y}" dy="4" text-anchor="end">${esc(fmt(v))}</text>`);
  }
  timeTicks(x0, x1, 6).forEach((t, k, all) => {
    const anchor = k === 0 ? "start" : k === all.length - 1 ? "end" : "middle";
    parts.push(`<text class="xlab" x="${sx(t).toFixed(1)}" y="${H - 6}" text-anchor="${anchor}">${new Date(t).toISOString().slice(0, 10)}</text>`);
  });
  spec.lines.forEach((l, k) => {
    const d = ds[k]!;
    let path = "";
    for (let i = 0; i < d.x.length; i++) {
      if (!Number.isFinite(d.y[i]!)) continue;
      path += `${path ? "L" : "M"}${sx(d.x[i]!).toFixed(1)},${sy(d.y[i]!).toFixed(1)}`;
    }
    if (l.area && path) path += `L${sx(d.x.at(-1)!).toFixed(1)},${sy(Math.max(y0, Math.min(0, y1))).toFixed(1)}L${sx(d.x[0]!).toFixed(1)},${sy(Math.max(y0, Math.min(0, y1))).toFixed(1)}Z`;
    parts.push(`<path class="${l.cls}" d="${path}"/>`);
  });
  for (const mk of spec.markers ?? []) {
    const x = sx(mk.t).toFixed(1);
    const y = sy(mk.v);
    const shape =
      mk.kind === "long"
        ? `<path class="mk-long" d="M${x},${(y - 2).toFixed(1)}l-5,9h10z">`
        : mk.kind === "short"
          ? `<path class="mk-short" d="M${x},${(y + 2).toFixed(1)}l-5,-9h10z">`
          : `<circle class="mk-exit" cx="${x}" cy="${y.toFixed(1)}" r="3">`;
    parts.push(`${shape}<title>${esc(mk.title)}</title>${shape.startsWith("<circle") ? "</circle>" : "</path>"}`);
  }
  parts.push(`<line class="cross" x1="-10" x2="-10" y1="${PAD.t}" y2="${H - PAD.b}"/></svg>`);
  return { svg: parts.join(""), points: ds[0]! };
}

function niceTicks(lo: number, hi: number, n: number): number[] {
  const span = hi - lo;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => span / s <= n) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (out.at(-1)! < hi) out.push(out.at(-1)! + step);
  return out;
}

/** 1-2-5 × 10^k values spanning [lo, hi], plus the bounds' neighbours (at most ~8 ticks). */
function logTicks(lo: number, hi: number): number[] {
  let out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  if (out.length > 8) out = out.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  if (out.length < 2) out = [lo, hi];
  return out;
}

function timeTicks(x0: number, x1: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= n; k++) out.push(x0 + ((x1 - x0) * k) / n);
  return out;
}
