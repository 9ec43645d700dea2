import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { FormField } from "./FormField.tsx";

describe("<FormField>", () => {
  test("focused text shows a cursor; choices show arrows; errors replace the hint", () => {
    const r = render(<FormField label="Id" value="btc" kind="text" focused hint="unique" width={80} />);
    expect(r.lastFrame()).toMatch(/^▸ Id {10}btc█ +unique$/);
    r.rerender(<FormField label="Interval" value="1h" kind="choice" focused={false} width={80} />);
    expect(r.lastFrame()).toMatch(/^ {2}Interval {4}◂ 1h ▸/);
    r.rerender(<FormField label="File" value="" kind="text" focused={false} hint="bar file" error="a replay feed needs a bar file" width={80} />);
    expect(r.lastFrame()).toContain("✗ a replay feed needs a bar file");
    expect(r.lastFrame()).not.toContain("bar file on");
    r.unmount();
  });

  test("long values keep their end visible; locked fields say so", () => {
    const path = "/work/shared/data/hyperliquid_perp_candles_BTC_ETH_SOL_15m_1h_4h_2026-06_2026-08.csv.gz";
    const r = render(<FormField label="File" value={path} kind="text" focused width={80} />);
    expect(r.lastFrame()).toContain("2026-08.csv.gz█");
    expect(r.lastFrame()).toContain("…");
    expect([...r.lastFrame()!].length).toBeLessThanOrEqual(80);
    r.rerender(<FormField label="Id" value="btc" kind="text" focused={false} locked width={80} />);
    expect(r.lastFrame()).toMatch(/btc +fixed$/);
    r.unmount();
  });
});
