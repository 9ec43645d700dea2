/**
 * Engine settings shared by backtest, paper and live runs: capital, simulated costs and the seed
 * risk manager's sizing parameters. Defaults are the seed's (capital 10 000, fee 0.001, 5 bps
 * slippage, risk 0.05 / max position 0.20 / leverage 1).
 *
 * Invariant: a validated settings object has finite values in range; `validateSettings` throws a
 * ConfigError naming the offending field, so commands can surface it as a usage problem.
 */
import { ConfigError } from "../core/index.ts";

export interface EngineSettings {
  /** Initial capital in quote currency. */
  readonly capital: number;
  /** Commission as a fraction of notional (0.001 = 10 bps). */
  readonly feeRate: number;
  /** Market-order slippage in basis points (buy fills up, sell fills down). */
  readonly slippageBps: number;
  /** Order value = equity × leverage × riskPerTradePct … */
  readonly riskPerTradePct: number;
  /** … capped at equity × maxPositionPct. */
  readonly maxPositionPct: number;
  /** Integer 1..50. */
  readonly leverage: number;
  /** Seed of the strategy context's SeededRng. */
  readonly seed: number;
}

export const DEFAULT_SETTINGS: EngineSettings = Object.freeze({
  capital: 10_000,
  feeRate: 0.001,
  slippageBps: 5,
  riskPerTradePct: 0.05,
  maxPositionPct: 0.2,
  leverage: 1,
  seed: 1,
});

/** Fills unspecified fields with defaults and validates the result. */
export function resolveSettings(partial: Partial<EngineSettings> = {}): EngineSettings {
  const s: EngineSettings = { ...DEFAULT_SETTINGS, ...stripUndefined(partial) };
  validateSettings(s);
  return s;
}

export function validateSettings(s: EngineSettings): void {
  check(s, "capital", s.capital > 0, "must be > 0");
  check(s, "feeRate", s.feeRate >= 0 && s.feeRate <= 0.1, "must be in [0, 0.1]");
  check(s, "slippageBps", s.slippageBps >= 0 && s.slippageBps <= 1000, "must be in [0, 1000]");
  check(s, "riskPerTradePct", s.riskPerTradePct > 0 && s.riskPerTradePct <= 1, "must be in (0, 1]");
  check(s, "maxPositionPct", s.maxPositionPct > 0 && s.maxPositionPct <= 1, "must be in (0, 1]");
  check(s, "leverage", Number.isInteger(s.leverage) && s.leverage >= 1 && s.leverage <= 50, "must be an integer in 1..50");
  check(s, "seed", Number.isInteger(s.seed), "must be an integer");
}

function check(s: EngineSettings, key: keyof EngineSettings, ok: boolean, why: string): void {
  const v = s[key];
  if (typeof v !== "number" || !Number.isFinite(v) || !ok) {
    throw new ConfigError(`engine settings: ${key} ${why}, got ${String(v)}`, { key });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
