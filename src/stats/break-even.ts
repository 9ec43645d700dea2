/**
 * Break-even win rate of a binary bet bought at price c (0 < c < 1; a win pays 1 per share,
 * so stake S buys S/c shares and wins S(1 − c)/c) under a fee model with rate f:
 *
 *   none        p* = c
 *   stake       fee = f·S, win or lose (reference system)          p* = c(1 + f)
 *   profit      fee = f·S(1 − c)/c, win or lose (PolymarketFees)   p* = c + f(1 − c)
 *   winnings    fee = f × profit, only when the bet wins             p* = c / (c + (1 − f)(1 − c))
 *   polymarket  taker fee per share = f·(c(1 − c))^e, win or lose   p* = c + f·(c(1 − c))^e
 *
 * Each formula solves E[PnL] = 0; results above 1 mean no win rate can break even and are
 * reported as is (callers show them), never clamped silently.
 */
import { checkFinite, checkOneOf, checkRange } from "./validate.ts";

export type FeeModel = "none" | "stake" | "profit" | "winnings" | "polymarket";
export const FEE_MODELS: readonly FeeModel[] = ["none", "stake", "profit", "winnings", "polymarket"];

export interface FeeSpec {
  readonly model: FeeModel;
  readonly rate: number;
  /** Exponent of the polymarket fee curve (default 1). */
  readonly exponent?: number;
}

export function breakEvenWinRate(price: number, fee: FeeSpec = { model: "none", rate: 0 }): number {
  const fn = "breakEvenWinRate";
  checkRange(fn, "price", price, 0, 1);
  checkOneOf(fn, "fee model", fee.model, FEE_MODELS);
  checkFinite(fn, "fee rate", fee.rate);
  checkRange(fn, "fee rate", fee.rate, 0, 1, false);
  const c = price;
  const f = fee.rate;
  switch (fee.model) {
    case "none":
      return c;
    case "stake":
      return c * (1 + f);
    case "profit":
      return c + f * (1 - c);
    case "winnings":
      return c / (c + (1 - f) * (1 - c));
    case "polymarket": {
      const e = fee.exponent ?? 1;
      checkRange(fn, "fee exponent", e, 0, 10, false);
      return c + f * (c * (1 - c)) ** e;
    }
  }
}

/** Expected PnL per unit staked at win probability p (same fee models); 0 at the break-even rate. */
export function expectedReturnPerStake(p: number, price: number, fee: FeeSpec = { model: "none", rate: 0 }): number {
  const c = price;
  const f = fee.rate;
  const win = (1 - c) / c;
  switch (fee.model) {
    case "none":
      return p * win - (1 - p);
    case "stake":
      return p * win - (1 - p) - f;
    case "profit":
      return p * win - (1 - p) - f * win;
    case "winnings":
      return p * win * (1 - f) - (1 - p);
    case "polymarket":
      return p * win - (1 - p) - (f * (c * (1 - c)) ** (fee.exponent ?? 1)) / c;
  }
}
