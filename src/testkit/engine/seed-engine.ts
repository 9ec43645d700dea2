/**
 * A TradingEngine on one instrument with the seed's backtest defaults (fee 0.001, slippage 5 bps,
 * sizing 0.05 / 0.20 / 1×, capital 10,000) and a HistoricalClock the test advances itself.
 * Shared by the engine tests so they build the engine the same way.
 */
import { HistoricalClock, type Instrument } from "../../core/index.ts";
import { TradingEngine, type EngineSnapshot } from "../../engine/engine.ts";
import { FeeModel } from "../../engine/fees.ts";
import type { EngineListener } from "../../engine/ports.ts";
import { SizingRiskManager } from "../../engine/risk.ts";
import { SimulatedVenue } from "../../engine/sim-venue.ts";
import type { Strategy } from "../../engine/strategy.ts";

export function makeSeedEngine(
  instrument: Instrument,
  strategy: Strategy,
  listener: EngineListener = {},
  snapshot?: EngineSnapshot,
): { engine: TradingEngine; clock: HistoricalClock } {
  const clock = new HistoricalClock();
  const engine = new TradingEngine({
    feeds: [{ instrument, strategy }],
    venue: new SimulatedVenue(new FeeModel(0.001), 5),
    risk: new SizingRiskManager({ riskPerTradePct: 0.05, maxPositionPct: 0.2, leverage: 1 }),
    clock,
    capital: 10_000,
    listener,
    ...(snapshot ? { snapshot } : {}),
  });
  return { engine, clock };
}
