/** Runs the architecture checks as part of the test suite, and proves each check can fail. */
import { describe, expect, test } from "bun:test";
import { collectEdges, cycles, violations } from "./check-boundaries.ts";
import { scan } from "./check-determinism.ts";

describe("dependency direction", () => {
  test("the source tree has no boundary violations or import cycles", () => {
    const edges = collectEdges();
    expect(edges.length).toBeGreaterThan(10);
    expect([...violations(edges), ...cycles(edges)]).toEqual([]);
  });

  test("a forbidden edge and a cycle are reported", () => {
    const bad = [
      { from: "src/core/x.ts", to: "src/engine/y.ts", typeOnly: false },
      { from: "src/strategies/s.ts", to: "src/engine/portfolio.ts", typeOnly: false },
      { from: "tui/a.tsx", to: "src/engine/index.ts", typeOnly: true },
    ];
    expect(violations(bad)).toHaveLength(3);
    const loop = [
      { from: "src/a/x.ts", to: "src/a/y.ts", typeOnly: false },
      { from: "src/a/y.ts", to: "src/a/x.ts", typeOnly: false },
    ];
    expect(cycles(loop)).toHaveLength(1);
  });
});

describe("determinism fence", () => {
  test("core, engine, strategies and stats never read the wall clock or randomness", () => {
    expect(scan()).toEqual([]);
  });
});

describe("convention lint", () => {
  test("the tree passes the convention lint", async () => {
    const { lintTree } = await import("./lint.ts");
    expect(lintTree().errors).toEqual([]);
  });

  test("each rule can fail", async () => {
    const { lintFile } = await import("./lint.ts");
    expect(lintFile("src/engine/BadName.ts", "/** x */\n").errors[0]).toContain("kebab-case");
    expect(lintFile("src/engine/no-header.ts", "import x from './y.ts';\n").errors[0]).toContain("open with a comment");
    expect(lintFile("src/engine/index.ts", "/** x */\nexport * from './a.ts';\n").errors[0]).toContain("export *");
    expect(lintFile("src/engine/a.test.ts", ["test", "only('x', () => {});\n"].join(".")).errors[0]).toContain(".only(");
    expect(lintFile("tui/components/BotTable.tsx", "/** x */\n").errors).toEqual([]);
    expect(lintFile("src/engine/long.ts", "/** x */\n" + "x;\n".repeat(450)).warnings).toHaveLength(1);
  });
});
