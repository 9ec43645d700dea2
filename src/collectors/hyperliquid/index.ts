/** Public entry of the Hyperliquid live market-data collectors. */
export { CandleFeed } from "./candle-feed.ts";
export type { CandleFeedOptions, CandleFeedStats } from "./candle-feed.ts";
export { MarketFeed } from "./market-feed.ts";
export type { MarketFeedOptions } from "./market-feed.ts";
