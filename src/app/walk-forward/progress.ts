/**
 * Progress bar for walk-forward runs on stderr, drawn only on a TTY and at most every 100 ms:
 *   walk-forward [##########..........]  3120/6300 backtests  49%  eta 6s
 * Off a TTY it prints nothing (logs and pipes stay clean).
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  done(): void;
}

export function createProgressBar(stderr: NodeJS.WriteStream, isTTY: boolean, label = "walk-forward"): ProgressBar {
  if (!isTTY) return { update() {}, done() {} };
  const t0 = performance.now();
  let last = 0;
  let drawn = false;
  const draw = (done: number, total: number): void => {
    const f = total > 0 ? done / total : 1;
    const width = 24;
    const fill = Math.round(f * width);
    const elapsed = (performance.now() - t0) / 1000;
    const eta = f > 0 && f < 1 ? `  eta ${Math.ceil((elapsed / f) * (1 - f))}s` : "";
    stderr.write(`\r${label} [${"#".repeat(fill)}${".".repeat(width - fill)}] ${String(done).padStart(String(total).length)}/${total} backtests ${String(Math.floor(f * 100)).padStart(3)}%${eta}\x1b[K`);
    drawn = true;
  };
  return {
    update(done, total) {
      const now = performance.now();
      if (done < total && now - last < 100) return;
      last = now;
      draw(done, total);
    },
    done() {
      if (drawn) stderr.write("\r\x1b[K");
    },
  };
}
