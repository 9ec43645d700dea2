/**
 * Classifies a bot definition change by when it can take effect:
 *  - hot: applied by the running bot at its next bar (strategy, params, sizing, replay speed,
 *    autostart/enabled flags);
 *  - next_start: stored now, used from the next start (simulated fees/slippage, rng seed) —
 *    the book is kept;
 *  - reset: changes what the book means (symbol, interval, mode, data source, capital), so it
 *    needs a stopped bot and starts a new epoch (fresh portfolio; older trades stay listed).
 */
import type { BotSpec } from "./types.ts";

export interface SpecDiff {
  readonly hot: string[];
  readonly next_start: string[];
  readonly reset: string[];
}

const HOT_RISK = new Set(["risk_per_trade_pct", "max_position_pct", "leverage"]);
const NEXT_START_RISK = new Set(["fee_rate", "slippage_bps", "seed"]);

export function diffSpecs(a: BotSpec, b: BotSpec): SpecDiff {
  const d: SpecDiff = { hot: [], next_start: [], reset: [] };
  if (a.symbol !== b.symbol) d.reset.push("symbol");
  if (a.interval !== b.interval) d.reset.push("interval");
  if (a.mode !== b.mode) d.reset.push("mode");
  if (a.strategy !== b.strategy) d.hot.push("strategy");
  if (!sameJson(a.params, b.params)) d.hot.push("params");
  if (a.autostart !== b.autostart) d.hot.push("autostart");
  if (a.enabled !== b.enabled) d.hot.push("enabled");
  for (const k of Object.keys({ ...a.risk, ...b.risk }) as (keyof BotSpec["risk"])[]) {
    if (a.risk[k] === b.risk[k]) continue;
    const path = `risk.${k}`;
    if (HOT_RISK.has(k)) d.hot.push(path);
    else if (NEXT_START_RISK.has(k)) d.next_start.push(path);
    else d.reset.push(path);
  }
  const fa = a.feed as unknown as Record<string, unknown>;
  const fb = b.feed as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(fa), ...Object.keys(fb)])) {
    if (sameJson(fa[k], fb[k])) continue;
    const path = `feed.${k}`;
    if (k === "bars_per_second" && a.feed.kind === b.feed.kind) d.hot.push(path);
    else if (k === "warmup_bars") d.next_start.push(path);
    else d.reset.push(path);
  }
  return d;
}

export function isEmptyDiff(d: SpecDiff): boolean {
  return d.hot.length === 0 && d.next_start.length === 0 && d.reset.length === 0;
}

function sameJson(x: unknown, y: unknown): boolean {
  return JSON.stringify(canonical(x)) === JSON.stringify(canonical(y));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, canonical(o[k])]));
  }
  return v;
}
