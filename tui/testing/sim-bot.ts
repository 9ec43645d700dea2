/**
 * Test support: a bot as the daemon would report it, driven by real candles through a tiny
 * long-only SMA(5/20) crossover (buys 20 % of cash on a golden cross, sells on the death cross).
 * Gives tests realistic summaries, trades, equity curves and events without the engine (the TUI
 * may not import it). Not a trading model: only the shapes and the arithmetic matter.
 */
import type { BotEvent, BotEventBody, BotState, BotSummary, EquityPoint, TradeView } from "../client/api-types.ts";
import type { RealBar } from "./real-bars.ts";

export class SimBot {
  summary: BotSummary;
  readonly events: BotEvent[] = [];
  readonly trades: TradeView[] = [];
  readonly equity: EquityPoint[] = [];
  cursor = 0;
  private cash: number;
  private pos: { qty: number; entry: number; opened: number; bar: number } | null = null;
  private peak: number;
  private readonly rets: number[] = [];
  private wins = 0;

  constructor(
    id: string,
    private readonly bars: readonly RealBar[],
    over: Partial<BotSummary> = {},
    private readonly onEvent: (e: BotEvent) => void = () => {},
    private wallClock = 1_764_000_000_000,
  ) {
    const capital = 10_000;
    this.cash = capital;
    this.peak = capital;
    this.summary = {
      id, symbol: "BTC", interval: "1h", strategy: "sma_cross", params: { fast: 5, slow: 20 }, mode: "paper",
      feed: { kind: "replay", file: "/data/btc.csv.gz", bars_per_second: 0 },
      risk: { capital, fee_rate: 0, slippage_bps: 0, risk_per_trade_pct: 0.2, max_position_pct: 0.2, leverage: 1, seed: 1 },
      autostart: false, source: "api", state: "stopped", error: null, feed_status: { state: "idle", message: null },
      equity: capital, initial_capital: capital, return_pct: 0, sharpe: 0, max_drawdown: 0, win_rate: 0, trades: 0, open_positions: [],
      bars: 0, signals: 0, orders: 0, fills: 0, last_bar_time: null, last_heartbeat: null, started_at: null, version: 1, ...over,
    };
  }

  get done(): boolean {
    return this.cursor >= this.bars.length;
  }

  transition(to: BotState, error: string | null = null): void {
    const from = this.summary.state;
    this.summary = { ...this.summary, state: to, error, feed_status: { state: to === "running" ? "ok" : "idle", message: null }, version: this.summary.version + 1 };
    this.emit({ type: "state", data: error ? { from, to, error } : { from, to } }, null);
  }

  /** Processes the next real bar (whatever the state: callers decide when a bot runs). */
  step(): void {
    const i = this.cursor++;
    const b = this.bars[i];
    if (!b) return;
    const sma = (n: number) => (i + 1 >= n ? this.bars.slice(i + 1 - n, i + 1).reduce((a, x) => a + x.close, 0) / n : Number.NaN);
    const [fast, slow] = [sma(5), sma(20)];
    const barTime = b.t + 3_600_000;
    let fills = this.summary.fills;
    if (this.pos === null && fast > slow) {
      const qty = Math.floor(((this.cash * 0.2) / b.close) * 1e5) / 1e5;
      this.cash -= qty * b.close;
      this.pos = { qty, entry: b.close, opened: barTime, bar: i };
      fills++;
      this.emit({ type: "fill", data: { order_id: fills, side: "buy", quantity: qty, price: b.close, commission: 0, liquidity: "taker", reason: "entry" } }, barTime);
    } else if (this.pos !== null && fast < slow) {
      const p = this.pos;
      this.cash += p.qty * b.close;
      const pnl = (b.close - p.entry) * p.qty;
      if (pnl > 0) this.wins++;
      const t: TradeView = {
        id: this.trades.length + 1, epoch: 1, symbol: this.summary.symbol, direction: "long", entry_time: p.opened, exit_time: barTime,
        entry_price: p.entry, exit_price: b.close, quantity: p.qty, pnl, pnl_pct: pnl / (p.entry * p.qty), fees: 0, entry_bar: p.bar, exit_bar: i, pnl_exact: pnl.toFixed(12),
      };
      this.trades.push(t);
      this.pos = null;
      fills++;
      this.emit({ type: "fill", data: { order_id: fills, side: "sell", quantity: p.qty, price: b.close, commission: 0, liquidity: "taker", reason: "exit" } }, barTime);
      this.emit({ type: "trade", data: t }, barTime);
    }
    const equity = this.cash + (this.pos ? this.pos.qty * b.close : 0);
    this.rets.push(equity / this.summary.equity - 1);
    this.peak = Math.max(this.peak, equity);
    this.equity.push({ ts: barTime, equity, bar_index: i });
    const n = this.rets.length;
    const mean = this.rets.reduce((a, r) => a + r, 0) / n;
    const sd = Math.sqrt(this.rets.reduce((a, r) => a + (r - mean) ** 2, 0) / Math.max(1, n - 1));
    const pos = this.pos;
    this.summary = {
      ...this.summary,
      equity,
      return_pct: (equity / this.summary.initial_capital - 1) * 100,
      sharpe: sd > 0 && n > 1 ? (mean / sd) * Math.sqrt(8766) : 0,
      max_drawdown: Math.max(this.summary.max_drawdown, (this.peak - equity) / this.peak),
      trades: this.trades.length,
      win_rate: this.trades.length ? this.wins / this.trades.length : 0,
      open_positions: pos ? [{ symbol: this.summary.symbol, side: "long", quantity: pos.qty, entry_price: pos.entry, mark_price: b.close, unrealized_pnl: (b.close - pos.entry) * pos.qty, opened_at: pos.opened }] : [],
      bars: this.summary.bars + 1,
      fills,
      last_bar_time: barTime,
      version: this.summary.version + 1,
    };
  }

  private emit(body: BotEventBody, marketTs: number | null): void {
    const e = { seq: this.events.length + 1, bot_id: this.summary.id, ts: (this.wallClock += 1000), market_ts: marketTs, ...body } as BotEvent;
    this.events.push(e);
    this.onEvent(e);
  }
}

/** A bot that has processed the first `n` bars (for screen and component tests). */
export function simulated(id: string, bars: readonly RealBar[], n: number, over: Partial<BotSummary> = {}): SimBot {
  const b = new SimBot(id, bars, over);
  b.transition("running");
  for (let i = 0; i < n; i++) b.step();
  return b;
}
