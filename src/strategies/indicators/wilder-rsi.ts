/**
 * Wilder's RSI, incremental: O(1) per value, no allocation.
 *
 * Definition (Wilder 1978): d_t = x_t − x_{t−1}; the first average gain/loss is the simple mean
 * of the first `period` gains/losses, afterwards avg ← (avg·(period − 1) + current) / period.
 * RSI = 100 − 100 / (1 + avgGain/avgLoss); 100 when avgLoss = 0 (50 when both are 0).
 * The first value is available after period + 1 inputs; before that `push` returns NaN.
 */
export function rsiFromAverages(avgGain: number, avgLoss: number): number {
  if (avgLoss === 0) return avgGain === 0 ? 50 : 100;
  return 100 - 100 / (1 + avgGain / avgLoss);
}

export class WilderRsi {
  value = NaN;
  private prev = NaN;
  private seen = 0;
  private gain = 0;
  private loss = 0;

  constructor(readonly period: number) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`RSI period must be an integer ≥ 1, got ${period}`);
  }

  push(x: number): number {
    const prev = this.prev;
    this.prev = x;
    if (prev !== prev) return NaN;
    const d = x - prev;
    const g = d > 0 ? d : 0;
    const l = d < 0 ? -d : 0;
    const p = this.period;
    if (this.seen < p) {
      this.gain += g;
      this.loss += l;
      if (++this.seen < p) return NaN;
      this.gain /= p;
      this.loss /= p;
    } else {
      this.gain = (this.gain * (p - 1) + g) / p;
      this.loss = (this.loss * (p - 1) + l) / p;
    }
    return (this.value = rsiFromAverages(this.gain, this.loss));
  }
}
