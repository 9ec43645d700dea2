/**
 * Live venue wired to a real TradingEngine, trading against the fake: orders signed and placed,
 * fills streamed back on userFills and booked in the engine's portfolio (matching the venue's
 * clearinghouse state), cancels by cloid, rejections reported as cancels with the venue reason,
 * and "stop" errors surfaced.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { HistoricalClock, type BaseError, type FillEvent, type Instrument } from "../../core/index.ts";
import { SizingRiskManager, TradingEngine, type OrderCancel } from "../../engine/index.ts";
import { startHyperliquidFake, waitUntil, type HyperliquidFake } from "../../testkit/fakes/hyperliquid/index.ts";
import { Credentials } from "./credentials.ts";
import { HyperliquidExchangeClient } from "./exchange-client.ts";
import { HyperliquidHttp } from "./http.ts";
import { HyperliquidLiveVenue } from "./live-venue.ts";
import { AssetTable } from "./meta.ts";
import { NonceManager } from "./nonce.ts";
import { HyperliquidWs } from "./ws.ts";

const KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
const ACCOUNT = "0x2222222222222222222222222222222222222222";
let fake: HyperliquidFake;
let ws: HyperliquidWs;
let engine: TradingEngine;
let venue: HyperliquidLiveVenue;
let btc: Instrument;
const fills: FillEvent[] = [];
const cancels: OrderCancel[] = [];
const stops: BaseError[] = [];

beforeAll(async () => {
  fake = startHyperliquidFake();
  const creds = new Credentials(KEY, ACCOUNT, "test");
  fake.addUser(ACCOUNT, 50_000, [creds.signer]);
  const http = new HyperliquidHttp({ baseUrl: fake.url, retry: { retries: 1, baseMs: 1, maxMs: 1 } });
  const assets = AssetTable.fromMeta(await http.info({ type: "meta" }));
  const mid = Number((await http.info<Record<string, string>>({ type: "allMids" })).BTC);
  btc = assets.instrument("BTC", 0, mid);
  ws = new HyperliquidWs({ url: fake.wsUrl, reconnectBaseMs: 2, reconnectMaxMs: 10 });
  ws.start();
  const client = new HyperliquidExchangeClient({ http, assets, credentials: creds, nonces: new NonceManager(() => Date.now()), isMainnet: true });
  venue = new HyperliquidLiveVenue({ client, ws, account: creds.account, sessionId: 1_700_000_000_000, midOf: () => mid, onError: (e) => stops.push(e) });
  engine = new TradingEngine({
    feeds: [{ instrument: btc, strategy: { name: "none", warmup: 0, onBar: () => null } }],
    venue, risk: new SizingRiskManager({ riskPerTradePct: 0.05, maxPositionPct: 0.2, leverage: 1 }),
    clock: new HistoricalClock(0), capital: 50_000,
    listener: { onFill: (f) => fills.push(f), onOrderCancelled: (c) => cancels.push(c) },
  });
  await waitUntil(() => fake.ws.subscribedKeys().has(`userFills:${ACCOUNT}`), "userFills subscription");
});
afterAll(async () => {
  ws.close();
  await fake.stop();
});

describe("HyperliquidLiveVenue", () => {
  test("instrument grid follows the venue's 5-significant-figure rule", () => {
    expect(btc.priceDecimals).toBe(0);
    expect(btc.sizeDecimals).toBe(5);
  });

  test("market buy → signed Ioc → fill streamed back and booked; matches the venue's position", async () => {
    engine.placeOrder({ instrumentId: 0, side: "buy", type: "market", quantity: 0.05 });
    await waitUntil(() => fills.length === 1, "fill");
    const f = fills[0]!;
    expect(f).toMatchObject({ side: "buy", quantity: 0.05, liquidity: "taker", barIndex: -1 });
    expect(f.price).toBeGreaterThan(Number(fake.book("BTC").levels[0][0]!.px));
    expect(engine.portfolio.position(0).qtyF).toBe(0.05);
    const venuePos = fake.accounts.get(ACCOUNT)!.positions.get("BTC")!;
    expect(venuePos.szi).toBe(0.05);
    expect(f.commission).toBeCloseTo(0.05 * f.price * 0.00045, 6);
  });

  test("resting limit: cancel by cloid reaches the venue and the engine", async () => {
    const bid = Number(fake.book("BTC").levels[0][0]!.px);
    const o = engine.placeOrder({ instrumentId: 0, side: "buy", type: "limit", price: Math.floor(bid * 0.95), quantity: 0.01 });
    await Promise.all(venue.pending);
    expect(fake.accounts.get(ACCOUNT)!.orders.size).toBe(1);
    expect([...fake.accounts.get(ACCOUNT)!.orders.values()][0]!.cloid).toBe(venue.cloidOf(o.id));
    expect(engine.cancelOrder(o.id)).toBe(true);
    await Promise.all(venue.pending);
    expect(fake.accounts.get(ACCOUNT)!.orders.size).toBe(0);
    expect(cancels.at(-1)).toEqual({ orderId: o.id, reason: "cancelled" });
  });

  test("a resting limit filled later (book moves through it) arrives as a maker fill", async () => {
    const bid = Number(fake.book("BTC").levels[0][0]!.px);
    const px = Math.floor(bid * 0.99);
    const o = engine.placeOrder({ instrumentId: 0, side: "sell", type: "limit", price: px + 2000, quantity: 0.01, reduceOnly: true });
    await Promise.all(venue.pending);
    fake.setBook("BTC", { coin: "BTC", time: 1, levels: [[{ px: String(px + 2001), sz: "1", n: 1 }], [{ px: String(px + 2002), sz: "1", n: 1 }]] });
    await waitUntil(() => fills.length === 2, "maker fill");
    expect(fills[1]).toMatchObject({ orderId: o.id, side: "sell", price: px + 2000, liquidity: "maker", quantity: 0.01 });
    expect(engine.portfolio.position(0).qtyF).toBeCloseTo(0.04, 12);
    fake.setBook("BTC", null);
  });

  test("a fill that happens while the WebSocket is down is recovered from the reconnect snapshot, once", async () => {
    const bid = Number(fake.book("BTC").levels[0][0]!.px);
    const px = Math.floor(bid * 0.98);
    const o = engine.placeOrder({ instrumentId: 0, side: "buy", type: "limit", price: px, quantity: 0.01 });
    await Promise.all(venue.pending);
    const before = fills.length;
    fake.setWsAvailable(false);
    fake.dropConnections();
    await waitUntil(() => ws.state === "reconnecting", "disconnected");
    fake.setBook("BTC", { coin: "BTC", time: 2, levels: [[{ px: String(px - 2), sz: "1", n: 1 }], [{ px: String(px - 1), sz: "1", n: 1 }]] });
    expect(fake.accounts.get(ACCOUNT)!.orders.size).toBe(0); // filled at the venue, nobody listening
    expect(fills.length).toBe(before);
    fake.setWsAvailable(true);
    await waitUntil(() => fills.length === before + 1, "recovered fill");
    expect(fills.at(-1)).toMatchObject({ orderId: o.id, price: px, liquidity: "maker" });
    const snaps = venue.snapshots;
    fake.dropConnections(); // another reconnect replays the same snapshot: no duplicate
    await waitUntil(() => venue.snapshots === snaps + 1, "second reconnect snapshot");
    expect(fills.length).toBe(before + 1);
    fake.setBook("BTC", null);
  });

  test("venue rejections become engine cancels with the venue's reason; stop-class errors are raised", async () => {
    const n = cancels.length;
    engine.placeOrder({ instrumentId: 0, side: "buy", type: "limit", price: 1000, quantity: 0.00001 }); // $0.01 notional
    await Promise.all(venue.pending);
    expect(cancels.length).toBe(n + 1);
    expect(cancels.at(-1)!.reason).toContain("Order must have minimum value of $10.");
    engine.placeOrder({ instrumentId: 0, side: "buy", type: "market", quantity: 50 }); // ≈ $3.3M at 20x on $50k
    await Promise.all(venue.pending);
    expect(cancels.at(-1)!.reason).toContain("Insufficient margin");
    expect(stops.at(-1)!.message).toContain("Insufficient margin");
  });
});
