/**
 * Number, time and column formatting for narrow terminal tables. Pure functions, no locale
 * dependence (grouping is done by hand so output is identical on every machine and in tests).
 *
 * Units as the daemon sends them: `return_pct` is already in percent (5 = 5 %); `max_drawdown`,
 * `win_rate` and a trade's `pnl_pct` are fractions (0.05 = 5 %). Times are epoch ms, shown UTC.
 */

/** 12345.678 → "12,345.68"; NaN/∞ → "—". */
export function money(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return "—";
  const neg = x < 0 || Object.is(x, -0);
  const fixed = Math.abs(x).toFixed(decimals);
  const [int, frac] = fixed.split(".") as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const body = frac === undefined ? grouped : `${grouped}.${frac}`;
  return neg && Number(fixed) !== 0 ? `-${body}` : body;
}

/** Signed money: "+12.50" / "-3.10" / "0.00". */
export function signedMoney(x: number, decimals = 2): string {
  const s = money(x, decimals);
  return x > 0 && s !== "—" && Number(x.toFixed(decimals)) !== 0 ? `+${s}` : s;
}

/** A percentage given in percent units: 5.123 → "+5.12%". */
export function pctPoints(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return "—";
  const r = x.toFixed(decimals);
  return `${x > 0 && Number(r) !== 0 ? "+" : ""}${Number(r) === 0 ? (0).toFixed(decimals) : r}%`;
}

/** A fraction shown as a percentage: 0.0512 → "5.12%" (unsigned unless `signed`). */
export function pctOfFraction(x: number, decimals = 1, signed = false): string {
  if (!Number.isFinite(x)) return "—";
  return signed ? pctPoints(x * 100, decimals) : `${(x * 100).toFixed(decimals)}%`;
}

/** Ratio with fixed decimals: Sharpe 1.234 → "1.23". */
export function ratio(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return "—";
  const r = x.toFixed(decimals);
  return Number(r) === 0 ? (0).toFixed(decimals) : r;
}

/** A price with enough significant digits for both BTC (64,123.5) and small coins (0.001234). */
export function price(x: number): string {
  if (!Number.isFinite(x)) return "—";
  const a = Math.abs(x);
  if (a >= 1000) return money(x, 1);
  if (a >= 1) return money(x, 2);
  if (a === 0) return "0";
  return x.toPrecision(4);
}

/** Quantity: up to 6 decimals, trailing zeros removed. */
export function quantity(x: number): string {
  if (!Number.isFinite(x)) return "—";
  return x.toFixed(6).replace(/\.?0+$/, "") || "0";
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

/** Epoch ms → "2024-03-01 14:05" (UTC). */
export function dateTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** Epoch ms → "07-17 14:05" (UTC), for event lists. */
export function shortDateTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "--";
  const d = new Date(ms);
  return `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** Epoch ms → "14:05:09" (UTC). */
export function clock(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "--:--:--";
  const d = new Date(ms);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** Cuts to `width` columns with an ellipsis; never returns more than `width` characters. */
export function truncate(s: string, width: number): string {
  if (width <= 0) return "";
  const chars = [...s];
  if (chars.length <= width) return s;
  if (width === 1) return "…";
  return `${chars.slice(0, width - 1).join("")}…`;
}

/** Left/right aligned cell of exactly `width` columns. */
export function cell(s: string, width: number, align: "left" | "right" = "left"): string {
  const t = truncate(s, width);
  const n = [...t].length;
  return align === "left" ? t + " ".repeat(width - n) : " ".repeat(width - n) + t;
}

/** Short relative age: 42s, 5m, 3h, 2d. */
export function age(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}
