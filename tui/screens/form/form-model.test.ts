import { describe, expect, test } from "bun:test";
import { dataFile } from "../../../src/testkit/data-path.ts";
import { parseStrategies } from "../../client/strategies.ts";
import type { KeyPress } from "../../keymap.ts";
import { HL_CANDLES, loadBars } from "../../testing/real-bars.ts";
import { simulated } from "../../testing/sim-bot.ts";
import { parseFreeParams, toCreateBody, toPatch } from "./form-body.ts";
import { editForm, formKey, newForm, type FormState } from "./form-model.ts";

const CATALOGUE = parseStrategies({
  strategies: [
    { name: "ma_crossover", description: "Moving-average crossover", params: { type: "object", properties: { fast: { type: "integer", minimum: 1, default: 10 }, slow: { type: "integer", minimum: 2, default: 30 } } } },
    { name: "rsi", description: "RSI mean reversion", params: { type: "object", properties: { period: { type: "integer", minimum: 2, default: 14 }, kind: { type: "string", enum: ["wilder", "sma"], default: "wilder" } } } },
  ],
});

function keys(s: FormState, ...ks: (string | KeyPress)[]): FormState {
  for (const k of ks) {
    const out = formKey(s, typeof k === "string" ? { input: k } : k);
    if (out.kind !== "edit") throw new Error(`unexpected ${out.kind}`);
    s = out.state;
  }
  return s;
}
const type = (s: FormState, text: string) => keys(s, ...[...text]);
const focusOn = (s: FormState, key: string) => {
  for (let i = 0; i < 40 && s.fields[s.focus]!.key !== key; i++) s = keys(s, { input: "", tab: true });
  if (s.fields[s.focus]!.key !== key) throw new Error(`no field ${key}`);
  return s;
};
const TAB: KeyPress = { input: "", tab: true };
const RIGHT: KeyPress = { input: "", rightArrow: true };
const BS: KeyPress = { input: "", backspace: true };

describe("bot form model", () => {
  test("add with a catalogue: strategy params appear with their defaults and go into the body", () => {
    let s = newForm(CATALOGUE);
    expect(s.fields.map((f) => f.key)).toEqual(["id", "symbol", "interval", "strategy", "param:fast", "param:slow", "mode", "feed", "file", "bars_per_second", "capital"]);
    s = type(s, "btc-sma");
    s = focusOn(s, "param:fast");
    s = keys(s, BS, BS);
    s = type(s, "8");
    s = focusOn(s, "file");
    s = type(s, "/data/btc.csv.gz");
    const out = toCreateBody(s);
    expect(out).toEqual({
      ok: true,
      value: { id: "btc-sma", symbol: "BTC", interval: "1h", strategy: "ma_crossover", params: { fast: 8, slow: 30 }, mode: "paper", feed: { kind: "replay", file: "/data/btc.csv.gz", bars_per_second: 0 }, risk: { capital: 10000 } },
    });
  });

  test("changing the strategy swaps its parameter fields; choices cycle with ←/→", () => {
    let s = focusOn(newForm(CATALOGUE), "strategy");
    s = keys(s, RIGHT);
    expect(s.fields.find((f) => f.key === "strategy")!.value).toBe("rsi");
    expect(s.fields.filter((f) => f.key.startsWith("param:")).map((f) => [f.key, f.value])).toEqual([
      ["param:period", "14"],
      ["param:kind", "wilder"],
    ]);
    s = focusOn(s, "param:kind");
    s = keys(s, RIGHT);
    expect(s.fields[s.focus]!.value).toBe("sma");
    s = focusOn(s, "interval");
    s = keys(s, { input: "", leftArrow: true });
    expect(s.fields[s.focus]!.value).toBe("30m");
    s = focusOn(s, "feed");
    s = keys(s, RIGHT);
    expect(s.fields.map((f) => f.key)).toContain("warmup_bars");
    expect(s.fields.map((f) => f.key)).not.toContain("file");
  });

  test("validation names the field and moves the focus there", () => {
    let s = newForm(CATALOGUE);
    let out = toCreateBody(s);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.state.error).toEqual({ key: "id", message: "1–64 characters of A-Z a-z 0-9 _ . - starting with a letter or digit" });
    s = type(s, "ok-1");
    s = focusOn(s, "param:slow");
    s = keys(s, BS, BS);
    s = type(s, "1.5");
    out = toCreateBody(s);
    expect(!out.ok && out.state.error).toEqual({ key: "param:slow", message: "must be a whole number, got 1.5" });
    s = keys(s, BS, BS, BS);
    s = type(s, "1");
    out = toCreateBody(s);
    expect(!out.ok && out.state.error).toEqual({ key: "param:slow", message: "must be ≥ 2" });
    s = keys(s, BS);
    s = type(s, "40");
    out = toCreateBody(s);
    expect(!out.ok && out.state.error).toEqual({ key: "file", message: "a replay feed needs a bar file" });
    expect(!out.ok && out.state.fields[out.state.focus]!.key).toBe("file");
    s = focusOn(s, "mode");
    s = keys(s, RIGHT);
    s = focusOn(s, "file");
    s = type(s, "/x.csv");
    out = toCreateBody(s);
    expect(!out.ok && out.state.error).toEqual({ key: "mode", message: "live mode needs the hyperliquid feed" });
  });

  test("without a catalogue, strategy and params are free text (key=value, JSON values)", () => {
    let s = newForm(null);
    expect(s.fields.find((f) => f.key === "strategy")!.kind).toBe("text");
    s = type(s, "x1");
    s = focusOn(s, "strategy");
    s = type(s, "rsi");
    s = focusOn(s, "params");
    s = type(s, "period=14 kind=sma flag=true");
    s = focusOn(s, "file");
    s = type(s, "/d.csv");
    const out = toCreateBody(s);
    expect(out.ok && out.value.params).toEqual({ period: 14, kind: "sma", flag: true });
    expect(parseFreeParams("oops")).toEqual({ params: {}, error: '"oops" is not key=value' });
  });

  test("edit: prefilled from the bot, id locked, patch carries only what changed", () => {
    const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h", limit: 50 });
    const bot = simulated("btc", bars, 40, { strategy: "ma_crossover", params: { fast: 10, slow: 30 } }).summary;
    let s = editForm(bot, CATALOGUE);
    expect(s.fields[s.focus]!.key).toBe("param:fast");
    expect(s.fields.find((f) => f.key === "id")).toMatchObject({ value: "btc", locked: true });
    // Tab never lands on the locked id.
    for (let i = 0; i < 30; i++) {
      s = keys(s, TAB);
      expect(s.fields[s.focus]!.key).not.toBe("id");
    }
    s = focusOn(s, "param:fast");
    s = keys(s, { input: "u", ctrl: true });
    s = type(s, "8");
    s = focusOn(s, "bars_per_second");
    s = keys(s, BS);
    s = type(s, "50");
    expect(toPatch(s, bot)).toEqual({ ok: true, value: { params: { fast: 8 }, feed: { bars_per_second: 50 } } });
    // Clearing a param sends null (back to the strategy default).
    s = focusOn(s, "param:slow");
    s = keys(s, { input: "u", ctrl: true });
    const p = toPatch(s, bot);
    expect(p.ok && p.value.params).toEqual({ fast: 8, slow: null });
    expect(toPatch(editForm(bot, CATALOGUE), bot)).toEqual({ ok: true, value: {} });
    // Params left at their defaults (absent from the bot) are shown prefilled but not sent back.
    const sparse = { ...bot, params: { fast: 10 } };
    expect(toPatch(editForm(sparse, CATALOGUE), sparse)).toEqual({ ok: true, value: {} });
  });

  test("edit: switching the feed kind removes the old kind's keys", () => {
    const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h", limit: 10 });
    const bot = simulated("b", bars, 1).summary;
    let s = focusOn(editForm(bot, null), "feed");
    s = keys(s, RIGHT);
    expect(toPatch(s, bot)).toEqual({ ok: true, value: { feed: { file: null, bars_per_second: null, kind: "hyperliquid", warmup_bars: 200 } } });
  });

  test("Enter submits, Esc cancels, control characters are not typed", () => {
    const s = newForm(null);
    expect(formKey(s, { input: "", return: true }).kind).toBe("submit");
    expect(formKey(s, { input: "", escape: true }).kind).toBe("cancel");
    const t = keys(s, "a\x01b");
    expect(t.fields[0]!.value).toBe("ab");
  });
});
