/**
 * The add/edit bot form as pure data: which fields exist (they depend on the chosen strategy and
 * feed) and how keys edit them; form-body.ts turns the values into a POST body or a merge patch.
 * No React here, so every rule is unit-tested directly.
 *
 * Invariants: `focus` always points at an editable field; changing the strategy replaces the
 * parameter fields with the new strategy's (prefilled with its defaults); a validation failure
 * names the field and moves the focus to it; the daemon still validates everything (its 422
 * message is shown as is).
 */
import type { Interval } from "../../../src/core/interval.ts";
import type { BotSummary } from "../../client/api-types.ts";
import type { StrategyInfo, ParamInfo } from "../../client/strategies.ts";
import type { KeyPress } from "../../keymap.ts";
import { parseFreeParams } from "./form-body.ts";

/** Every interval the daemon accepts; the type check below fails if core adds one. */
export const INTERVAL_CHOICES = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "8h", "12h", "1d", "3d", "1w", "1M"] as const satisfies readonly Interval[];
type MissingInterval = Exclude<Interval, (typeof INTERVAL_CHOICES)[number]>;
const intervalsComplete: [MissingInterval] extends [never] ? true : false = true;
void intervalsComplete;


export interface FormField {
  readonly key: string;
  readonly label: string;
  readonly kind: "text" | "number" | "choice";
  readonly value: string;
  readonly choices?: readonly string[];
  readonly hint?: string;
  readonly locked?: boolean;
  readonly param?: ParamInfo;
}

export interface FormState {
  readonly mode: "add" | "edit";
  readonly botId: string | null;
  readonly fields: readonly FormField[];
  readonly focus: number;
  readonly error: { readonly key: string; readonly message: string } | null;
  readonly strategies: readonly StrategyInfo[] | null;
}

export type FormOutcome = { readonly kind: "edit"; readonly state: FormState } | { readonly kind: "submit"; readonly state: FormState } | { readonly kind: "cancel" };

const PARAM = "param:";

function valueText(v: unknown): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

function paramHint(p: ParamInfo): string {
  const range = p.min !== undefined && p.max !== undefined ? ` ${p.min}..${p.max}` : p.min !== undefined ? ` ≥ ${p.min}` : p.max !== undefined ? ` ≤ ${p.max}` : "";
  const def = p.default !== undefined ? `, default ${valueText(p.default)}` : "";
  return `${p.type}${range}${def}${p.description ? ` · ${p.description}` : ""}`;
}

function paramFields(strategy: string, catalogue: readonly StrategyInfo[] | null, current: Readonly<Record<string, unknown>>): FormField[] {
  const info = catalogue?.find((s) => s.name === strategy);
  if (!info) {
    const text = Object.entries(current).map(([k, v]) => `${k}=${valueText(v)}`).join(" ");
    return [{ key: "params", label: "Params", kind: "text", value: text, hint: "key=value pairs separated by spaces (empty = strategy defaults)" }];
  }
  return info.params.map((p) => ({
    key: PARAM + p.name,
    label: `· ${p.name}`,
    kind: p.type === "enum" || p.type === "boolean" ? "choice" : p.type === "string" ? "text" : "number",
    value: valueText(current[p.name] ?? p.default),
    hint: paramHint(p),
    param: p,
    ...(p.type === "enum" ? { choices: p.choices ?? [] } : p.type === "boolean" ? { choices: ["true", "false"] } : {}),
  }));
}

function feedFields(feed: string, values: Readonly<Record<string, string>>): FormField[] {
  if (feed === "replay") {
    return [
      { key: "file", label: "File", kind: "text", value: values.file ?? "", hint: "bar file on the daemon's machine (CSV/CSV.gz/Parquet)" },
      { key: "bars_per_second", label: "Speed", kind: "number", value: values.bars_per_second ?? "0", hint: "bars per second; 0 = as fast as possible" },
    ];
  }
  return [{ key: "warmup_bars", label: "Warm-up", kind: "number", value: values.warmup_bars ?? "200", hint: "closed candles fetched over REST first" }];
}

function fieldMap(fields: readonly FormField[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, f.value]));
}

/** Assembles the field list from values; strategy and feed decide which extra fields exist. */
function layout(mode: "add" | "edit", v: Record<string, string>, params: Readonly<Record<string, unknown>>, catalogue: readonly StrategyInfo[] | null): FormField[] {
  const strategyNames = catalogue?.map((s) => s.name) ?? [];
  const strategyField: FormField =
    strategyNames.length > 0
      ? { key: "strategy", label: "Strategy", kind: "choice", value: strategyNames.includes(v.strategy ?? "") ? v.strategy! : strategyNames[0]!, choices: strategyNames, hint: catalogue?.find((s) => s.name === v.strategy)?.description ?? "" }
      : { key: "strategy", label: "Strategy", kind: "text", value: v.strategy ?? "", hint: "strategy name (see `algo-trade strategies`)" };
  const strategyHint = catalogue?.find((s) => s.name === strategyField.value)?.description;
  const feed = v.feed === "hyperliquid" ? "hyperliquid" : "replay";
  return [
    { key: "id", label: "Id", kind: "text", value: v.id ?? "", hint: "unique: letters, digits, _ . -", locked: mode === "edit" },
    { key: "symbol", label: "Symbol", kind: "text", value: v.symbol ?? "BTC", hint: "as the feed names it (BTC, BTCUSDT …)" },
    { key: "interval", label: "Interval", kind: "choice", value: v.interval ?? "1h", choices: INTERVAL_CHOICES },
    strategyHint !== undefined ? { ...strategyField, hint: strategyHint } : strategyField,
    ...paramFields(strategyField.value, catalogue, params),
    { key: "mode", label: "Mode", kind: "choice", value: v.mode ?? "paper", choices: ["paper", "live"], hint: "live sends real orders (needs the hyperliquid feed)" },
    { key: "feed", label: "Feed", kind: "choice", value: feed, choices: ["replay", "hyperliquid"] },
    ...feedFields(feed, v),
    { key: "capital", label: "Capital", kind: "number", value: v.capital ?? "10000", hint: "initial capital in quote currency" },
  ];
}

function firstEditable(fields: readonly FormField[]): number {
  return Math.max(0, fields.findIndex((f) => !f.locked));
}

export function newForm(catalogue: readonly StrategyInfo[] | null): FormState {
  const fields = layout("add", {}, {}, catalogue);
  return { mode: "add", botId: null, fields, focus: firstEditable(fields), error: null, strategies: catalogue };
}

export function editForm(bot: BotSummary, catalogue: readonly StrategyInfo[] | null): FormState {
  const feed = bot.feed;
  const v: Record<string, string> = {
    id: bot.id,
    symbol: bot.symbol,
    interval: bot.interval,
    strategy: bot.strategy,
    mode: bot.mode,
    feed: feed.kind,
    capital: String(bot.risk.capital),
    ...(feed.kind === "replay" ? { file: feed.file ?? "", bars_per_second: String(feed.bars_per_second) } : { warmup_bars: String(feed.warmup_bars) }),
  };
  const fields = layout("edit", v, bot.params, catalogue);
  const firstParam = fields.findIndex((f) => f.key.startsWith(PARAM) || f.key === "params");
  return { mode: "edit", botId: bot.id, fields, focus: firstParam >= 0 ? firstParam : firstEditable(fields), error: null, strategies: catalogue };
}

function relayout(s: FormState, fields: FormField[], keepKey: string): FormState {
  const v = fieldMap(fields);
  const params = s.strategies?.some((x) => x.name === v.strategy) ? {} : parseFreeParams(v.params ?? "").params;
  const next = layout(s.mode, v, params, s.strategies);
  const focus = Math.max(0, next.findIndex((f) => f.key === keepKey));
  return { ...s, fields: next, focus, error: null };
}

function move(s: FormState, delta: number): FormState {
  const n = s.fields.length;
  let i = s.focus;
  for (let k = 0; k < n; k++) {
    i = (i + delta + n) % n;
    if (!s.fields[i]!.locked) break;
  }
  return { ...s, focus: i };
}

function setValue(s: FormState, value: string): FormState {
  const fields = s.fields.map((f, i) => (i === s.focus ? { ...f, value } : f));
  const f = fields[s.focus]!;
  if (f.key === "strategy" || f.key === "feed") return relayout(s, fields, f.key);
  return { ...s, fields, error: s.error?.key === f.key ? null : s.error };
}

/** Applies one key press. */
export function formKey(s: FormState, k: KeyPress): FormOutcome {
  const f = s.fields[s.focus];
  if (k.escape) return { kind: "cancel" };
  if (k.return) return { kind: "submit", state: s };
  if ((k.tab && k.shift) || k.upArrow) return { kind: "edit", state: move(s, -1) };
  if (k.tab || k.downArrow) return { kind: "edit", state: move(s, 1) };
  if (!f || f.locked) return { kind: "edit", state: s };
  if (f.kind === "choice") {
    const choices = f.choices ?? [];
    if ((k.leftArrow || k.rightArrow || k.input === " ") && choices.length > 0) {
      const i = choices.indexOf(f.value);
      const j = (i + (k.leftArrow ? -1 : 1) + choices.length) % choices.length;
      return { kind: "edit", state: setValue(s, choices[j]!) };
    }
    return { kind: "edit", state: s };
  }
  if (k.ctrl && k.input === "u") return { kind: "edit", state: setValue(s, "") };
  if (k.backspace || k.delete) return { kind: "edit", state: setValue(s, [...f.value].slice(0, -1).join("")) };
  if (k.ctrl || k.meta || k.leftArrow || k.rightArrow) return { kind: "edit", state: s };
  const text = k.input.replace(/[\r\n\t\x00-\x1f\x7f]/g, "");
  if (text === "") return { kind: "edit", state: s };
  return { kind: "edit", state: setValue(s, f.value + text) };
}
