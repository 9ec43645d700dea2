/**
 * Dependency-direction and cycle check over src/ and tui/ (run by `make check` and the test suite).
 *
 * Rules (module = first folder under src/, "main" for src/main.ts):
 *   core, lib(core only) ← bus ← engine ← strategies; venues/storage/data/collectors implement ports;
 *   only app (and main) may import everything. tui may only `import type` from src/api and src/core.
 * Test files (*.test.ts) and src/testkit are exempt from the direction table (not from cycles).
 * Exit 1 with one line per violation.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { sourceFiles } from "./source-files.ts";

const ROOT = resolve(import.meta.dir, "..");

export const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  lib: ["core"],
  bus: ["core", "lib"],
  engine: ["core", "bus", "lib"],
  strategies: ["core", "engine"],
  signals: ["core", "engine", "lib", "stats"],
  stats: ["core"],
  data: ["core", "lib", "engine"],
  venues: ["core", "lib", "engine"],
  storage: ["core", "lib", "engine", "data"],
  collectors: ["core", "lib", "bus", "engine", "venues"],
  bots: ["core", "lib", "bus", "engine"],
  api: ["core", "lib", "bus", "bots", "config", "engine"],
  config: ["core", "lib"],
  cli: ["core", "config", "lib"],
  testkit: ["*"],
  app: ["*"],
  main: ["app", "config", "core", "lib", "cli"],
};

/** Which files a module may only reach through a named public file (strategies → engine SDK). */
const NARROW: Record<string, Record<string, RegExp>> = {
  strategies: { engine: /^src\/engine\/(strategy|bar-series)\.ts$/ },
};

const IMPORT_RE = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;

interface Edge { from: string; to: string; typeOnly: boolean; }

function moduleOf(rel: string): string | null {
  if (rel === "src/main.ts") return "main";
  const m = /^src\/([^/]+)\//.exec(rel);
  return m ? m[1]! : rel.startsWith("tui/") ? "tui" : null;
}

function resolveSpec(fromAbs: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = resolve(dirname(fromAbs), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) {
    try {
      if (statSync(c).isFile()) return c;
    } catch {}
  }
  return base;
}

export function collectEdges(): Edge[] {
  const files = [...sourceFiles(join(ROOT, "src")), ...sourceFiles(join(ROOT, "tui"))];
  const edges: Edge[] = [];
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[3] ?? m[4];
      if (!spec) continue;
      const target = resolveSpec(f, spec);
      if (!target) continue;
      edges.push({ from: relative(ROOT, f), to: relative(ROOT, target), typeOnly: Boolean(m[2]) });
    }
  }
  return edges;
}

export function violations(edges: Edge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const isTest = /\.test\.tsx?$/.test(e.from) || e.from.startsWith("src/testkit/");
    const from = moduleOf(e.from);
    const to = moduleOf(e.to);
    if (!from || !to || from === to) continue;
    if (from === "tui") {
      if (!isTest && (to === "api" || to === "core") && e.typeOnly) continue;
      if (isTest && to === "testkit") continue;
      out.push(`${e.from} → ${e.to}: the TUI may only \`import type\` from src/api and src/core`);
      continue;
    }
    if (to === "testkit" && !isTest) {
      out.push(`${e.from} → ${e.to}: production code must not import the test kit`);
      continue;
    }
    if (isTest) continue;
    const allowed = ALLOWED[from];
    if (!allowed) {
      out.push(`${e.from}: module "${from}" has no entry in the dependency table (scripts/check-boundaries.ts)`);
      continue;
    }
    if (!allowed.includes("*") && !allowed.includes(to)) {
      out.push(`${e.from} → ${e.to}: "${from}" may not import "${to}"`);
      continue;
    }
    const narrow = NARROW[from]?.[to];
    if (narrow && !narrow.test(e.to)) out.push(`${e.from} → ${e.to}: "${from}" may only import ${narrow} from "${to}"`);
  }
  return out;
}

/** File-level import cycles (type-only edges excluded: they vanish at run time). */
export function cycles(edges: Edge[]): string[] {
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    if (e.typeOnly) continue;
    if (!graph.has(e.from)) graph.set(e.from, []);
    graph.get(e.from)!.push(e.to);
  }
  const state = new Map<string, number>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      const s = state.get(m) ?? 0;
      if (s === 1) found.push(`cycle: ${[...stack.slice(stack.indexOf(m)), m].join(" → ")}`);
      else if (s === 0) visit(m);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of graph.keys()) if (!state.get(n)) visit(n);
  return found;
}

if (import.meta.main) {
  const edges = collectEdges();
  const problems = [...violations(edges), ...cycles(edges)];
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} boundary problem(s)` : `boundaries ok (${edges.length} imports checked)`);
  process.exit(problems.length ? 1 : 0);
}
