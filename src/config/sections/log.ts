/** Logging settings. */
import { z } from "zod";

export const logSchema = z
  .object({
    level: z.enum(["debug", "info", "warn", "error"]).default("info").describe("Minimum log level (env LOG_LEVEL)"),
    format: z.enum(["text", "json"]).default("text").describe("Log line format on stderr (env LOG_FORMAT)"),
  })
  .default({ level: "info", format: "text" });
