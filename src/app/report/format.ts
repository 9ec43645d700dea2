/**
 * Number and time formatting shared by the text, JSON, CSV and HTML reports. All times are UTC.
 * NaN and ±Infinity print as "n/a" in text and become null in JSON.
 */
export function fmtNum(x: number, dp = 2): string {
  if (!Number.isFinite(x)) return "n/a";
  return x.toLocaleString("en-US", { minimumFractionDigits: dp, maximumFractionDigits: dp });
}

export function fmtPct(x: number, dp = 2, sign = false): string {
  if (!Number.isFinite(x)) return "n/a";
  const s = fmtNum(x * 100, dp) + "%";
  return sign && x > 0 ? "+" + s : s;
}

export function fmtSigned(x: number, dp = 2): string {
  if (!Number.isFinite(x)) return "n/a";
  return (x > 0 ? "+" : "") + fmtNum(x, dp);
}

export function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a";
}

/** "2024-01-02 03:04" (UTC), or with seconds when they are not zero. */
export function fmtTime(ms: number): string {
  if (!Number.isFinite(ms)) return "n/a";
  const iso = new Date(ms).toISOString();
  const secs = iso.slice(17, 19) !== "00";
  return iso.slice(0, secs ? 19 : 16).replace("T", " ");
}

export function isoTime(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** "3,202d 4h", "5h 30m", "45m". */
export function fmtDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "0m";
  const m = Math.round(ms / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  if (d > 0) return `${fmtInt(d)}d ${h}h`;
  if (h > 0) return `${h}h ${mm}m`;
  return `${mm}m`;
}

/** A price/size with up to `dp` decimals, trailing zeros removed ("0.00549", "76843.4"). */
export function fmtPlain(x: number, dp: number): string {
  if (!Number.isFinite(x)) return "";
  const s = x.toFixed(Math.min(20, Math.max(0, dp)));
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** Replaces non-finite numbers by null, recursively (JSON has no NaN). */
export function jsonSafe(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonSafe(x);
    return out;
  }
  return v;
}

/** Minimal HTML escaping for text nodes and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
