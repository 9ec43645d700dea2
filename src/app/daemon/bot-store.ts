/**
 * Opens the bot database (bun:sqlite at `storage.bot_database_url`, env BOT_DATABASE_URL) as the
 * bots module's BotStore. Stored definitions are re-validated with the current bot schema on
 * load, so a row written by an older binary that no longer validates is reported (and skipped)
 * instead of crashing the daemon.
 */
import type { BotEvent, BotSpec, BotStore, EquityPoint, PersistedBotState, TradeView } from "../../bots/index.ts";
import type { Clock } from "../../core/index.ts";
import { botSpecSchema } from "../../config/sections/bots.ts";
import { SqliteBotStore } from "../../storage/bots/sqlite-bot-store.ts";

export type AppBotStore = BotStore & { readonly path: string };

export function openBotStore(url: string, clock: Clock): AppBotStore {
  const db = new SqliteBotStore<BotSpec, PersistedBotState, TradeView, BotEvent, EquityPoint>(url, () => clock.now());
  const parse = (json: unknown, id: string): BotSpec => {
    const r = botSpecSchema.safeParse(json);
    if (!r.success) {
      const i = r.error.issues[0]!;
      throw new Error(`stored definition is no longer valid: ${i.path.join(".") || "(root)"}: ${i.message}`);
    }
    if (r.data.id !== id) throw new Error(`stored definition has id '${r.data.id}'`);
    return r.data;
  };
  return {
    path: db.path,
    loadAll: () => db.loadAll(parse),
    saveSpec: (spec, source, enabled, now) => db.saveSpec(spec, source, enabled, now),
    setEnabled: (id, enabled, now) => db.setEnabled(id, enabled, now),
    deleteBot: (id) => db.deleteBot(id),
    commit: (id, batch) => db.commit(id, batch),
    pruneEvents: (id, keep) => db.pruneEvents(id, keep),
    trades: (id, q) => db.trades(id, q),
    events: (id, q) => db.events(id, q),
    equity: (id, q) => db.equity(id, q),
    close: () => db.close(),
  };
}
