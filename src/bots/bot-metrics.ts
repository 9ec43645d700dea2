/**
 * Per-bot performance metrics, updated incrementally in O(1) per bar so that a status read is a
 * field copy, never a computation over history. Equity comes from the engine's mark-to-market
 * at each bar close (unrealized PnL included), which fixes the seed's bot metrics (it never
 * updated equity, so drawdown was always 0 and returns ignored open positions).
 *
 * Sharpe = mean / sample stdev of per-bar simple returns × √(bars per year), with 24/7 markets
 * (365.25 days); 0 until two returns exist or when returns do not vary. Max drawdown is the
 * largest peak-to-trough fall of equity as a fraction of the peak. State round-trips through
 * `toJSON`/`fromJSON` so a restarted bot continues its statistics.
 */
export interface MetricsState {
  readonly initial: number;
  readonly equity: number;
  readonly peak: number;
  readonly maxDrawdown: number;
  readonly returns: number;
  readonly mean: number;
  readonly m2: number;
  readonly trades: number;
  readonly wins: number;
}

const YEAR_MS = 365.25 * 86_400_000;

export class BotMetrics {
  private s: { -readonly [K in keyof MetricsState]: MetricsState[K] };
  private readonly annualisation: number;

  constructor(initialCapital: number, intervalMs: number, restored?: MetricsState) {
    this.annualisation = Math.sqrt(YEAR_MS / Math.max(1, intervalMs));
    this.s = restored
      ? { ...restored }
      : { initial: initialCapital, equity: initialCapital, peak: initialCapital, maxDrawdown: 0, returns: 0, mean: 0, m2: 0, trades: 0, wins: 0 };
  }

  /** Equity at a bar close. */
  onEquity(equity: number): void {
    const s = this.s;
    if (!Number.isFinite(equity)) return;
    if (s.equity > 0) {
      const r = equity / s.equity - 1;
      s.returns++;
      const d = r - s.mean;
      s.mean += d / s.returns;
      s.m2 += d * (r - s.mean);
    }
    s.equity = equity;
    if (equity > s.peak) s.peak = equity;
    else if (s.peak > 0) {
      const dd = (s.peak - equity) / s.peak;
      if (dd > s.maxDrawdown) s.maxDrawdown = dd;
    }
  }

  onTradeClosed(pnl: number): void {
    this.s.trades++;
    if (pnl > 0) this.s.wins++;
  }

  get equity(): number {
    return this.s.equity;
  }
  get initial(): number {
    return this.s.initial;
  }
  get returnPct(): number {
    return this.s.initial > 0 ? (this.s.equity / this.s.initial - 1) * 100 : 0;
  }
  get sharpe(): number {
    const s = this.s;
    if (s.returns < 2) return 0;
    const sd = Math.sqrt(s.m2 / (s.returns - 1));
    return sd > 0 ? (s.mean / sd) * this.annualisation : 0;
  }
  get maxDrawdown(): number {
    return this.s.maxDrawdown;
  }
  get winRate(): number {
    return this.s.trades > 0 ? this.s.wins / this.s.trades : 0;
  }
  get trades(): number {
    return this.s.trades;
  }

  toJSON(): MetricsState {
    return { ...this.s };
  }
}
