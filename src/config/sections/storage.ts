/** Local storage locations and tier bounds. */
import { z } from "zod";

export const storageSchema = z
  .object({
    data_dir: z.string().default("data").describe("Root folder for embedded databases, cold Parquet files and spools (env ALGO_DATA_DIR)"),
    bot_database_url: z.string().default("sqlite://data/bots.db").describe("Bot config database (env BOT_DATABASE_URL)"),
  })
  .default({ data_dir: "data", bot_database_url: "sqlite://data/bots.db" });
