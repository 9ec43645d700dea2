/**
 * Decimal text of non-negative integer ids without per-call number formatting: four-digit chunks
 * come from two lazily built 10 000-entry tables. Order client ids are built on the hot path
 * (two per flip), where Number → String conversion was a measurable share of the backtest time.
 */
let plain: string[] = [];
let padded: string[] = [];

function build(): void {
  plain = new Array<string>(10_000);
  padded = new Array<string>(10_000);
  for (let i = 0; i < 10_000; i++) {
    plain[i] = String(i);
    padded[i] = String(i).padStart(4, "0");
  }
}

/** Same result as String(n) for integers 0 ≤ n ≤ 2^53. */
export function idText(n: number): string {
  if (plain.length === 0) build();
  const p = plain;
  const q = padded;
  if (n < 10_000) return p[n]!;
  let s = q[n % 10_000]!;
  let m = Math.floor(n / 10_000);
  while (m >= 10_000) {
    s = q[m % 10_000]! + s;
    m = Math.floor(m / 10_000);
  }
  return p[m]! + s;
}
