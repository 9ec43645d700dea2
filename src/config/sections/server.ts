/** API server settings (daemon and `server`). Changing them needs a restart. */
import { z } from "zod";

export const serverSchema = z
  .object({
    host: z.string().default("127.0.0.1").describe("Bind address; non-loopback requires api_token"),
    port: z.number().int().min(0).max(65535).default(8080).describe("Bind port (0 = any free port)"),
    api_token: z.string().optional().describe("Bearer token for mutating routes (env ALGO_API_TOKEN)"),
    cors_origins: z.array(z.string()).default([]).describe("Allowed CORS origins; empty = CORS off"),
  })
  .default({ host: "127.0.0.1", port: 8080, cors_origins: [] });
