/** Public entry of configuration: schema, types and the loader. */
export { configSchema, ENV_MAP } from "./schema.ts";
export type { AppConfig } from "./schema.ts";
export { loadConfig, validateConfig, parseConfigText, DEFAULT_CONFIG_PATH } from "./load.ts";
export type { LoadOptions, LoadedConfig } from "./load.ts";
