/**
 * The root configuration schema. One zod schema per component (sections/), each field with a
 * default and a description; `AppConfig` is what the rest of the program receives. The engine
 * never reads process.env: the loader maps environment variables onto these keys.
 */
import { z } from "zod";
import { logSchema } from "./sections/log.ts";
import { serverSchema } from "./sections/server.ts";
import { databaseSchema } from "./sections/database.ts";
import { storageSchema } from "./sections/storage.ts";
import { hyperliquidSchema, binanceSchema, polymarketSchema } from "./sections/venues.ts";
import { backtestSchema } from "./sections/backtest.ts";
import { botsSchema, daemonSchema } from "./sections/bots.ts";
import { tiersSchema } from "./sections/tiers.ts";

export const configSchema = z
  .object({
    log: logSchema,
    server: serverSchema,
    database: databaseSchema,
    storage: storageSchema,
    hyperliquid: hyperliquidSchema,
    binance: binanceSchema,
    polymarket: polymarketSchema,
    backtest: backtestSchema,
    bots: botsSchema,
    daemon: daemonSchema,
    tiers: tiersSchema,
  })
  .strict();

export type AppConfig = z.infer<typeof configSchema>;

/** Environment variable → config key path. Documented in README. */
export const ENV_MAP: Readonly<Record<string, string>> = {
  LOG_LEVEL: "log.level",
  LOG_FORMAT: "log.format",
  ALGO_API_TOKEN: "server.api_token",
  DATABASE_URL: "database.url",
  ALGO_DATA_DIR: "storage.data_dir",
  BOT_DATABASE_URL: "storage.bot_database_url",
  HYPERLIQUID_API_URL: "hyperliquid.api_url",
  HYPERLIQUID_WS_URL: "hyperliquid.ws_url",
  HYPERLIQUID_SECRETS_FILE: "hyperliquid.secrets_file",
  BINANCE_FAPI_URL: "binance.fapi_url",
  BINANCE_SPOT_URL: "binance.spot_url",
  BINANCE_FSTREAM_URL: "binance.fstream_url",
  POLYMARKET_GAMMA_URL: "polymarket.gamma_url",
  POLYMARKET_CLOB_URL: "polymarket.clob_url",
  POLYGON_RPC_URL: "polymarket.polygon_rpc_url",
};
