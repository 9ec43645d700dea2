/** Logger: level filtering, text and JSON formats, child fields. */
import { expect, test } from "bun:test";
import { createLogger } from "./logger.ts";

test("levels filter, fields render, JSON lines parse, children inherit fields", () => {
  const lines: string[] = [];
  const log = createLogger({ level: "info", write: (l) => lines.push(l) });
  log.debug("Hidden");
  log.info("Bot started", { bot: "btc-ma", bars: 3, note: "two words" });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z INFO {2}Bot started bot=btc-ma bars=3 note="two words"$/);
  const json: string[] = [];
  const j = createLogger({ level: "debug", format: "json", write: (l) => json.push(l) }).child({ component: "api" });
  j.warn("Slow client dropped", { id: 7 });
  expect(JSON.parse(json[0]!)).toMatchObject({ level: "warn", msg: "Slow client dropped", component: "api", id: 7 });
});
