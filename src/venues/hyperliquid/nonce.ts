/**
 * Nonces for /exchange: the venue keeps the 100 highest per signer, rejects reuse and anything not
 * above the smallest kept, and only accepts values within (T − 2 days, T + 1 day) of block time.
 * So: wall-clock ms, bumped to last + 1 when two actions share a millisecond (or the clock steps
 * back), which keeps them strictly increasing for this process.
 */
export class NonceManager {
  private last = 0;
  constructor(private readonly now: () => number) {}

  next(): number {
    const t = Math.floor(this.now());
    this.last = t > this.last ? t : this.last + 1;
    return this.last;
  }
}
