/** Public entry of the Hyperliquid loopback fake (test kit only; never imported by production code). */
export { startHyperliquidFake, DEFAULT_UNIVERSE } from "./server.ts";
export type { HyperliquidFake, HyperliquidFakeOptions } from "./server.ts";
export { CandleStore } from "./candle-store.ts";
export { hyperliquidCandles, binanceMinuteCandles, readGzLines, HL_CANDLES_FILE, BINANCE_USDM_1M } from "./candle-source.ts";
export { bookAround, captureLines, HL_CAPTURE_FILE } from "./book.ts";
export { TAKER_FEE, MAKER_FEE } from "./accounts.ts";
export { waitUntil } from "./wait.ts";
