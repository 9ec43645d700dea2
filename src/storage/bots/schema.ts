/**
 * DDL of the bot database (bun:sqlite). Idempotent (IF NOT EXISTS); `bot_meta.schema_version`
 * records the layout so a newer file is refused rather than misread. History tables cascade on
 * bot deletion and are keyed so that re-writing a row after a restart replaces it.
 */
export const BOT_SCHEMA_VERSION = 1;

export const BOT_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS bot_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bot_configs (
  bot_id      TEXT PRIMARY KEY,
  config_json TEXT NOT NULL,
  source      TEXT NOT NULL DEFAULT 'api',
  enabled     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS bot_configs_enabled ON bot_configs(enabled);
CREATE TABLE IF NOT EXISTS bot_runtime_state (
  bot_id         TEXT PRIMARY KEY REFERENCES bot_configs(bot_id) ON DELETE CASCADE,
  state          TEXT NOT NULL,
  state_json     TEXT NOT NULL,
  last_heartbeat INTEGER,
  updated_at     INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bot_trades (
  bot_id    TEXT NOT NULL REFERENCES bot_configs(bot_id) ON DELETE CASCADE,
  epoch     INTEGER NOT NULL,
  trade_id  INTEGER NOT NULL,
  exit_time INTEGER NOT NULL,
  json      TEXT NOT NULL,
  PRIMARY KEY (bot_id, epoch, trade_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bot_events (
  bot_id TEXT NOT NULL REFERENCES bot_configs(bot_id) ON DELETE CASCADE,
  seq    INTEGER NOT NULL,
  ts     INTEGER NOT NULL,
  type   TEXT NOT NULL,
  json   TEXT NOT NULL,
  PRIMARY KEY (bot_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS bot_equity (
  bot_id    TEXT NOT NULL REFERENCES bot_configs(bot_id) ON DELETE CASCADE,
  ts        INTEGER NOT NULL,
  equity    REAL NOT NULL,
  bar_index INTEGER NOT NULL,
  PRIMARY KEY (bot_id, ts)
) WITHOUT ROWID;
`;
