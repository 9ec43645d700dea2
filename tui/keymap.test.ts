import { describe, expect, test } from "bun:test";
import { BINDINGS, bindingsFor, hintsFor, resolveKey, splitKeys, type Command, type KeyContext } from "./keymap.ts";

const CONTEXTS: KeyContext[] = ["list", "detail", "confirm", "help"];

describe("keymap", () => {
  test("no key is bound twice within a context", () => {
    for (const ctx of CONTEXTS) {
      const seen = new Map<string, Command>();
      for (const b of bindingsFor(ctx)) {
        for (const k of b.keys) {
          const id = typeof k === "string" ? `char:${k}` : `special:${k.special}`;
          expect(seen.has(id) ? `${ctx}: ${id} bound to ${seen.get(id)} and ${b.command}` : "").toBe("");
          seen.set(id, b.command);
        }
      }
    }
  });

  test("every key the issue asks for is bound where it belongs", () => {
    const cases: [KeyContext, Parameters<typeof resolveKey>[1], Command][] = [
      ["list", { input: "s" }, "start"],
      ["list", { input: "x" }, "stop"],
      ["list", { input: "p" }, "pauseResume"],
      ["list", { input: "a" }, "add"],
      ["list", { input: "e" }, "edit"],
      ["list", { input: "d" }, "delete"],
      ["list", { input: "", return: true }, "open"],
      ["detail", { input: "", escape: true }, "back"],
      ["list", { input: "?" }, "help"],
      ["detail", { input: "?" }, "help"],
      ["list", { input: "q" }, "quit"],
      ["detail", { input: "q" }, "quit"],
      ["detail", { input: "s" }, "start"],
      ["detail", { input: "", tab: true }, "nextPane"],
      ["list", { input: "", downArrow: true }, "down"],
      ["list", { input: "j" }, "down"],
      ["confirm", { input: "y" }, "confirm"],
      ["confirm", { input: "", return: true }, "confirm"],
      ["confirm", { input: "", escape: true }, "cancel"],
      ["help", { input: "?" }, "help"],
      ["help", { input: "", escape: true }, "cancel"],
    ];
    for (const [ctx, key, cmd] of cases) expect(`${ctx} ${JSON.stringify(key)} → ${resolveKey(ctx, key)}`).toBe(`${ctx} ${JSON.stringify(key)} → ${cmd}`);
  });

  test("keys do nothing outside their context, and modifiers never trigger commands", () => {
    expect(resolveKey("confirm", { input: "q" })).toBeNull();
    expect(resolveKey("help", { input: "s" })).toBeNull();
    expect(resolveKey("list", { input: "", tab: true })).toBeNull();
    expect(resolveKey("list", { input: "s", ctrl: true })).toBeNull();
    expect(resolveKey("list", { input: "z" })).toBeNull();
    // Shift-Tab is not Tab.
    expect(resolveKey("detail", { input: "", tab: true, shift: true })).toBeNull();
  });

  test("every command has a description and appears in some context; footer hints are short", () => {
    for (const b of BINDINGS) {
      expect(b.description.length).toBeGreaterThan(3);
      expect(b.contexts.length).toBeGreaterThan(0);
    }
    const list = hintsFor("list").map(([k]) => k);
    expect(list).toEqual(["Enter", "s", "x", "p", "a", "e", "d", "?", "q"]);
    const width = hintsFor("list").map(([k, w]) => `${k} ${w}`).join("  ").length;
    expect(width).toBeLessThanOrEqual(80);
  });

  test("a chunk of several plain keys resolves key by key", () => {
    expect(splitKeys({ input: "\t?" }).map((k) => resolveKey("detail", k))).toEqual(["nextPane", "help"]);
    expect(splitKeys({ input: "jjG" }).map((k) => resolveKey("list", k))).toEqual(["down", "down", "bottom"]);
    expect(splitKeys({ input: "x", ctrl: true })).toEqual([{ input: "x", ctrl: true }]);
    expect(splitKeys({ input: "", escape: true })).toEqual([{ input: "", escape: true }]);
  });
});
