/**
 * Multi-series files (Hyperliquid: coin × interval) hold several bar series in one file. This
 * registry decides which rows belong to the loaded series and explains the choice when it is
 * ambiguous or empty.
 *
 * Rule: the FIRST (symbol, interval) key that matches the filters becomes the active series.
 * A second key that also matches makes the load ambiguous → UsageError listing every series in
 * the file with its row count, so the user can add a symbol/interval filter.
 */
import { UsageError } from "../core/index.ts";

export interface SeriesKey {
  readonly symbol: string;
  readonly interval: string;
  rows: number;
  active: boolean;
}

export class SeriesKeys {
  private readonly keys = new Map<string, SeriesKey>();
  private activeKey: SeriesKey | undefined;
  private ambiguous = false;

  constructor(
    private readonly file: string,
    private readonly filterSymbol: string | undefined,
    private readonly filterInterval: string | undefined,
    private readonly hasSymbol: boolean,
    private readonly hasInterval: boolean,
  ) {}

  /** Looks up (or registers) a key; the caller adds rows to `rows` and loads only if `active`. */
  key(symbol: string, interval: string): SeriesKey {
    const id = symbol + "\u0000" + interval;
    let k = this.keys.get(id);
    if (k) return k;
    const matches =
      (this.filterSymbol === undefined || !this.hasSymbol || symbol === this.filterSymbol) &&
      (this.filterInterval === undefined || !this.hasInterval || interval === this.filterInterval);
    k = { symbol, interval, rows: 0, active: false };
    if (matches) {
      if (this.activeKey === undefined) {
        k.active = true;
        this.activeKey = k;
      } else this.ambiguous = true;
    }
    this.keys.set(id, k);
    return k;
  }

  get active(): SeriesKey | undefined {
    return this.activeKey;
  }

  /** "BTC 15m (3175 rows), BTC 1h (989 rows), …" */
  describe(): string {
    return [...this.keys.values()]
      .map((k) => `${[this.hasSymbol ? k.symbol : "", this.hasInterval ? k.interval : ""].filter(Boolean).join(" ")} (${k.rows} rows)`)
      .join(", ");
  }

  private filterText(): string {
    const f = [this.filterSymbol !== undefined ? `symbol=${this.filterSymbol}` : "", this.filterInterval !== undefined ? `interval=${this.filterInterval}` : ""].filter(Boolean);
    return f.length ? f.join(" ") : "no filter";
  }

  /** Throws when the file holds several matching series or none matched. Call after the scan. */
  check(): void {
    if (!this.hasSymbol && !this.hasInterval) return;
    if (this.ambiguous) {
      const need = [this.hasSymbol && this.filterSymbol === undefined ? "symbol" : "", this.hasInterval && this.filterInterval === undefined ? "interval" : ""].filter(Boolean);
      throw new UsageError(
        `${this.file}: the file holds several series (${this.describe()}); choose one with a ${need.join(" and ")} filter (--symbol/--interval); ${this.filterText()} matches more than one`,
        { file: this.file, series: [...this.keys.values()].map(({ symbol, interval, rows }) => ({ symbol, interval, rows })) },
      );
    }
    if (!this.activeKey) {
      throw new UsageError(`${this.file}: no rows match ${this.filterText()}; the file holds ${this.describe() || "no rows"}`, {
        file: this.file,
        series: [...this.keys.values()].map(({ symbol, interval, rows }) => ({ symbol, interval, rows })),
      });
    }
  }
}
