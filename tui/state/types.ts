/**
 * The UI's whole state and the actions that change it. Everything a screen draws comes from
 * here; the reducer (reducer.ts) is the only writer, so a screen can be tested by building a
 * state and rendering it.
 */
import type { BotDetail, BotEvent, BotSummary, EquityPoint, PositionView, TradeView } from "../client/api-types.ts";
import type { ConnectionStatus } from "../client/stream-client.ts";

export type Screen =
  | { readonly name: "list" }
  | { readonly name: "detail"; readonly id: string }
  | { readonly name: "form"; readonly mode: "add" }
  | { readonly name: "form"; readonly mode: "edit"; readonly id: string };

export type Overlay = null | { readonly kind: "help" } | { readonly kind: "confirmDelete"; readonly id: string };

export interface Notice {
  readonly kind: "info" | "ok" | "error";
  readonly text: string;
  /** Increases with every notice, so the same text twice still reads as new. */
  readonly seq: number;
}

export interface DetailState {
  readonly id: string;
  readonly detail: BotDetail | null;
  /** Closed trades, oldest first (display shows newest first). */
  readonly trades: readonly TradeView[];
  readonly tradesTotal: number;
  readonly equity: readonly EquityPoint[];
  /** Newest last. */
  readonly events: readonly BotEvent[];
  readonly positions: readonly PositionView[];
  /** First visible row of the trade list (0 = newest trade). */
  readonly tradeScroll: number;
  readonly pane: "trades" | "events";
  readonly loading: boolean;
  readonly error: string | null;
}

export interface UIState {
  readonly url: string;
  readonly connection: ConnectionStatus;
  /** A bot list has arrived since the last (re)connect. */
  readonly loaded: boolean;
  /** Sorted by id. */
  readonly bots: readonly BotSummary[];
  readonly selectedId: string | null;
  readonly screen: Screen;
  readonly overlay: Overlay;
  readonly notice: Notice | null;
  readonly detail: DetailState | null;
  /** What is in flight ("starting btc-1 …"), shown in the status bar. */
  readonly busy: string | null;
}

export interface DetailPayload {
  readonly detail: BotDetail;
  readonly trades: readonly TradeView[];
  readonly tradesTotal: number;
  readonly equity: readonly EquityPoint[];
  readonly events: readonly BotEvent[];
  readonly positions: readonly PositionView[];
}

export type Action =
  | { readonly type: "connection"; readonly status: ConnectionStatus }
  | { readonly type: "snapshot"; readonly bots: readonly BotSummary[] }
  | { readonly type: "botsUpdated"; readonly bots: readonly BotSummary[] }
  | { readonly type: "botRemoved"; readonly id: string }
  | { readonly type: "events"; readonly events: readonly BotEvent[] }
  | { readonly type: "select"; readonly delta: number }
  | { readonly type: "selectEdge"; readonly edge: "top" | "bottom" }
  | { readonly type: "selectId"; readonly id: string }
  | { readonly type: "openDetail"; readonly id: string }
  | { readonly type: "detailLoaded"; readonly id: string; readonly payload: DetailPayload }
  | { readonly type: "detailFailed"; readonly id: string; readonly error: string }
  | { readonly type: "equityAppended"; readonly id: string; readonly points: readonly EquityPoint[] }
  | { readonly type: "scrollTrades"; readonly delta: number; readonly visible: number }
  | { readonly type: "scrollTradesEdge"; readonly edge: "top" | "bottom"; readonly visible: number }
  | { readonly type: "nextPane" }
  | { readonly type: "back" }
  | { readonly type: "openForm"; readonly mode: "add" }
  | { readonly type: "openForm"; readonly mode: "edit"; readonly id: string }
  | { readonly type: "toggleHelp" }
  | { readonly type: "confirmDelete"; readonly id: string }
  | { readonly type: "closeOverlay" }
  | { readonly type: "busy"; readonly text: string | null }
  | { readonly type: "notice"; readonly kind: Notice["kind"]; readonly text: string };
