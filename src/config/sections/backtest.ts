/** Backtest defaults (seed values), overridable per run by flags. */
import { z } from "zod";

export const backtestSchema = z
  .object({
    capital: z.number().positive().default(10000).describe("Initial capital in quote currency"),
    fee_rate: z.number().min(0).max(0.1).default(0.001).describe("Commission as a fraction of notional"),
    slippage_bps: z.number().min(0).max(1000).default(5).describe("Market-order slippage in basis points"),
    risk_per_trade_pct: z.number().positive().max(1).default(0.05).describe("Order value = equity × leverage × this"),
    max_position_pct: z.number().positive().max(1).default(0.2).describe("Cap on order value as a fraction of equity"),
    leverage: z.number().int().min(1).max(50).default(1).describe("Leverage (1..50)"),
  })
  .default({ capital: 10000, fee_rate: 0.001, slippage_bps: 5, risk_per_trade_pct: 0.05, max_position_pct: 0.2, leverage: 1 });
