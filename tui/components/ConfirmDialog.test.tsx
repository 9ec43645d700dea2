import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { ConfirmDialog } from "./ConfirmDialog.tsx";

describe("<ConfirmDialog>", () => {
  test("question, detail and the answer keys in a box", () => {
    const r = render(<ConfirmDialog question="Delete bot 'btc-sma'?" detail="It is stopped and removed with its history." width={80} />);
    const lines = r.lastFrame()!.split("\n");
    expect(lines.length).toBe(5);
    expect(lines[1]).toContain("Delete bot 'btc-sma'?");
    expect(lines[2]).toContain("It is stopped and removed with its history.");
    expect(lines[3]).toContain("y/Enter: yes   n/Esc: no");
    r.unmount();
  });
});
