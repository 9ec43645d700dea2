/** Venue endpoints. Every URL can be pointed at a loopback fake for tests. */
import { z } from "zod";

export const hyperliquidSchema = z
  .object({
    api_url: z.string().default("https://api.hyperliquid.xyz").describe("REST base URL (env HYPERLIQUID_API_URL)"),
    ws_url: z.string().default("wss://api.hyperliquid.xyz/ws").describe("WebSocket URL (env HYPERLIQUID_WS_URL)"),
    testnet: z.boolean().default(false).describe("Sign for testnet (source 'b') instead of mainnet ('a')"),
    secrets_file: z.string().optional().describe("TOML file with api_wallet_key and account_address for live trading (env HYPERLIQUID_SECRETS_FILE); env HYPERLIQUID_API_WALLET_KEY/HYPERLIQUID_ACCOUNT_ADDRESS take precedence"),
  })
  .default({ api_url: "https://api.hyperliquid.xyz", ws_url: "wss://api.hyperliquid.xyz/ws", testnet: false });

export const binanceSchema = z
  .object({
    fapi_url: z.string().default("https://fapi.binance.com").describe("USD-M futures REST base URL (env BINANCE_FAPI_URL)"),
    spot_url: z.string().default("https://api.binance.com").describe("Spot REST base URL (env BINANCE_SPOT_URL)"),
    fstream_url: z.string().default("wss://fstream.binance.com").describe("USD-M futures WebSocket base (env BINANCE_FSTREAM_URL)"),
  })
  .default({ fapi_url: "https://fapi.binance.com", spot_url: "https://api.binance.com", fstream_url: "wss://fstream.binance.com" });

export const polymarketSchema = z
  .object({
    gamma_url: z.string().default("https://gamma-api.polymarket.com").describe("Gamma API base URL (env POLYMARKET_GAMMA_URL)"),
    clob_url: z.string().default("https://clob.polymarket.com").describe("CLOB API base URL (env POLYMARKET_CLOB_URL)"),
    polygon_rpc_url: z.string().default("https://polygon-rpc.com").describe("Polygon JSON-RPC URL for Chainlink reads (env POLYGON_RPC_URL)"),
  })
  .default({ gamma_url: "https://gamma-api.polymarket.com", clob_url: "https://clob.polymarket.com", polygon_rpc_url: "https://polygon-rpc.com" });
