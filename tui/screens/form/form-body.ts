/**
 * Turns the add/edit form's values into what the daemon takes: a POST /api/bots body, or a JSON
 * merge patch (RFC 7386) with only what changed for PATCH /api/bots/:id. Validation mirrors the
 * daemon's schema closely enough to name the field locally (focus moves there); the daemon still
 * validates everything and its 422 message is shown as is.
 */
import type { BotSpecInput, BotSummary } from "../../client/api-types.ts";
import type { ParamInfo } from "../../client/strategies.ts";
import type { FormField, FormState } from "./form-model.ts";

/** Same rule as src/config/sections/bots.ts BOT_ID_RE (the TUI cannot import it at run time). */
const BOT_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function fieldMap(fields: readonly FormField[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, f.value]));
}

/** `fast=10 slow=30 name=abc` → { fast: 10, slow: 30, name: "abc" } (JSON where it parses). */
export function parseFreeParams(text: string): { params: Record<string, unknown>; error: string | null } {
  const params: Record<string, unknown> = {};
  for (const tok of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = tok.indexOf("=");
    if (eq <= 0) return { params, error: `"${tok}" is not key=value` };
    const raw = tok.slice(eq + 1);
    let v: unknown = raw;
    try {
      v = JSON.parse(raw);
    } catch {
      v = raw;
    }
    params[tok.slice(0, eq)] = v;
  }
  return { params, error: null };
}

type Built<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly state: FormState };

function fail(s: FormState, key: string, message: string): { ok: false; state: FormState } {
  const i = s.fields.findIndex((f) => f.key === key);
  return { ok: false, state: { ...s, focus: i >= 0 ? i : s.focus, error: { key, message } } };
}

function paramValue(p: ParamInfo, text: string): { value?: unknown; error?: string } {
  const t = text.trim();
  if (t === "") return {};
  switch (p.type) {
    case "integer":
    case "number": {
      const n = Number(t);
      if (!Number.isFinite(n)) return { error: `must be a number, got "${t}"` };
      if (p.type === "integer" && !Number.isInteger(n)) return { error: `must be a whole number, got ${t}` };
      if (p.min !== undefined && n < p.min) return { error: `must be ≥ ${p.min}` };
      if (p.max !== undefined && n > p.max) return { error: `must be ≤ ${p.max}` };
      return { value: n };
    }
    case "boolean":
      return { value: t === "true" };
    default:
      return { value: t };
  }
}

/** Values as typed data, or the form with the first error marked. */
function collect(s: FormState): Built<{ v: Record<string, string>; params: Record<string, unknown>; nums: Record<string, number> }> {
  const v = fieldMap(s.fields);
  if (!BOT_ID_RE.test(v.id ?? "")) return fail(s, "id", "1–64 characters of A-Z a-z 0-9 _ . - starting with a letter or digit");
  if (!(v.symbol ?? "").trim()) return fail(s, "symbol", "required");
  if (!(v.strategy ?? "").trim()) return fail(s, "strategy", "required");
  let params: Record<string, unknown> = {};
  if (v.params !== undefined) {
    const r = parseFreeParams(v.params);
    if (r.error) return fail(s, "params", r.error);
    params = r.params;
  }
  for (const f of s.fields) {
    if (!f.param) continue;
    const r = paramValue(f.param, f.value);
    if (r.error) return fail(s, f.key, r.error);
    if (r.value !== undefined) params[f.param.name] = r.value;
  }
  const nums: Record<string, number> = {};
  for (const key of ["bars_per_second", "warmup_bars", "capital"]) {
    if (v[key] === undefined) continue;
    const n = Number(v[key]!.trim());
    if (v[key]!.trim() === "" || !Number.isFinite(n) || n < 0) return fail(s, key, `must be a number ≥ 0, got "${v[key]}"`);
    nums[key] = n;
  }
  if (v.feed === "replay" && !(v.file ?? "").trim()) return fail(s, "file", "a replay feed needs a bar file");
  if (v.mode === "live" && v.feed === "replay") return fail(s, "mode", "live mode needs the hyperliquid feed");
  return { ok: true, value: { v, params, nums } };
}

function feedOf(v: Record<string, string>, nums: Record<string, number>): BotSpecInput["feed"] {
  return v.feed === "hyperliquid" ? { kind: "hyperliquid", warmup_bars: nums.warmup_bars ?? 200 } : { kind: "replay", file: v.file!.trim(), bars_per_second: nums.bars_per_second ?? 0 };
}

/** POST /api/bots body. */
export function toCreateBody(s: FormState): Built<BotSpecInput> {
  const c = collect(s);
  if (!c.ok) return c;
  const { v, params, nums } = c.value;
  return {
    ok: true,
    value: { id: v.id!, symbol: v.symbol!.trim(), interval: v.interval!, strategy: v.strategy!.trim(), params, mode: v.mode === "live" ? "live" : "paper", feed: feedOf(v, nums), risk: { capital: nums.capital ?? 10_000 } },
  };
}

/** PATCH /api/bots/:id merge patch with only the changed parts (null removes a param: back to its default). */
export function toPatch(s: FormState, bot: BotSummary): Built<Record<string, unknown>> {
  const c = collect(s);
  if (!c.ok) return c;
  const { v, params, nums } = c.value;
  const patch: Record<string, unknown> = {};
  if (v.symbol!.trim() !== bot.symbol) patch.symbol = v.symbol!.trim();
  if (v.interval !== bot.interval) patch.interval = v.interval;
  if (v.strategy!.trim() !== bot.strategy) patch.strategy = v.strategy!.trim();
  if (v.mode !== bot.mode) patch.mode = v.mode;
  const pp: Record<string, unknown> = {};
  const defaults = new Map(s.fields.flatMap((f) => (f.param ? [[f.param.name, f.param.default] as const] : [])));
  for (const [k, val] of Object.entries(params)) {
    // A param the bot leaves at its default, shown prefilled with that default, is not a change.
    if (!(k in bot.params) && defaults.has(k) && JSON.stringify(defaults.get(k)) === JSON.stringify(val)) continue;
    if (JSON.stringify(bot.params[k]) !== JSON.stringify(val)) pp[k] = val;
  }
  for (const k of Object.keys(bot.params)) if (!(k in params)) pp[k] = null;
  if (Object.keys(pp).length > 0) patch.params = pp;
  const feed = feedOf(v, nums);
  if (feed.kind !== bot.feed.kind) {
    // Switching kind: null out the old kind's keys (merge-patch removal), then set the new ones.
    const removed = Object.fromEntries(Object.keys(bot.feed).filter((k) => !(k in feed)).map((k) => [k, null]));
    patch.feed = { ...removed, ...feed };
  } else {
    const fp: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(feed)) if ((bot.feed as unknown as Record<string, unknown>)[k] !== val) fp[k] = val;
    if (Object.keys(fp).length > 0) patch.feed = fp;
  }
  if (nums.capital !== undefined && nums.capital !== bot.risk.capital) patch.risk = { capital: nums.capital };
  return { ok: true, value: patch };
}
