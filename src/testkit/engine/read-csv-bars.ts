/**
 * Minimal, independent reader of the shared OHLCV CSV files for engine tests and benches
 * (header with open_time_ms, open, high, low, close, volume; gzip allowed). It is deliberately
 * separate from src/data's loader so engine tests do not depend on it and can cross-check it.
 */
import { readFileSync } from "node:fs";
import { makeInstrument, type Instrument } from "../../core/index.ts";
import type { BarSeries } from "../../engine/bar-series.ts";

export interface RawBars {
  readonly series: BarSeries;
  /** The raw text of every kept row's OHLCV fields, for exact decimal checks. */
  readonly text: { open: string[]; high: string[]; low: string[]; close: string[]; volume: string[] } | null;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
}

export function readCsvBars(path: string, opts: { limit?: number; keepText?: boolean; symbol?: string; intervalMs?: number } = {}): RawBars {
  const buf = readFileSync(path);
  const text = path.endsWith(".gz") ? new TextDecoder().decode(Bun.gunzipSync(buf)) : buf.toString("utf8");
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  let pos = text.indexOf("\n");
  const header = text.slice(0, pos).trim().split(",");
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path}: no column ${name}`);
    return i;
  };
  const [cT, cO, cH, cL, cC, cV] = [col("open_time_ms"), col("open"), col("high"), col("low"), col("close"), col("volume")];
  const cap = Math.min(limit, 4_000_000);
  let ts: Float64Array = new Float64Array(Math.min(cap, 1 << 16));
  let cols: Float64Array[] = [0, 0, 0, 0, 0].map(() => new Float64Array(ts.length));
  const keep = opts.keepText ? { open: [] as string[], high: [] as string[], low: [] as string[], close: [] as string[], volume: [] as string[] } : null;
  let n = 0;
  let pd = 0;
  let sd = 0;
  while (pos < text.length - 1 && n < limit) {
    const end = text.indexOf("\n", pos + 1);
    const line = text.slice(pos + 1, end < 0 ? text.length : end).trim();
    pos = end < 0 ? text.length : end;
    if (!line) continue;
    const f = line.split(",");
    if (n === ts.length) {
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      ts = grow(ts);
      cols = cols.map(grow);
    }
    ts[n] = Number(f[cT]);
    const fields: [string, string, string, string, string] = [f[cO]!, f[cH]!, f[cL]!, f[cC]!, f[cV]!];
    for (let k = 0; k < 5; k++) {
      cols[k]![n] = Number(fields[k]);
      const dot = fields[k]!.indexOf(".");
      const d = dot < 0 ? 0 : fields[k]!.length - dot - 1;
      if (k < 4) pd = Math.max(pd, d);
      else sd = Math.max(sd, d);
    }
    if (keep) {
      keep.open.push(fields[0]);
      keep.high.push(fields[1]);
      keep.low.push(fields[2]);
      keep.close.push(fields[3]);
      keep.volume.push(fields[4]);
    }
    n++;
  }
  const intervalMs = opts.intervalMs ?? (n > 1 ? minStep(ts, n) : 60_000);
  const series: BarSeries = {
    symbol: opts.symbol ?? "TEST",
    venue: "binance",
    intervalMs,
    length: n,
    tsEvent: ts.subarray(0, n),
    open: cols[0]!.subarray(0, n),
    high: cols[1]!.subarray(0, n),
    low: cols[2]!.subarray(0, n),
    close: cols[3]!.subarray(0, n),
    volume: cols[4]!.subarray(0, n),
    source: path,
  };
  return { series, text: keep, priceDecimals: pd, sizeDecimals: sd };
}

function minStep(ts: Float64Array, n: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 1; i < Math.min(n, 10_000); i++) m = Math.min(m, ts[i]! - ts[i - 1]!);
  return m;
}

/** A perp-like test instrument with the given tick/lot strings. */
export function testInstrument(symbol = "BTCUSDT", tick = "0.01", lot = "0.00001", id = 0): Instrument {
  return makeInstrument({ id, symbol, venue: "sim", kind: "perp", tick, lot });
}
