/**
 * Live execution venue: the engine's orders go to Hyperliquid through the signed exchange client;
 * fills come back on the `userFills` WebSocket stream of the trading account and are reported to
 * the engine (which books them in its Portfolio).
 *
 * Each order carries a cloid = 0x ‖ 8-byte session id ‖ 8-byte engine order id, so a fill can be
 * matched to its engine order even when it arrives before the /exchange reply. The snapshot that
 * opens every userFills subscription (and repeats after reconnects) is scanned for fills of our
 * working orders missed while disconnected; fills are de-duplicated by trade id. Rejections become engine cancels carrying the venue's reason; errors
 * whose action is "stop" (unknown signer, no margin, …) are also raised through `onError` so the
 * bot can halt.
 */
import { parseDecimal, type Bar, type BaseError, type Instrument, type OrderEvent } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import type { ExecutionVenue, VenueSink } from "../../engine/ports.ts";
import type { HyperliquidExchangeClient, PlaceOrder } from "./exchange-client.ts";
import type { HyperliquidWs } from "./ws.ts";

export interface LiveVenueOptions {
  readonly client: HyperliquidExchangeClient;
  readonly ws: Pick<HyperliquidWs, "subscribe">;
  /** Trading account address (fills are published for it). */
  readonly account: string;
  /** Session id for cloids (e.g. start time in ms); must differ between runs. */
  readonly sessionId: number;
  /** Latest mid of an instrument for market orders (undefined → the client asks allMids). */
  readonly midOf?: (instrumentId: number) => number | undefined;
  /** Market-order slippage fraction (default 0.05). */
  readonly slippage?: number;
  readonly log?: Logger;
  readonly onError?: (e: BaseError, order: OrderEvent) => void;
}

interface LiveOrder {
  readonly order: OrderEvent;
  readonly coin: string;
  readonly cloid: string;
  remaining: number;
  oid: number | null;
}

interface WireFill {
  coin: string;
  px: string;
  sz: string;
  time: number;
  fee: string;
  tid: number;
  oid: number;
  crossed: boolean;
  cloid?: string;
}

export class HyperliquidLiveVenue implements ExecutionVenue {
  readonly name = "hyperliquid";
  readonly hasWork = false;
  private sink: VenueSink | null = null;
  private readonly byCloid = new Map<string, LiveOrder>();
  private readonly seenTids = new Set<number>();
  /** userFills snapshots processed (one per (re)subscription). */
  snapshots = 0;
  /** In-flight submissions (tests and orderly shutdown await them). */
  readonly pending = new Set<Promise<void>>();

  constructor(private readonly o: LiveVenueOptions) {}

  connect(sink: VenueSink): void {
    this.sink = sink;
    this.o.ws.subscribe({ type: "userFills", user: this.o.account }, (data) => this.onFills(data));
  }

  cloidOf(orderId: number): string {
    return "0x" + (this.o.sessionId % 2 ** 53).toString(16).padStart(16, "0") + orderId.toString(16).padStart(16, "0");
  }

  submit(order: OrderEvent, instrument: Instrument): void {
    const live: LiveOrder = { order, coin: instrument.symbol, cloid: this.cloidOf(order.id), remaining: order.quantity, oid: null };
    this.byCloid.set(live.cloid, live);
    const req: PlaceOrder = {
      coin: live.coin,
      side: order.side,
      size: order.quantity,
      type: order.type === "market" ? "market" : "limit",
      ...(order.price !== undefined ? { price: order.price } : {}),
      tif: order.timeInForce === "ioc" ? "Ioc" : order.timeInForce === "alo" ? "Alo" : "Gtc",
      reduceOnly: order.reduceOnly,
      cloid: live.cloid,
      ...(order.type === "market" && this.o.midOf?.(order.instrumentId) !== undefined ? { mid: this.o.midOf(order.instrumentId)! } : {}),
      ...(this.o.slippage !== undefined ? { slippage: this.o.slippage } : {}),
    };
    const p = this.o.client
      .order(req)
      .then((r) => {
        if (r.kind === "resting" || r.kind === "filled") live.oid = r.oid;
        else if (r.kind === "rejected") this.drop(live, r.error.message, r.error);
      })
      .catch((e: BaseError) => this.drop(live, e.message, e))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  cancel(orderId: number): boolean {
    const live = this.byCloid.get(this.cloidOf(orderId));
    if (!live) return false;
    const p = this.o.client
      .cancelByCloid(live.coin, live.cloid)
      .then((ok) => {
        if (ok && this.byCloid.delete(live.cloid)) this.sink?.cancelled({ orderId, reason: "cancelled" });
      })
      .catch((e: BaseError) => this.o.log?.warn("Hyperliquid cancel failed", { orderId, code: e.code, action: e.action, error: e.message }))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
    return true;
  }

  openOrders(): readonly OrderEvent[] {
    return [...this.byCloid.values()].map((l) => l.order);
  }

  onBar(_bar: Bar): void {}

  private drop(live: LiveOrder, reason: string, e: BaseError): void {
    if (!this.byCloid.delete(live.cloid)) return;
    this.o.log?.warn("Hyperliquid order not placed", { orderId: live.order.id, code: e.code ?? e.details?.code, action: e.action, reason });
    this.sink?.cancelled({ orderId: live.order.id, reason });
    const action = (e.details?.action as string | undefined) ?? e.action;
    if (action === "stop") this.o.onError?.(e, live.order);
  }

  private onFills(data: unknown): void {
    // Snapshots (first message, repeated after every reconnect) are processed too: they carry
    // fills that happened while we were disconnected. Only fills of our working orders are taken,
    // each trade id once.
    const d = data as { fills?: WireFill[]; isSnapshot?: boolean };
    if (!Array.isArray(d.fills)) return;
    if (d.isSnapshot) this.snapshots++;
    for (const f of d.fills) {
      if (this.seenTids.has(f.tid)) continue;
      const live = (f.cloid && this.byCloid.get(f.cloid)) || [...this.byCloid.values()].find((l) => l.oid === f.oid);
      if (!live) continue; // not one of ours (manual trading on the same account)
      this.seenTids.add(f.tid);
      const qty = Number(f.sz);
      live.remaining = Math.max(0, Number((live.remaining - qty).toFixed(12)));
      if (live.remaining === 0) this.byCloid.delete(live.cloid);
      this.sink?.fill({
        orderId: live.order.id, quantity: qty, price: Number(f.px), commission: parseDecimal(f.fee, 12),
        tsEvent: f.time, barIndex: -1, liquidity: f.crossed ? "taker" : "maker", remaining: live.remaining,
      });
    }
  }
}
