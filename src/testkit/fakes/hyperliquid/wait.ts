/** Condition wait for tests that talk to the fakes over sockets: polls `pred` until true or times out (generous: a loaded CI machine runs 2–3× slower). */
export async function waitUntil(pred: () => boolean, what = "condition", timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!pred()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1));
  }
}
