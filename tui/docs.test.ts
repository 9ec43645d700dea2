/**
 * docs/readme/tui.md must list every key exactly as tui/keymap.ts defines it (label and
 * description), so the README cannot drift from the keys.
 */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BINDINGS, FORM_KEYS } from "./keymap.ts";

for (const file of ["../docs/readme/tui.md", "../README.md"]) {
  test(`the key map in ${file.slice(3)} matches the keymap`, () => {
    const doc = readFileSync(join(import.meta.dir, file), "utf8");
    for (const b of BINDINGS) expect(doc).toContain(`| \`${b.label}\` | ${b.description} |`);
    for (const k of FORM_KEYS) expect(doc).toContain(`| \`${k.label}\` | ${k.description}`);
  });
}
