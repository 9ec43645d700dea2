import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { BINDINGS, HELP_GROUPS } from "../keymap.ts";
import { HelpOverlay } from "./HelpOverlay.tsx";

describe("<HelpOverlay>", () => {
  test("lists every binding's label and description (generated from the keymap)", () => {
    const r = render(<HelpOverlay width={100} height={30} />);
    const f = r.lastFrame()!;
    expect(f).toContain("Keys (? or Esc to close)");
    for (const b of BINDINGS.filter((x) => !x.contexts.includes("confirm"))) {
      if (HELP_GROUPS[b.command]) continue;
      expect(f).toContain(b.label);
      expect(f).toContain(b.description);
    }
    // Movement keys share one row that names each of them.
    for (const k of ["↑↓", "j", "k", "PgUp", "PgDn", "g", "G"]) expect(f).toContain(k);
    expect(f).toContain("Move the selection / scroll the trade history");
    expect(f).toContain("Form: Tab/↓ next field");
    expect(f).toContain("Confirm dialogs: y/Enter yes · n/Esc no");
    r.unmount();
  });

  test("fits 80×24 without losing a line", () => {
    const r = render(<HelpOverlay width={80} height={19} />);
    const lines = r.lastFrame()!.split("\n");
    expect(lines.length).toBe(19);
    expect(r.lastFrame()).toContain("Keys (? or Esc to close)");
    expect(r.lastFrame()).toContain("Quit (also Ctrl-C)");
    expect(r.lastFrame()).toContain("Confirm dialogs");
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
    r.unmount();
  });
});
