/** Public entry of the Binance USD-M loopback fake (test kit only). */
export { startBinanceFake } from "./server.ts";
export type { BinanceFake, BinanceFakeOptions } from "./server.ts";
