/** Warm-tier database. With no url, everything runs embedded (DuckDB file under data_dir). */
import { z } from "zod";

export const databaseSchema = z
  .object({
    url: z.string().optional().describe("PostgreSQL URL for the warm tier (env DATABASE_URL); unset = embedded DuckDB"),
    max_connections: z.number().int().min(1).default(10).describe("Connection pool size"),
  })
  .default({ max_connections: 10 });
