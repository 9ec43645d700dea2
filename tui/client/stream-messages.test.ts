import { describe, expect, test } from "bun:test";
import { dataFile } from "../../src/testkit/data-path.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { simulated } from "../testing/sim-bot.ts";
import { decodeStreamMessage, eventsSubscription, subscriptionMessages } from "./stream-messages.ts";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h", limit: 100 });

describe("stream messages", () => {
  test("decodes every frame the daemon sends", () => {
    const bot = simulated("b", bars, 60);
    const ev = bot.events[1]!;
    expect(decodeStreamMessage({ type: "hello", protocol: 1, server_time: 1, heartbeat_ms: 10000, channels: [] })).toEqual({ kind: "hello", heartbeatMs: 10000, protocol: 1 });
    expect(decodeStreamMessage({ type: "status", bot: bot.summary })).toEqual({ kind: "status", bots: [bot.summary] });
    expect(decodeStreamMessage({ type: "event", bot_id: "b", event: ev })).toEqual({ kind: "event", events: [ev] });
    expect(decodeStreamMessage({ type: "fill", bot_id: "b", event: ev })).toEqual({ kind: "event", events: [ev] });
    expect(decodeStreamMessage({ type: "removed", bot_id: "b" })).toEqual({ kind: "removed", id: "b" });
    expect(decodeStreamMessage({ type: "error", code: "BAD_MESSAGE", message: "message is not JSON" })).toEqual({ kind: "error", message: "BAD_MESSAGE: message is not JSON" });
    expect(decodeStreamMessage({ type: "heartbeat", ts: 1, dropped_clients: 0 })).toEqual({ kind: "ignored", type: "heartbeat" });
  });

  test("malformed or unknown frames are ignored, never thrown", () => {
    for (const raw of [null, 3, "x", [], {}, { type: 5 }, { type: "status" }, { type: "status", bot: { id: 1 } }, { type: "event", event: {} }, { type: "removed" }, { type: "future_thing", x: 1 }]) {
      expect(decodeStreamMessage(raw).kind).toBe("ignored");
    }
  });

  test("subscriptions: all statuses always, one bot's events with the detail open", () => {
    expect(subscriptionMessages(null)).toEqual([{ op: "subscribe", channels: ["status"], bots: "*" }]);
    expect(subscriptionMessages("b")).toEqual([
      { op: "subscribe", channels: ["status"], bots: "*" },
      { op: "subscribe", channels: ["events"], bots: ["b"] },
    ]);
    expect(eventsSubscription("b", "unsubscribe")).toEqual({ op: "unsubscribe", channels: ["events"], bots: ["b"] });
  });
});
