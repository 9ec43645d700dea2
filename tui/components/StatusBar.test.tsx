import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { hintsFor } from "../keymap.ts";
import { fitHints, StatusBar, statusLines } from "./StatusBar.tsx";

describe("<StatusBar>", () => {
  test("the last action's result and the context's keys", () => {
    const r = render(<StatusBar notice={{ kind: "error", text: "pause idle: bot 'idle' is stopped: cannot pause [CONFLICT 409]", seq: 1 }} busy={null} hints={hintsFor("list")} width={80} />);
    const [line1, line2] = r.lastFrame()!.split("\n");
    expect(line1).toBe("✗ pause idle: bot 'idle' is stopped: cannot pause [CONFLICT 409]");
    expect(line2).toBe("Enter detail  s start  x stop  p pause  a add  e edit  d delete  ? help  q quit");
    r.rerender(<StatusBar notice={{ kind: "ok", text: "started btc", seq: 2 }} busy="stop eth …" hints={[]} width={80} />);
    expect(r.lastFrame()!.split("\n")[0]).toBe("… stop eth … ✓ started btc");
    r.unmount();
  });

  test("narrow terminals drop hints from the end but keep help and quit", () => {
    const narrow = fitHints(hintsFor("list"), 40);
    expect(narrow.length).toBeLessThanOrEqual(40);
    expect(narrow).toEndWith("? help  q quit");
    expect(narrow).toBe("Enter detail  s start  ? help  q quit");
  });

  test("a long error wraps onto a second line instead of losing its end", () => {
    const text = "pause sol-broken: bot 'sol-broken' is error: cannot pause (allowed from running) [CONFLICT 409]";
    const notice = { kind: "error" as const, text, seq: 1 };
    expect(statusLines(notice, null, 80)).toBe(3);
    expect(statusLines(null, null, 80)).toBe(2);
    const r = render(<StatusBar notice={notice} busy={null} hints={hintsFor("list")} width={80} />);
    const lines = r.lastFrame()!.split("\n");
    expect(lines.length).toBe(3);
    expect(lines.slice(0, 2).join(" ")).toContain("(allowed from running) [CONFLICT 409]");
    r.unmount();
  });
});
