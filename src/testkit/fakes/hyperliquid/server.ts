/**
 * Loopback Hyperliquid fake: one Bun server on 127.0.0.1 (port 0) serving POST /info, POST
 * /exchange and the WebSocket at /ws, with REAL candles from the shared data folder.
 *
 * The market clock (`now`) is controlled by the test: `setNow(t)` moves it forward and pushes, to
 * every subscriber, the candle updates (in-progress states and closed candles, oldest first), the
 * re-centred l2Book and allMids, and fills resting orders the book moved through. A separate
 * `wallNow` (default Date.now) drives nonce windows and idle closes. Fault injection: failNext()
 * for HTTP statuses, an optional per-IP weight budget answering 429, dropConnections(), and
 * setWsAvailable(false) to refuse reconnects.
 */
import type { Interval } from "../../../core/index.ts";
import type { WireAsset, WireCandle, WireL2Book } from "../../../venues/hyperliquid/types.ts";
import { infoExtraWeight, infoWeight } from "../../../venues/hyperliquid/retry.ts";
import { Accounts } from "./accounts.ts";
import { bookAround, captureLines } from "./book.ts";
import { hyperliquidCandles } from "./candle-source.ts";
import { CandleStore } from "./candle-store.ts";
import { FakeExchange } from "./exchange.ts";
import { handleInfo } from "./info.ts";
import { WsHub, type WsData } from "./ws-hub.ts";

export const DEFAULT_UNIVERSE: readonly WireAsset[] = [
  { name: "BTC", szDecimals: 5, maxLeverage: 40, marginTableId: 56 },
  { name: "ETH", szDecimals: 4, maxLeverage: 25, marginTableId: 55 },
  { name: "SOL", szDecimals: 2, maxLeverage: 20, marginTableId: 54 },
];

export interface HyperliquidFakeOptions {
  /** Candles to serve; default: the real Hyperliquid file (BTC/ETH/SOL × 15m/1h/4h). */
  readonly candles?: readonly WireCandle[];
  /** Market clock start; default: just after the last candle closed. */
  readonly now?: number;
  readonly wallNow?: () => number;
  readonly responseCap?: number;
  readonly retain?: number;
  /** Verify signatures with source "a" (true, default) or "b" (testnet). */
  readonly isMainnet?: boolean;
  readonly universe?: readonly WireAsset[];
  /** Per-IP weight budget; when set, requests over it get HTTP 429. */
  readonly weightLimit?: { capacity: number; windowMs: number; now?: () => number };
  readonly idleCloseMs?: number;
}

export interface HyperliquidFake {
  readonly url: string;
  readonly wsUrl: string;
  readonly store: CandleStore;
  readonly accounts: Accounts;
  readonly exchange: FakeExchange;
  readonly ws: WsHub;
  readonly stats: { info: Map<string, number>; rejected429: number; weight: number };
  now(): number;
  setNow(t: number): void;
  addUser(address: string, usdc: number, agents?: readonly string[]): void;
  book(coin: string): WireL2Book;
  setBook(coin: string, book: WireL2Book | null): void;
  /** Queues HTTP failures for the next requests (0 = serve that request normally). */
  failNext(...statuses: number[]): void;
  dropConnections(): number;
  setWsAvailable(ok: boolean): void;
  /** Sends the real raw capture (46 l2Book + 9 trades messages) verbatim to matching subscribers. */
  replayCapture(): number;
  pushTrades(coin: string, trades: unknown[]): number;
  stop(): Promise<void>;
}

export function startHyperliquidFake(o: HyperliquidFakeOptions = {}): HyperliquidFake {
  const universe = o.universe ?? DEFAULT_UNIVERSE;
  const wallNow = o.wallNow ?? (() => Date.now());
  const store = new CandleStore({ retain: o.retain, responseCap: o.responseCap });
  store.add(o.candles ?? [...hyperliquidCandles().values()].flat());
  let now = o.now ?? store.lastClose() + 1;
  const overrides = new Map<string, WireL2Book>();
  const bookCache = new Map<string, { at: number; book: WireL2Book }>();
  const recent = new Map<string, unknown[]>();
  const coinOf = (asset: number) => universe[asset];
  const book = (coin: string): WireL2Book => {
    const ov = overrides.get(coin);
    if (ov) return ov;
    const c = bookCache.get(coin);
    if (c && c.at === now) return c.book;
    const px = store.lastPrice(coin, now);
    const szd = universe.find((u) => u.name === coin)?.szDecimals ?? 2;
    const b: WireL2Book = px === null ? { coin, time: now, levels: [[], []] } : bookAround(coin, Number(px), now, szd);
    bookCache.set(coin, { at: now, book: b });
    return b;
  };
  const mid = (coin: string): string | null => {
    const b = book(coin);
    const bid = b.levels[0][0]?.px;
    const ask = b.levels[1][0]?.px;
    if (bid && ask) return String((Number(bid) + Number(ask)) / 2);
    return store.lastPrice(coin, now);
  };
  const market = { coinOf, book, now: () => now };
  const accounts = new Accounts(market);
  const exchange = new FakeExchange(accounts, market, { isMainnet: o.isMainnet ?? true, wallNow });
  const ws = new WsHub({ knownCoin: (c) => universe.some((u) => u.name === c), wallNow });
  const stats = { info: new Map<string, number>(), rejected429: 0, weight: 0 };
  const failures: number[] = [];
  const weightLog: { t: number; w: number }[] = [];
  let wsAvailable = true;

  accounts.onFill = (user, fills) => {
    ws.publish(`userFills:${user}`, { channel: "userFills", data: { user, fills } });
    ws.publish(`userEvents:${user}`, { channel: "user", data: { fills } });
  };
  accounts.onOrderUpdate = (user, ord, status) => {
    ws.publish(`orderUpdates:${user}`, { channel: "orderUpdates", data: [{ order: { ...ord, sz: String(ord.sz), origSz: String(ord.origSz) }, status, statusTimestamp: now }] });
  };
  ws.onSubscribe = (sock, key, sub) => {
    if (key.startsWith("userFills:")) {
      const acct = accounts.get(String(sub.user));
      ws.send(sock, { channel: "userFills", data: { user: String(sub.user).toLowerCase(), fills: acct ? [...acct.fills] : [], isSnapshot: true } });
    } else if (key.startsWith("candle:")) {
      const c = store.current(String(sub.coin), sub.interval as Interval, now);
      if (c) ws.send(sock, { channel: "candle", data: c });
    } else if (key.startsWith("l2Book:")) {
      ws.send(sock, { channel: "l2Book", data: book(String(sub.coin)) });
    }
  };

  const weightNow = o.weightLimit?.now ?? (() => performance.now());
  const overBudget = (w: number): boolean => {
    if (!o.weightLimit) return false;
    const t = weightNow();
    while (weightLog.length && weightLog[0]!.t <= t - o.weightLimit.windowMs) weightLog.shift();
    const used = weightLog.reduce((a, x) => a + x.w, 0);
    return used + w > o.weightLimit.capacity;
  };
  const spend = (w: number) => {
    stats.weight += w;
    if (o.weightLimit) weightLog.push({ t: weightNow(), w });
  };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  const text = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain" } });

  const server = Bun.serve<WsData>({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req, srv) {
      const url = new URL(req.url);
      if (url.pathname === "/ws") {
        if (!wsAvailable) return text(503, "unavailable");
        return srv.upgrade(req, { data: ws.newData() }) ? undefined : text(400, "expected a WebSocket upgrade");
      }
      if (req.method !== "POST" || (url.pathname !== "/info" && url.pathname !== "/exchange")) return text(404, "Not Found");
      const failure = failures.shift();
      if (failure !== undefined && failure !== 0) return failure === 429 ? (stats.rejected429++, text(429, "Too many requests")) : text(failure, `fake: injected HTTP ${failure}`);
      let body: unknown;
      try {
        body = await req.json();
      } catch {
        return text(422, "Failed to deserialize the JSON body into the target type: invalid JSON");
      }
      if (url.pathname === "/exchange") {
        if (overBudget(1)) return (stats.rejected429++, text(429, "Too many requests"));
        spend(1);
        const r = await exchange.handle(body);
        return r.text !== undefined ? text(r.status, r.text) : json(r.status, r.json);
      }
      const type = String((body as { type?: unknown } | null)?.type);
      const base = infoWeight(type);
      if (overBudget(base)) return (stats.rejected429++, text(429, "Too many requests"));
      stats.info.set(type, (stats.info.get(type) ?? 0) + 1);
      const r = handleInfo({ universe, store, accounts, now: () => now, book, mid, recentTrades: (c) => recent.get(c) ?? [] }, body);
      if (r.status === 422) return text(422, r.text);
      spend(base + infoExtraWeight(type, Array.isArray(r.json) ? r.json.length : 0));
      return json(200, r.json);
    },
    websocket: {
      open: (sock) => ws.open(sock),
      close: (sock) => ws.close(sock),
      message: (sock, m) => ws.message(sock, m),
    },
  });
  const idleTimer = o.idleCloseMs ? setInterval(() => ws.closeIdle(o.idleCloseMs!), Math.max(5, o.idleCloseMs / 4)) : null;

  const setNow = (t: number): void => {
    if (t <= now) return;
    const prev = now;
    now = t;
    const keys = ws.subscribedKeys();
    for (const key of keys) {
      const [kind, coin, interval] = key.split(":") as [string, string, Interval];
      if (kind === "candle") {
        for (const c of store.series(coin, interval)) {
          if (c.T < prev) continue;
          if (c.t > t) break;
          ws.publish(key, { channel: "candle", data: c.T < t ? c : store.current(coin, interval, t) });
        }
      } else if (kind === "l2Book") ws.publish(key, { channel: "l2Book", data: book(coin) });
    }
    if (keys.has("allMids")) {
      const mids: Record<string, string> = {};
      for (const u of universe) {
        const m = mid(u.name);
        if (m !== null) mids[u.name] = m;
      }
      ws.publish("allMids", { channel: "allMids", data: { mids } });
    }
    for (const u of universe) accounts.matchResting(u.name);
  };

  return {
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}/ws`,
    store, accounts, exchange, ws, stats,
    now: () => now,
    setNow,
    addUser(address, usdc, agents = []) {
      accounts.open(address, usdc);
      for (const a of agents) exchange.agents.set(a.toLowerCase(), address.toLowerCase());
    },
    book,
    setBook(coin, b) {
      if (b) overrides.set(coin, b);
      else overrides.delete(coin);
      accounts.matchResting(coin);
    },
    failNext: (...s) => void failures.push(...s),
    dropConnections: () => ws.dropAll(),
    setWsAvailable(v) {
      wsAvailable = v;
    },
    replayCapture() {
      let n = 0;
      for (const line of captureLines()) {
        const m = /^\{"channel":"(\w+)","data":(\{"coin":"(\w+)"|\[\{"coin":"(\w+)")/.exec(line.text);
        if (!m) continue;
        const coin = m[3] ?? m[4];
        if (m[1] === "trades") recent.set(coin!, JSON.parse(line.text).data);
        n += ws.publish(`${m[1]}:${coin}`, line.text);
      }
      return n;
    },
    pushTrades(coin, trades) {
      recent.set(coin, trades);
      return ws.publish(`trades:${coin}`, { channel: "trades", data: trades });
    },
    async stop() {
      if (idleTimer) clearInterval(idleTimer);
      ws.dropAll(1001, "fake: stopping");
      await server.stop(true);
    },
  };
}
