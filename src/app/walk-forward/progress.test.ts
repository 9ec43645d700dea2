/** Walk-forward progress bar: drawn on a TTY (final state always drawn, then cleared), silent otherwise. */
import { expect, test } from "bun:test";
import { createProgressBar } from "./progress.ts";

function stream(): { s: NodeJS.WriteStream; text: () => string } {
  let buf = "";
  return { s: { write: (x: string) => ((buf += x), true) } as unknown as NodeJS.WriteStream, text: () => buf };
}

test("draws on a TTY and clears the line when done", () => {
  const o = stream();
  const bar = createProgressBar(o.s, true);
  bar.update(1, 4);
  bar.update(4, 4);
  bar.done();
  const t = o.text();
  expect(t).toContain("walk-forward [######..................] 1/4 backtests  25%");
  expect(t).toContain("[########################] 4/4 backtests 100%");
  expect(t.endsWith("\r\x1b[K")).toBe(true);
});

test("prints nothing off a TTY", () => {
  const o = stream();
  const bar = createProgressBar(o.s, false);
  bar.update(1, 2);
  bar.update(2, 2);
  bar.done();
  expect(o.text()).toBe("");
});
