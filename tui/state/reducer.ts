/**
 * The UI reducer: pure (state, action) → state, no I/O, no clocks.
 *
 * Invariants: `bots` stays sorted by id with unique ids; `selectedId` is null only when there are
 * no bots; a status update older than what is shown (lower `version`) is ignored, so a late WS
 * frame cannot roll a bot back; the open detail's trades, events and equity are deduplicated
 * (trade by epoch+id, event by seq, equity by time), so a REST reload racing the WS stream never
 * shows a row twice; the kept history is capped (CAPS) so a long-running bot cannot grow memory.
 */
import type { BotEvent, BotSummary, EquityPoint, TradeView } from "../client/api-types.ts";
import type { Action, DetailState, UIState } from "./types.ts";

export const CAPS = { trades: 1000, events: 300, equity: 4000 } as const;

export function initialState(url: string): UIState {
  return {
    url,
    connection: { kind: "connecting", attempt: 1 },
    loaded: false,
    bots: [],
    selectedId: null,
    screen: { name: "list" },
    overlay: null,
    notice: null,
    detail: null,
    busy: null,
  };
}

function emptyDetail(id: string): DetailState {
  return { id, detail: null, trades: [], tradesTotal: 0, equity: [], events: [], positions: [], tradeScroll: 0, pane: "trades", loading: true, error: null };
}

const byId = (a: BotSummary, b: BotSummary): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const tradeKey = (t: TradeView): number => t.epoch * 1e9 + t.id;

function keepSelection(bots: readonly BotSummary[], selected: string | null): string | null {
  if (selected !== null && bots.some((b) => b.id === selected)) return selected;
  return bots[0]?.id ?? null;
}

/**
 * Merges two key-sorted lists without duplicates, capped to the newest `cap`. The common case,
 * `b` entirely newer than `a` (a live stream), is a plain append; otherwise a keyed merge.
 */
function mergeSorted<T>(a: readonly T[], b: readonly T[], key: (x: T) => number, cap: number): T[] {
  const last = a[a.length - 1];
  let inOrder = true;
  for (let i = 0; i < b.length && inOrder; i++) inOrder = key(b[i]!) > (i === 0 ? (last === undefined ? -Infinity : key(last)) : key(b[i - 1]!));
  if (inOrder) {
    const tail = b.length >= cap ? b.slice(-cap) : b;
    return [...a.slice(Math.max(0, a.length + tail.length - cap)), ...tail];
  }
  const m = new Map<number, T>();
  for (const x of a) m.set(key(x), x);
  for (const x of b) m.set(key(x), x);
  return [...m.values()].sort((x, y) => key(x) - key(y)).slice(-cap);
}

function mergeTrades(a: readonly TradeView[], b: readonly TradeView[]): TradeView[] {
  return mergeSorted(a, b, tradeKey, CAPS.trades);
}

function mergeEvents(a: readonly BotEvent[], b: readonly BotEvent[]): BotEvent[] {
  return mergeSorted(a, b, (e) => e.seq, CAPS.events);
}

function mergeEquity(a: readonly EquityPoint[], b: readonly EquityPoint[]): EquityPoint[] {
  return mergeSorted(a, b, (p) => p.ts, CAPS.equity);
}

/** A status update of the open bot extends its equity curve by the latest mark. */
function withMark(d: DetailState, b: BotSummary): DetailState {
  if (b.last_bar_time === null) return d;
  const last = d.equity[d.equity.length - 1];
  if (last && last.ts >= b.last_bar_time) return d;
  return { ...d, equity: mergeEquity(d.equity, [{ ts: b.last_bar_time, equity: b.equity, bar_index: Math.max(0, b.bars - 1) }]) };
}

function leaveBot(s: UIState, id: string, why: string): UIState {
  const onIt = (s.screen.name === "detail" && s.screen.id === id) || (s.screen.name === "form" && s.screen.mode === "edit" && s.screen.id === id);
  if (!onIt) return s;
  return { ...s, screen: { name: "list" }, detail: null, notice: { kind: "info", text: why, seq: (s.notice?.seq ?? 0) + 1 } };
}

function clampScroll(d: DetailState, scroll: number, visible: number): number {
  return Math.max(0, Math.min(scroll, d.trades.length - Math.max(1, visible)));
}

export function reducer(s: UIState, a: Action): UIState {
  switch (a.type) {
    case "connection":
      return { ...s, connection: a.status };
    case "snapshot": {
      const bots = [...a.bots].sort(byId);
      const overlay = s.overlay?.kind === "confirmDelete" && !bots.some((b) => b.id === (s.overlay as { id: string }).id) ? null : s.overlay;
      let next: UIState = { ...s, bots, overlay, loaded: true, selectedId: keepSelection(bots, s.selectedId) };
      const gone = (id: string) => !bots.some((b) => b.id === id);
      if (next.screen.name === "detail" && gone(next.screen.id)) next = leaveBot(next, next.screen.id, `bot '${next.screen.id}' no longer exists`);
      if (next.screen.name === "form" && next.screen.mode === "edit" && gone(next.screen.id)) next = leaveBot(next, next.screen.id, `bot '${next.screen.id}' no longer exists`);
      const d = next.detail;
      if (d) {
        const b = bots.find((x) => x.id === d.id);
        if (b) next = { ...next, detail: withMark(d, b) };
      }
      return next;
    }
    case "botsUpdated": {
      if (a.bots.length === 0) return s;
      const m = new Map(s.bots.map((b) => [b.id, b]));
      let changed = false;
      for (const b of a.bots) {
        const old = m.get(b.id);
        if (old && old.version > b.version) continue;
        m.set(b.id, b);
        changed = true;
      }
      if (!changed) return s;
      const bots = [...m.values()].sort(byId);
      let detail = s.detail;
      if (detail) {
        const b = m.get(detail.id);
        if (b) detail = withMark(detail, b);
      }
      return { ...s, bots, detail, selectedId: keepSelection(bots, s.selectedId) };
    }
    case "botRemoved": {
      if (!s.bots.some((b) => b.id === a.id)) return s;
      const bots = s.bots.filter((b) => b.id !== a.id);
      let selectedId = s.selectedId;
      if (selectedId === a.id) {
        const i = s.bots.findIndex((b) => b.id === a.id);
        selectedId = bots[Math.min(i, bots.length - 1)]?.id ?? null;
      }
      const overlay = s.overlay?.kind === "confirmDelete" && s.overlay.id === a.id ? null : s.overlay;
      return leaveBot({ ...s, bots, selectedId, overlay }, a.id, `bot '${a.id}' was deleted`);
    }
    case "events": {
      const d = s.detail;
      if (!d) return s;
      const mine = a.events.filter((e) => e.bot_id === d.id);
      if (mine.length === 0) return s;
      const newTrades = mine.flatMap((e) => (e.type === "trade" ? [e.data] : []));
      const trades = newTrades.length ? mergeTrades(d.trades, newTrades) : d.trades;
      const added = trades.length - d.trades.length;
      // Keep the rows the user is looking at in place when scrolled into history.
      const tradeScroll = d.tradeScroll > 0 ? d.tradeScroll + Math.max(0, added) : 0;
      return { ...s, detail: { ...d, events: mergeEvents(d.events, mine), trades, tradesTotal: d.tradesTotal + Math.max(0, added), tradeScroll } };
    }
    case "select": {
      if (s.bots.length === 0) return s;
      const i = Math.max(0, s.bots.findIndex((b) => b.id === s.selectedId));
      const j = Math.max(0, Math.min(s.bots.length - 1, i + a.delta));
      return { ...s, selectedId: s.bots[j]!.id };
    }
    case "selectEdge":
      if (s.bots.length === 0) return s;
      return { ...s, selectedId: (a.edge === "top" ? s.bots[0] : s.bots[s.bots.length - 1])!.id };
    case "selectId":
      return s.bots.some((b) => b.id === a.id) ? { ...s, selectedId: a.id } : s;
    case "openDetail": {
      const b = s.bots.find((x) => x.id === a.id);
      if (!b) return { ...s, notice: { kind: "error", text: `bot '${a.id}' not found`, seq: (s.notice?.seq ?? 0) + 1 } };
      const d = s.detail?.id === a.id ? s.detail : emptyDetail(a.id);
      return { ...s, screen: { name: "detail", id: a.id }, selectedId: a.id, overlay: null, detail: withMark({ ...d, loading: true }, b) };
    }
    case "detailLoaded": {
      const d = s.detail;
      if (!d || d.id !== a.id) return s;
      const p = a.payload;
      const trades = mergeTrades(p.trades, d.trades);
      return {
        ...s,
        detail: {
          ...d,
          detail: p.detail,
          trades,
          tradesTotal: Math.max(p.tradesTotal, trades.length),
          events: mergeEvents(p.events, d.events),
          equity: mergeEquity(p.equity, d.equity),
          positions: p.positions,
          tradeScroll: Math.min(d.tradeScroll, Math.max(0, trades.length - 1)),
          loading: false,
          error: null,
        },
      };
    }
    case "equityAppended":
      return s.detail && s.detail.id === a.id && a.points.length > 0 ? { ...s, detail: { ...s.detail, equity: mergeEquity(s.detail.equity, a.points) } } : s;
    case "detailFailed":
      return s.detail && s.detail.id === a.id ? { ...s, detail: { ...s.detail, loading: false, error: a.error } } : s;
    case "scrollTrades":
      return s.detail ? { ...s, detail: { ...s.detail, tradeScroll: clampScroll(s.detail, s.detail.tradeScroll + a.delta, a.visible) } } : s;
    case "scrollTradesEdge":
      return s.detail ? { ...s, detail: { ...s.detail, tradeScroll: a.edge === "top" ? 0 : clampScroll(s.detail, Number.MAX_SAFE_INTEGER, a.visible) } } : s;
    case "nextPane":
      return s.detail ? { ...s, detail: { ...s.detail, pane: s.detail.pane === "trades" ? "events" : "trades" } } : s;
    case "back":
      if (s.screen.name === "form" && s.screen.mode === "edit" && s.detail?.id === s.screen.id) return { ...s, screen: { name: "detail", id: s.screen.id } };
      return { ...s, screen: { name: "list" }, overlay: null, detail: s.screen.name === "form" ? s.detail : null };
    case "openForm":
      return { ...s, screen: a.mode === "add" ? { name: "form", mode: "add" } : { name: "form", mode: "edit", id: a.id }, overlay: null };
    case "toggleHelp":
      return { ...s, overlay: s.overlay?.kind === "help" ? null : { kind: "help" } };
    case "confirmDelete":
      return s.bots.some((b) => b.id === a.id) ? { ...s, overlay: { kind: "confirmDelete", id: a.id } } : s;
    case "closeOverlay":
      return s.overlay === null ? s : { ...s, overlay: null };
    case "busy":
      return s.busy === a.text ? s : { ...s, busy: a.text };
    case "notice":
      return { ...s, notice: { kind: a.kind, text: a.text, seq: (s.notice?.seq ?? 0) + 1 } };
  }
}

/** The bot under the cursor (list) or on screen (detail, edit form). */
export function currentBot(s: UIState): BotSummary | null {
  const id = s.screen.name === "detail" ? s.screen.id : s.screen.name === "form" && s.screen.mode === "edit" ? s.screen.id : s.selectedId;
  return s.bots.find((b) => b.id === id) ?? null;
}
