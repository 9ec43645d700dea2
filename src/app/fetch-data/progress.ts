/**
 * Progress for fetch-data. On a TTY: one redrawn stderr line with a bar, candles and percent
 * (`[██████░░░░]  62%  4,480/7,200 candles`), at most ~10 redraws per second. Elsewhere: nothing
 * until the one-line summary the command prints at the end.
 */
export interface Progress {
  update(candles: number, fraction: number): void;
  done(): void;
}

export function createProgress(out: { write(s: string): unknown }, isTTY: boolean, expected: number, label: string): Progress {
  if (!isTTY) return { update() {}, done() {} };
  let last = 0;
  let drawn = false;
  const draw = (candles: number, fraction: number) => {
    const f = Math.max(0, Math.min(1, fraction));
    const w = 24;
    const full = Math.round(f * w);
    const bar = "█".repeat(full) + "░".repeat(w - full);
    out.write(`\r[${bar}] ${String(Math.floor(f * 100)).padStart(3)}%  ${candles.toLocaleString("en-US")}/${expected.toLocaleString("en-US")} candles  ${label}\x1b[K`);
    drawn = true;
  };
  return {
    update(candles, fraction) {
      const t = performance.now();
      if (t - last < 100 && fraction < 1) return;
      last = t;
      draw(candles, fraction);
    },
    done() {
      if (drawn) out.write("\n");
    },
  };
}
