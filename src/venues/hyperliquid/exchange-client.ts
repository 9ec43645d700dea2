/**
 * Live execution client for Hyperliquid: order (limit Gtc/Ioc/Alo; market = aggressive Ioc at
 * mid ± slippage), cancel, cancelByCloid, updateLeverage via signed POST /exchange.
 *
 * Asset index and szDecimals come from `meta` (AssetTable); prices and sizes are rounded onto the
 * venue grid by wire.ts before signing, so what we sign is exactly what the venue re-hashes. The
 * signing source ("a" mainnet / "b" testnet) is an explicit setting, never inferred from the URL.
 * Replies map to typed results: per-order errors become OrderRejectedError (with the venue's
 * text and our code/action), whole-request errors become VenueError.
 */
import { OrderRejectedError } from "../../core/index.ts";
import { cancelAction, cancelByCloidAction, orderAction, updateLeverageAction, type OrderSpec, type Tif } from "./actions.ts";
import type { Credentials } from "./credentials.ts";
import { exchangeError, orderRejected } from "./errors.ts";
import type { HyperliquidHttp } from "./http.ts";
import type { AssetTable } from "./meta.ts";
import type { NonceManager } from "./nonce.ts";
import { signL1Action } from "./signing.ts";
import type { WireExchangeResponse, WireOrderStatus } from "./types.ts";
import { formatPrice, formatSize } from "./wire.ts";

export interface PlaceOrder {
  readonly coin: string;
  readonly side: "buy" | "sell";
  readonly size: number;
  /** "market" sends an Ioc limit at mid × (1 ± slippage). */
  readonly type: "limit" | "market";
  /** Limit price (required for limit orders). */
  readonly price?: number;
  readonly tif?: Tif;
  readonly reduceOnly?: boolean;
  readonly cloid?: string;
  /** Reference mid for market orders; fetched from allMids when absent. */
  readonly mid?: number;
  /** Market-order slippage as a fraction (default 0.05, as the official SDK). */
  readonly slippage?: number;
}

export type OrderResult =
  | { readonly kind: "resting"; readonly oid: number; readonly cloid?: string }
  | { readonly kind: "filled"; readonly oid: number; readonly totalSz: number; readonly avgPx: number; readonly cloid?: string }
  | { readonly kind: "waiting"; readonly status: string }
  | { readonly kind: "rejected"; readonly error: OrderRejectedError };

export interface ExchangeClientOptions {
  readonly http: HyperliquidHttp;
  readonly assets: AssetTable;
  readonly credentials: Credentials;
  readonly nonces: NonceManager;
  readonly isMainnet: boolean;
  readonly vaultAddress?: string;
  /** When set, actions carry expiresAfter = nonce + this many ms. */
  readonly expiresAfterMs?: number;
}

export class HyperliquidExchangeClient {
  constructor(private readonly o: ExchangeClientOptions) {}

  /** Wire spec of an order, rounded to the venue grid (exported for tests and dry runs). */
  async orderSpec(p: PlaceOrder): Promise<OrderSpec> {
    const a = this.o.assets.require(p.coin, "coin");
    const isBuy = p.side === "buy";
    const size = formatSize(p.size, a.szDecimals);
    if (size === "0") throw new OrderRejectedError(`hyperliquid: size ${p.size} rounds to 0 at ${a.szDecimals} decimals for ${p.coin}`, { coin: p.coin, code: "HL_LOT", action: "fix-input" });
    let price: string;
    let tif: Tif = p.tif ?? "Gtc";
    if (p.type === "market") {
      const mid = p.mid ?? (await this.mid(p.coin));
      const slip = p.slippage ?? 0.05;
      price = formatPrice(mid * (isBuy ? 1 + slip : 1 - slip), a.szDecimals, isBuy ? "up" : "down");
      tif = "Ioc";
    } else {
      if (p.price === undefined) throw new OrderRejectedError("hyperliquid: limit order needs a price", { coin: p.coin, code: "HL_PRICE", action: "fix-input" });
      // Buys round down and sells up: never pay more than the caller's limit.
      price = formatPrice(p.price, a.szDecimals, isBuy ? "down" : "up");
    }
    return { asset: a.index, isBuy, price, size, reduceOnly: p.reduceOnly ?? false, tif, ...(p.cloid ? { cloid: p.cloid } : {}) };
  }

  async placeOrders(orders: readonly PlaceOrder[]): Promise<OrderResult[]> {
    const specs = await Promise.all(orders.map((p) => this.orderSpec(p)));
    const reply = await this.send(orderAction(specs), "order");
    if (reply.response.type !== "order") throw exchangeError("order", `unexpected reply type ${reply.response.type}`);
    const statuses = reply.response.data.statuses;
    // A payload-level pre-validation error comes back as ONE error for the whole batch.
    return specs.map((s, i) => toResult(statuses.length === 1 && specs.length > 1 ? statuses[0]! : statuses[i], s, orders[i]!.coin));
  }

  async order(p: PlaceOrder): Promise<OrderResult> {
    return (await this.placeOrders([p]))[0]!;
  }

  /** True when cancelled; false when the venue says it was never placed, already cancelled or filled. */
  async cancel(coin: string, oid: number): Promise<boolean> {
    const a = this.o.assets.require(coin, "coin");
    return this.cancelReply(await this.send(cancelAction([{ asset: a.index, oid }]), "cancel"));
  }

  async cancelByCloid(coin: string, cloid: string): Promise<boolean> {
    const a = this.o.assets.require(coin, "coin");
    return this.cancelReply(await this.send(cancelByCloidAction([{ asset: a.index, cloid }]), "cancelByCloid"));
  }

  async updateLeverage(coin: string, leverage: number, isCross = true): Promise<void> {
    const a = this.o.assets.require(coin, "coin");
    if (leverage > a.maxLeverage) throw new OrderRejectedError(`hyperliquid: leverage ${leverage} exceeds ${coin} max ${a.maxLeverage}`, { coin, code: "HL_LEVERAGE", action: "fix-input" });
    await this.send(updateLeverageAction(a.index, isCross, leverage), "updateLeverage");
  }

  private cancelReply(reply: Extract<WireExchangeResponse, { status: "ok" }>): boolean {
    const r = reply.response;
    if (r.type !== "cancel" && r.type !== "cancelByCloid") throw exchangeError("cancel", `unexpected reply type ${r.type}`);
    return r.data.statuses[0] === "success";
  }

  private async mid(coin: string): Promise<number> {
    const mids = await this.o.http.info<Record<string, string>>({ type: "allMids" });
    const m = Number(mids[coin]);
    if (!(m > 0)) throw exchangeError("allMids", `no mid price for ${coin}`);
    return m;
  }

  private async send(action: Record<string, unknown>, what: string): Promise<Extract<WireExchangeResponse, { status: "ok" }>> {
    const nonce = this.o.nonces.next();
    const vaultAddress = this.o.vaultAddress?.toLowerCase();
    const expiresAfter = this.o.expiresAfterMs !== undefined ? nonce + this.o.expiresAfterMs : undefined;
    const signature = await signL1Action(this.o.credentials.privateKey(), { action, nonce, vaultAddress, expiresAfter }, this.o.isMainnet);
    const envelope: Record<string, unknown> = { action, nonce, signature };
    if (vaultAddress) envelope.vaultAddress = vaultAddress;
    if (expiresAfter !== undefined) envelope.expiresAfter = expiresAfter;
    const reply = await this.o.http.exchange<WireExchangeResponse>(envelope, what);
    if (reply.status === "err") throw exchangeError(what, reply.response);
    return reply;
  }
}

function toResult(st: WireOrderStatus | undefined, s: OrderSpec, coin: string): OrderResult {
  if (st === undefined) return { kind: "rejected", error: orderRejected("no status returned for order", { coin }) };
  if (typeof st === "string") return { kind: "waiting", status: st };
  if ("resting" in st) return { kind: "resting", oid: st.resting.oid, ...(st.resting.cloid ? { cloid: st.resting.cloid } : {}) };
  if ("filled" in st) return { kind: "filled", oid: st.filled.oid, totalSz: Number(st.filled.totalSz), avgPx: Number(st.filled.avgPx), ...(st.filled.cloid ? { cloid: st.filled.cloid } : {}) };
  return { kind: "rejected", error: orderRejected(st.error, { coin, price: s.price, size: s.size, ...(s.cloid ? { cloid: s.cloid } : {}) }) };
}

