/**
 * Cold-tier file layout: `<root>/<kind>/<venue>/<symbol>/date=YYYY-MM-DD.parquet`, one file per
 * UTC day and series. Venue/symbol path segments are escaped (anything outside [A-Za-z0-9._-]
 * becomes %XX) so a symbol can never climb out of its folder; listing prunes by the date in
 * the file name before any file is opened.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const DAY = 86_400_000;
const FILE_RE = /^date=(\d{4}-\d{2}-\d{2})\.parquet$/;

export function escapeSegment(s: string): string {
  const out = s.replace(/[^A-Za-z0-9._-]/g, (c) => Array.from(new TextEncoder().encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""));
  if (out === "") throw new RangeError("empty venue/symbol cannot name a cold-tier folder");
  return out === "." || out === ".." ? out.replace(/\./g, "%2E") : out;
}

export function unescapeSegment(s: string): string {
  return decodeURIComponent(s);
}

export function dayString(ms: number): string {
  return new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10);
}

export function coldFile(root: string, kind: string, venue: string, symbol: string, day: string): string {
  return join(root, kind, escapeSegment(venue), escapeSegment(symbol), `date=${day}.parquet`);
}

export interface ColdFile {
  readonly path: string;
  readonly kind: string;
  readonly venue: string;
  readonly symbol: string;
  /** UTC day "YYYY-MM-DD". */
  readonly day: string;
}

/** Files of a kind, optionally filtered by venue/symbol and by days overlapping [fromMs, toMs). */
export function listColdFiles(root: string, kind: string, f: { venue?: string; symbol?: string; fromMs?: number; toMs?: number } = {}): ColdFile[] {
  const base = join(root, kind);
  if (!existsSync(base)) return [];
  const fromDay = f.fromMs !== undefined && Number.isFinite(f.fromMs) ? dayString(f.fromMs) : "";
  const toDay = f.toMs !== undefined && Number.isFinite(f.toMs) ? dayString(f.toMs - 1) : "9999-12-31";
  const out: ColdFile[] = [];
  for (const v of dirs(base)) {
    const venue = unescapeSegment(v);
    if (f.venue !== undefined && venue !== f.venue) continue;
    for (const sym of dirs(join(base, v))) {
      const symbol = unescapeSegment(sym);
      if (f.symbol !== undefined && symbol !== f.symbol) continue;
      for (const name of readdirSync(join(base, v, sym)).sort()) {
        const m = FILE_RE.exec(name);
        if (!m || m[1]! < fromDay || m[1]! > toDay) continue;
        out.push({ path: join(base, v, sym, name), kind, venue, symbol, day: m[1]! });
      }
    }
  }
  return out;
}

function dirs(p: string): string[] {
  return readdirSync(p, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
