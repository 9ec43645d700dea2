import { describe, expect, test } from "bun:test";
import { dataFile } from "../../src/testkit/data-path.ts";
import type { BotEvent } from "../client/api-types.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { simulated } from "../testing/sim-bot.ts";
import { theme } from "../theme.ts";
import { describeEvent, eventColor } from "./describe-event.ts";

const base = { seq: 1, bot_id: "b", ts: 0, market_ts: null };

describe("describeEvent", () => {
  test("real fills and trades read as one line each", () => {
    const sim = simulated("b", loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" }), 400);
    const fill = sim.events.find((e) => e.type === "fill")!;
    const trade = sim.events.find((e) => e.type === "trade")!;
    expect(describeEvent(fill)).toMatch(/^buy 0\.\d+ @ \d{2},\d{3}\.\d fee 0\.00 \(taker\)$/);
    expect(describeEvent(trade)).toMatch(/^#1 long [+-]\d+\.\d{2} \([+-]\d+\.\d{2}%\)$/);
    expect(eventColor(trade)).toBe(trade.type === "trade" && trade.data.pnl >= 0 ? theme.profit : theme.loss);
  });

  test("every event type has a description", () => {
    const events: BotEvent[] = [
      { ...base, type: "state", data: { from: "running", to: "error", error: "feed ended" } },
      { ...base, type: "signal", data: { direction: "long", strength: 1, price: 64000, bar_index: 3 } },
      { ...base, type: "signal_ignored", data: { direction: "short", reason: "already flat" } },
      { ...base, type: "order", data: { order_id: 1, side: "buy", order_type: "market", quantity: 0.5, price: null, reason: "entry" } },
      { ...base, type: "cancel", data: { order_id: 1, reason: "expired" } },
      { ...base, type: "notice", data: { message: "warming up" } },
      { ...base, type: "error", data: { code: "FEED", message: "gone" } },
      { ...base, type: "config", data: { changed: ["params.fast"], restart_required: ["risk.capital"] } },
    ];
    expect(events.map(describeEvent)).toEqual([
      "running → error: feed ended",
      "long strength 1.00 @ 64,000.0",
      "short ignored: already flat",
      "buy 0.5 market (entry)",
      "order 1 cancelled: expired",
      "warming up",
      "FEED: gone",
      "changed params.fast; restart needed for risk.capital",
    ]);
    expect(eventColor(events[0]!)).toBe(theme.error);
  });
});
