/**
 * Runs the whole test suite (`bun test`: unit, integration against the real PostgreSQL, and
 * end-to-end tests that drive the compiled binaries, tmux and headless chromium) and prints a
 * closing line "TOTAL: N passed, N failed" that .ci/run turns into its last line.
 *
 * Exit code: 0 only when bun test exits 0 and reports no failure.
 */
const args = process.argv.slice(2);
const proc = Bun.spawn(["bun", "test", "--timeout", "120000", ...args], {
  stdout: "pipe",
  stderr: "pipe",
  env: { ...process.env, FORCE_COLOR: "0" },
});

let text = "";
async function pump(stream: ReadableStream<Uint8Array>, out: NodeJS.WriteStream): Promise<void> {
  const dec = new TextDecoder();
  for await (const chunk of stream) {
    const s = dec.decode(chunk, { stream: true });
    text += s;
    out.write(s);
  }
}
await Promise.all([pump(proc.stdout, process.stdout), pump(proc.stderr, process.stderr)]);
const code = await proc.exited;

/**
 * CI shows only the tail of the log, so repeat each failure's first error lines just before the
 * summary: the test name plus the "error:" line and what follows it (bounded).
 */
function failureDigest(log: string): string {
  const lines = log.split("\n");
  const out: string[] = [];
  let pending: string[] = [];
  for (const line of lines) {
    if (/^\d+ tests? failed:$/.test(line)) break; // bun's closing list repeats the names only
    if (/^\(fail\) /.test(line)) {
      const err = pending.findIndex((l) => /^error: /.test(l));
      const body = err >= 0 ? pending.slice(err, err + 12) : pending.slice(-6);
      out.push(line, ...body.filter((l) => l.trim() !== "").map((l) => `    ${l.slice(0, 200)}`));
      pending = [];
    } else if (/^\(pass\) /.test(line)) pending = [];
    else pending.push(line);
  }
  return out.slice(0, 80).join("\n");
}

const passed = Number(/^\s*(\d+) pass$/m.exec(text)?.[1] ?? 0);
const failed = Number(/^\s*(\d+) fail$/m.exec(text)?.[1] ?? 0);
const errors = /^\s*(\d+) errors?$/m.exec(text);
const extra = code !== 0 && failed === 0 ? 1 : 0;
if (failed > 0) console.log(`\nFAILURE DIGEST\n${failureDigest(text)}`);
console.log(`\nTOTAL: ${passed} passed, ${failed + extra} failed${errors ? ` (${errors[1]} errors outside tests)` : ""}`);
process.exit(code !== 0 || failed > 0 ? 1 : 0);
export {};
