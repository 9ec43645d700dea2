/**
 * Decodes frames of the daemon's WebSocket (src/api/types.ts `WsServerMessage`) into what the TUI
 * acts on, and builds the subscription messages it sends (`WsClientMessage`). Unknown or
 * malformed frames decode to `ignored`: a newer daemon may say more than this TUI understands,
 * which must never crash the screen.
 */
import type { BotEvent, BotSummary, WsChannel, WsClientMessage } from "./api-types.ts";

export type StreamMessage =
  | { readonly kind: "hello"; readonly heartbeatMs: number; readonly protocol: number }
  | { readonly kind: "status"; readonly bots: readonly BotSummary[] }
  | { readonly kind: "snapshot"; readonly bots: readonly BotSummary[] }
  | { readonly kind: "event"; readonly events: readonly BotEvent[] }
  | { readonly kind: "removed"; readonly id: string }
  | { readonly kind: "error"; readonly message: string }
  | { readonly kind: "ignored"; readonly type: string };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const isBot = (x: unknown): x is BotSummary => isObj(x) && typeof x.id === "string" && typeof x.state === "string" && typeof x.version === "number";
const isEvent = (x: unknown): x is BotEvent => isObj(x) && typeof x.seq === "number" && typeof x.bot_id === "string" && typeof x.type === "string";

export function decodeStreamMessage(raw: unknown): StreamMessage {
  if (!isObj(raw) || typeof raw.type !== "string") return { kind: "ignored", type: typeof raw };
  switch (raw.type) {
    case "hello":
      return { kind: "hello", heartbeatMs: typeof raw.heartbeat_ms === "number" ? raw.heartbeat_ms : 0, protocol: typeof raw.protocol === "number" ? raw.protocol : 0 };
    case "status":
      return isBot(raw.bot) ? { kind: "status", bots: [raw.bot] } : { kind: "ignored", type: "status" };
    case "event":
    case "fill":
      return isEvent(raw.event) ? { kind: "event", events: [raw.event] } : { kind: "ignored", type: raw.type };
    case "removed":
      return typeof raw.bot_id === "string" ? { kind: "removed", id: raw.bot_id } : { kind: "ignored", type: "removed" };
    case "error":
      return { kind: "error", message: `${typeof raw.code === "string" ? `${raw.code}: ` : ""}${typeof raw.message === "string" ? raw.message : "unknown error"}` };
    default:
      return { kind: "ignored", type: raw.type };
  }
}

/** Every bot's status, always. */
export function statusSubscription(): WsClientMessage {
  return { op: "subscribe", channels: ["status"], bots: "*" };
}

/** One bot's events while its detail screen is open. */
export function eventsSubscription(botId: string, op: "subscribe" | "unsubscribe" = "subscribe"): WsClientMessage {
  const channels: WsChannel[] = ["events"];
  return { op, channels, bots: [botId] };
}

/** What to (re)send after every connect. */
export function subscriptionMessages(detailId: string | null): WsClientMessage[] {
  const msgs: WsClientMessage[] = [statusSubscription()];
  if (detailId !== null) msgs.push(eventsSubscription(detailId));
  return msgs;
}
