/**
 * Best-effort line number of a key path in a TOML text, so that a schema error can say where the
 * offending value is (`config/Config.toml:12: bots.0.feed.file: …`). It follows table headers
 * (`[a.b]`), arrays of tables (`[[bots]]`, counted per path) and `key = value` lines, including
 * dotted keys. When the exact key is absent (a required key is missing) it returns the line of the
 * deepest enclosing table that exists. Multi-line strings and arrays are not parsed; their inner
 * lines are simply not mistaken for keys unless they look like `key = …` at line start.
 */
export function lineOfKey(text: string, path: readonly (string | number)[]): number | null {
  const want = path.map(String);
  const counts = new Map<string, number>(); // array-of-tables path → occurrences so far
  let table: string[] = [];
  let bestLine: number | null = null;
  let bestDepth = -1;
  const consider = (keyPath: string[], line: number): void => {
    let depth = 0;
    while (depth < keyPath.length && depth < want.length && keyPath[depth] === want[depth]) depth++;
    if (depth === keyPath.length && depth > bestDepth) {
      bestLine = line;
      bestDepth = depth;
    }
  };
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i]!.trim();
    if (s === "" || s.startsWith("#")) continue;
    const aot = /^\[\[\s*([^\]]+?)\s*\]\]/.exec(s);
    const tab = aot ? null : /^\[\s*([^\]]+?)\s*\]/.exec(s);
    if (aot) {
      const name = splitKey(aot[1]!);
      const k = name.join(".");
      const n = counts.get(k) ?? 0;
      counts.set(k, n + 1);
      table = [...name, String(n)];
      consider(table, i + 1);
      continue;
    }
    if (tab) {
      const name = splitKey(tab[1]!);
      // A sub-table of the latest array element: [bots.feed] after the n-th [[bots]].
      const parent = [...counts.keys()].filter((k) => name.join(".").startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
      if (parent === undefined) table = name;
      else {
        const p = splitKey(parent);
        table = [...p, String(counts.get(parent)! - 1), ...name.slice(p.length)];
      }
      consider(table, i + 1);
      continue;
    }
    const kv = /^([A-Za-z0-9_.\-"' ]+?)\s*=/.exec(s);
    if (kv) consider([...table, ...splitKey(kv[1]!)], i + 1);
  }
  return bestLine;
}

function splitKey(k: string): string[] {
  return k.split(".").map((p) => p.trim().replace(/^["']|["']$/g, ""));
}
