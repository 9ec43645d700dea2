/** Public entry of the pure domain. Imports nothing outside src/core. */
export {
  BaseError,
  UsageError,
  ConfigError,
  DataError,
  NotFoundError,
  ConflictError,
  VenueError,
  StorageError,
  OrderRejectedError,
  isBaseError,
} from "./errors.ts";
export type { ErrorAction, BaseErrorOptions } from "./errors.ts";
export { HistoricalClock } from "./clock.ts";
export type { Clock } from "./clock.ts";
export { SeededRng } from "./rng.ts";
export {
  AMOUNT_DECIMALS,
  AMOUNT_SCALE,
  toScaled,
  parseDecimal,
  amountFromNumber,
  amountToNumber,
  formatAmount,
  divRound,
  notional,
  mulRate,
  pow10,
} from "./money.ts";
export type { Amount } from "./money.ts";
export { tickSize, lotSize, roundPrice, floorSize, priceUnits, sizeUnits, makeInstrument, gridStep } from "./instrument.ts";
export type { Instrument, InstrumentKind, RoundMode } from "./instrument.ts";
export type {
  Bar,
  TradeTick,
  Quote,
  BookLevel,
  BookSnapshot,
  MarketEvent,
  SignalDirection,
  SignalEvent,
  OrderSide,
  OrderType,
  TimeInForce,
  OrderEvent,
  FillEvent,
  ClosedTrade,
} from "./events.ts";
export { parseInterval, INTERVALS } from "./interval.ts";
export type { Interval } from "./interval.ts";
