import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { STATE_STYLE } from "../theme.ts";
import { StateBadge, stateText } from "./StateBadge.tsx";

describe("<StateBadge>", () => {
  test("labels and colours per state (Running green, Paused yellow, Stopped grey, Error red)", () => {
    expect(STATE_STYLE.running.color).toBe("green");
    expect(STATE_STYLE.paused.color).toBe("yellow");
    expect(STATE_STYLE.stopped.color).toBe("gray");
    expect(STATE_STYLE.error.color).toBe("red");
    const r = render(<StateBadge state="paused" />);
    expect(r.lastFrame()).toBe("Paused");
    r.unmount();
  });

  test("an error shows its message when asked, cut to the width", () => {
    const r = render(<StateBadge state="error" error="feed file not found: /data/sol.csv" withError width={25} />);
    expect(r.lastFrame()).toBe("Error: feed file not fou…");
    r.unmount();
    expect(stateText("running", "old error", true)).toBe("Running");
  });
});
