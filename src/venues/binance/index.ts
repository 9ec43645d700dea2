/** Public entry of the Binance USD-M market-data client (klines for fetch-data --source binance). */
export { BinanceKlinesClient, parseKlines, klineWeight } from "./klines.ts";
export type { Kline, KlineRange, BinanceKlinesOptions } from "./klines.ts";
export { binanceHttpError, binanceNetworkError } from "./errors.ts";
