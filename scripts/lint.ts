/**
 * Convention lint for src/, tui/, scripts/ and bench/ (run by `make check` and the test suite):
 *  - every source file opens with a comment on its purpose (block or line comment, after imports is too late);
 *  - file names are kebab-case (React components in tui/ may be PascalCase .tsx);
 *  - no `export *` (public entries list their exports by name);
 *  - no `debugger` statements and no `.only(` left in tests.
 * Files over 400 lines are listed as warnings (aim under 300), not failures.
 */
import { readFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { sourceFiles } from "./source-files.ts";

const ROOT = resolve(import.meta.dir, "..");
const DIRS = ["src", "tui", "scripts", "bench"];

export interface LintResult {
  errors: string[];
  warnings: string[];
}

export function lintFile(rel: string, text: string): LintResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const name = basename(rel);
  const isTest = /\.test\.tsx?$/.test(name);
  const stem = name.replace(/\.(test\.)?(ts|tsx)$/, "").replace(/\.(bench|e2e|property)$/, "").replace(/\.(e2e|property)$/, "");
  const kebab = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$/.test(stem);
  const pascal = rel.startsWith("tui/") && name.endsWith(".tsx") && /^[A-Z][A-Za-z0-9]*$/.test(stem);
  if (!kebab && !pascal) errors.push(`${rel}: file name must be kebab-case${rel.startsWith("tui/") ? " (or PascalCase for a .tsx component)" : ""}`);
  const firstCode = text.replace(/^#!.*\n/, "").trimStart();
  if (!isTest && !firstCode.startsWith("/*") && !firstCode.startsWith("//")) errors.push(`${rel}:1: file must open with a comment on its purpose`);
  text.split("\n").forEach((line, i) => {
    if (/^\s*export\s+\*\s+from/.test(line)) errors.push(`${rel}:${i + 1}: no \`export *\` — list exports by name`);
    if (/^\s*debugger\b/.test(line)) errors.push(`${rel}:${i + 1}: debugger statement`);
    if (isTest && /\b(test|it|describe)\.only\(/.test(line)) errors.push(`${rel}:${i + 1}: .only( left in a test`);
  });
  const lines = text.split("\n").length;
  if (lines > 400) warnings.push(`${rel}: ${lines} lines (aim under 300)`);
  return { errors, warnings };
}

export function lintTree(): LintResult {
  const all: LintResult = { errors: [], warnings: [] };
  for (const d of DIRS) {
    for (const f of sourceFiles(join(ROOT, d), { skipFixtures: true })) {
      const r = lintFile(relative(ROOT, f), readFileSync(f, "utf8"));
      all.errors.push(...r.errors);
      all.warnings.push(...r.warnings);
    }
  }
  return all;
}

if (import.meta.main) {
  const { errors, warnings } = lintTree();
  for (const w of warnings) console.warn(`warning: ${w}`);
  for (const e of errors) console.error(e);
  console.log(errors.length ? `${errors.length} lint error(s)` : `lint ok (${warnings.length} warning(s))`);
  process.exit(errors.length ? 1 : 0);
}
