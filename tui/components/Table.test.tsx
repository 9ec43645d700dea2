import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { Table, windowStart, type Row } from "./Table.tsx";

const cols = [
  { title: "ID", width: 6 },
  { title: "VALUE", width: 8, align: "right" as const },
];
const rows: Row[] = Array.from({ length: 10 }, (_, i) => ({ key: `r${i}`, cells: [{ text: `row-${i}` }, { text: String(i * 100) }] }));

describe("<Table>", () => {
  test("header, aligned cells and the selection marker", () => {
    const r = render(<Table columns={cols} rows={rows.slice(0, 3)} height={5} selected={1} />);
    expect(r.lastFrame()).toBe([" ID        VALUE", " row-0         0", "▸row-1       100", " row-2       200"].join("\n"));
    r.unmount();
  });

  test("overflow: window follows the selection and says what is hidden, within the height", () => {
    const r = render(<Table columns={cols} rows={rows} height={4} selected={7} />);
    const lines = r.lastFrame()!.split("\n");
    expect(lines.length).toBe(5);
    expect(lines).toContain("▸row-7       700");
    expect(lines[4]).toBe(" … 1 more below, 6 above");
    r.unmount();
  });

  test("explicit offset wins; empty table shows its text", () => {
    const r = render(<Table columns={cols} rows={rows} height={4} offset={8} />);
    expect(r.lastFrame()!.split("\n").slice(1, 4)).toEqual([" row-7       700", " row-8       800", " row-9       900"]);
    r.rerender(<Table columns={cols} rows={[]} height={4} emptyText="no closed trades yet" />);
    expect(r.lastFrame()).toBe(" ID        VALUE\n no closed trades yet");
    r.unmount();
  });

  test("windowStart keeps the selection visible", () => {
    for (let sel = 0; sel < 50; sel++) {
      const st = windowStart(50, 7, sel);
      expect(sel).toBeGreaterThanOrEqual(st);
      expect(sel).toBeLessThan(st + 7);
    }
    expect(windowStart(3, 7, 2)).toBe(0);
  });
});
