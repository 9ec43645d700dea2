/**
 * Strategy SDK: the only engine surface strategies may import (plus src/core).
 *
 * A strategy sees bar t only after it has closed (`onBar` is called with the closed bar) and
 * answers with a signal or nothing. It cannot see future bars: the engine hands it one reused
 * read-only Bar view at a time, and orders it causes fill no earlier than the next bar's open.
 * Strategies must be deterministic: no wall clock, no Math.random (use ctx.rng if needed).
 *
 * The same strategy object runs in backtest, paper and live; only the engine's clock, data
 * source and execution venue differ.
 */
import type { Bar, Clock, Instrument, SeededRng, SignalDirection, TradeTick, Quote, BookSnapshot } from "../core/index.ts";
import type { z } from "zod";

export interface StrategyContext {
  readonly clock: Clock;
  readonly instrument: Instrument;
  readonly rng: SeededRng;
  /** Signed position size in the strategy's instrument (0 when flat). */
  position(): number;
  /** Average entry price of the open position (0 when flat). */
  entryPrice(): number;
}

/** What a callback returns: a direction with optional strength (default 1), or nothing. */
export type SignalIntent = SignalDirection | { readonly direction: SignalDirection; readonly strength: number } | null | undefined | void;

export interface Strategy {
  readonly name: string;
  /** Bars needed before the first signal can be produced. */
  readonly warmup: number;
  onBar(bar: Bar, ctx: StrategyContext): SignalIntent;
  onTrade?(trade: TradeTick, ctx: StrategyContext): SignalIntent;
  onQuote?(quote: Quote, ctx: StrategyContext): SignalIntent;
  onBook?(book: BookSnapshot, ctx: StrategyContext): SignalIntent;
}

/**
 * A registered strategy: its parameter schema (zod, with defaults and descriptions) and a
 * factory. `validate` runs cross-field checks (e.g. slow > fast) and returns an error message
 * naming the offending key, or null.
 */
export interface StrategyDefinition<S extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly description: string;
  readonly params: S;
  readonly validate?: (p: z.infer<S>) => string | null;
  /** Bars of warm-up for the given parameters. */
  readonly warmup: (p: z.infer<S>) => number;
  readonly create: (p: z.infer<S>) => Strategy;
}

export function defineStrategy<S extends z.ZodObject>(def: StrategyDefinition<S>): StrategyDefinition<S> {
  return def;
}
