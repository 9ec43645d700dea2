/**
 * Account state of the fake exchange: USDC balance, positions, resting orders and fills per user,
 * with the venue's order semantics (protocols.md §A.3): Gtc rests, Ioc fills what crosses and
 * cancels the rest (error when nothing crosses), Alo is rejected when it would cross; $10 minimum
 * notional; reduce-only; margin check against account value; fills against the coin's book
 * (walking levels, book not depleted). Resting orders fill at their limit when the book moves
 * through them (maker). State is read back by openOrders, clearinghouseState and userFills.
 */
import type { OrderWire } from "../../../venues/hyperliquid/actions.ts";
import type { WireL2Book, WireOrderStatus } from "../../../venues/hyperliquid/types.ts";
import { formatPrice } from "../../../venues/hyperliquid/wire.ts";

export interface FakeFill {
  closedPnl: string;
  coin: string;
  crossed: boolean;
  dir: string;
  hash: string;
  oid: number;
  px: string;
  side: "B" | "A";
  startPosition: string;
  sz: string;
  time: number;
  fee: string;
  feeToken: "USDC";
  tid: number;
  cloid?: string;
}

export interface RestingOrder {
  coin: string;
  asset: number;
  side: "B" | "A";
  limitPx: string;
  sz: number;
  origSz: number;
  oid: number;
  timestamp: number;
  cloid?: string;
  reduceOnly: boolean;
}

interface Position {
  szi: number;
  entryPx: number;
  leverage: { type: "cross" | "isolated"; value: number };
}

export interface Account {
  readonly user: string;
  usdc: number;
  readonly positions: Map<string, Position>;
  readonly orders: Map<number, RestingOrder>;
  readonly fills: FakeFill[];
  readonly leverage: Map<number, { isCross: boolean; value: number }>;
  scheduledCancel: number | null;
}

export interface MarketView {
  coinOf(asset: number): { name: string; szDecimals: number; maxLeverage: number } | undefined;
  book(coin: string): WireL2Book;
  now(): number;
}

export const TAKER_FEE = 0.00045;
export const MAKER_FEE = 0.00015;

export class Accounts {
  readonly byUser = new Map<string, Account>();
  private nextOid = 1_000_000_000; // realistic magnitude; > 2^32 after a while is fine too
  private nextTid = 1;
  /** Fills produced by any account, for WS pushes. */
  onFill: ((user: string, fills: FakeFill[]) => void) | null = null;
  onOrderUpdate: ((user: string, o: RestingOrder, status: string) => void) | null = null;

  constructor(private readonly market: MarketView) {}

  open(user: string, usdc: number): Account {
    const u = user.toLowerCase();
    const a: Account = { user: u, usdc, positions: new Map(), orders: new Map(), fills: [], leverage: new Map(), scheduledCancel: null };
    this.byUser.set(u, a);
    return a;
  }

  get(user: string): Account | undefined {
    return this.byUser.get(user.toLowerCase());
  }

  placeOrder(acct: Account, w: OrderWire): WireOrderStatus {
    const info = this.market.coinOf(w.a);
    if (!info) return { error: "Order has invalid asset." };
    const px = Number(w.p);
    const sz = Number(w.s);
    if (px * sz < 10) return { error: "Order must have minimum value of $10." };
    const pos = acct.positions.get(info.name);
    const signed = w.b ? sz : -sz;
    if (w.r && (!pos || pos.szi === 0 || Math.sign(pos.szi) === Math.sign(signed) || Math.abs(signed) > Math.abs(pos.szi) + 1e-12)) {
      return { error: "Reduce only order would increase position." };
    }
    const lev = acct.leverage.get(w.a)?.value ?? Math.min(20, info.maxLeverage);
    const increases = !pos || pos.szi === 0 || Math.sign(pos.szi) === Math.sign(signed);
    if (increases && this.marginUsed(acct) + (px * sz) / lev > this.accountValue(acct) + 1e-9) {
      return { error: "Insufficient margin to place order." };
    }
    const tif = "limit" in w.t ? w.t.limit.tif : "Ioc";
    const book = this.market.book(info.name);
    const opp = w.b ? book.levels[1] : book.levels[0];
    const crosses = opp.length > 0 && (w.b ? px >= Number(opp[0]!.px) : px <= Number(opp[0]!.px));
    if (tif === "Alo" && crosses) {
      const bid = book.levels[0][0]?.px ?? "None";
      const ask = book.levels[1][0]?.px ?? "None";
      return { error: `Post only order would have immediately matched, bbo was ${bid}@${ask}. asset=${w.a}` };
    }
    const oid = this.nextOid++;
    let filled = 0;
    let notional = 0;
    if (crosses) {
      for (const l of opp) {
        const lp = Number(l.px);
        if (w.b ? lp > px : lp < px) break;
        const take = Math.min(sz - filled, Number(l.sz));
        filled += take;
        notional += take * lp;
        if (filled >= sz - 1e-12) break;
      }
    }
    const rest = round(sz - filled, info.szDecimals);
    if (filled > 0) {
      const avg = notional / filled;
      this.applyFill(acct, info.name, w.b, round(filled, info.szDecimals), avg, oid, true, w.c, info.szDecimals);
    }
    if (rest > 0 && tif !== "Ioc") {
      const o: RestingOrder = {
        coin: info.name, asset: w.a, side: w.b ? "B" : "A", limitPx: w.p, sz: rest, origSz: sz, oid,
        timestamp: this.market.now(), reduceOnly: w.r, ...(w.c ? { cloid: w.c } : {}),
      };
      acct.orders.set(oid, o);
      this.onOrderUpdate?.(acct.user, o, "open");
      if (filled === 0) return { resting: { oid, ...(w.c ? { cloid: w.c } : {}) } };
    }
    if (filled === 0) return { error: "Order could not immediately match against any resting orders. asset=" + w.a };
    const avgPx = formatPrice(notional / filled, info.szDecimals);
    return { filled: { totalSz: String(round(filled, info.szDecimals)), avgPx, oid, ...(w.c ? { cloid: w.c } : {}) } };
  }

  cancel(acct: Account, asset: number, pick: (o: RestingOrder) => boolean): boolean {
    for (const o of acct.orders.values()) {
      if (o.asset === asset && pick(o)) {
        acct.orders.delete(o.oid);
        this.onOrderUpdate?.(acct.user, o, "canceled");
        return true;
      }
    }
    return false;
  }

  /** Fills resting orders the book has moved through, at their limit price (maker). */
  matchResting(coin: string): void {
    const book = this.market.book(coin);
    const bid = Number(book.levels[0][0]?.px ?? NaN);
    const ask = Number(book.levels[1][0]?.px ?? NaN);
    for (const acct of this.byUser.values()) {
      for (const o of [...acct.orders.values()]) {
        if (o.coin !== coin) continue;
        const px = Number(o.limitPx);
        if (o.side === "B" ? ask <= px : bid >= px) {
          acct.orders.delete(o.oid);
          const info = this.market.coinOf(o.asset)!;
          this.applyFill(acct, coin, o.side === "B", o.sz, px, o.oid, false, o.cloid, info.szDecimals);
          this.onOrderUpdate?.(acct.user, o, "filled");
        }
      }
    }
  }

  accountValue(acct: Account): number {
    let upnl = 0;
    for (const [coin, p] of acct.positions) upnl += p.szi * (this.mark(coin) - p.entryPx);
    return acct.usdc + upnl;
  }

  marginUsed(acct: Account): number {
    let m = 0;
    for (const [coin, p] of acct.positions) m += (Math.abs(p.szi) * this.mark(coin)) / p.leverage.value;
    for (const o of acct.orders.values()) m += (o.sz * Number(o.limitPx)) / (acct.leverage.get(o.asset)?.value ?? 20);
    return m;
  }

  mark(coin: string): number {
    const b = this.market.book(coin);
    const bid = Number(b.levels[0][0]?.px ?? 0);
    const ask = Number(b.levels[1][0]?.px ?? 0);
    return bid && ask ? (bid + ask) / 2 : bid || ask;
  }

  private applyFill(acct: Account, coin: string, isBuy: boolean, sz: number, px: number, oid: number, crossed: boolean, cloid: string | undefined, szDecimals: number): void {
    const pos = acct.positions.get(coin) ?? { szi: 0, entryPx: 0, leverage: { type: "cross" as const, value: 20 } };
    const start = pos.szi;
    const signed = isBuy ? sz : -sz;
    let closedPnl = 0;
    if (start !== 0 && Math.sign(start) !== Math.sign(signed)) {
      const closing = Math.min(Math.abs(start), sz);
      closedPnl = closing * (px - pos.entryPx) * Math.sign(start);
    }
    const next = round(start + signed, szDecimals);
    if (next === 0) pos.entryPx = 0;
    else if (start === 0 || Math.sign(next) !== Math.sign(start)) pos.entryPx = px;
    else if (Math.abs(next) > Math.abs(start)) pos.entryPx = (pos.entryPx * Math.abs(start) + px * sz) / Math.abs(next);
    pos.szi = next;
    acct.positions.set(coin, pos);
    const fee = sz * px * (crossed ? TAKER_FEE : MAKER_FEE);
    acct.usdc += closedPnl - fee;
    const dir = start === 0 || Math.sign(start) === Math.sign(signed) ? (isBuy ? "Open Long" : "Open Short") : isBuy ? "Close Short" : "Close Long";
    const tid = this.nextTid++;
    const fill: FakeFill = {
      closedPnl: closedPnl.toFixed(6), coin, crossed, dir, hash: "0x" + tid.toString(16).padStart(64, "0"), oid,
      px: formatPrice(px, szDecimals), side: isBuy ? "B" : "A", startPosition: String(start), sz: String(sz),
      time: this.market.now(), fee: fee.toFixed(6), feeToken: "USDC", tid, ...(cloid ? { cloid } : {}),
    };
    acct.fills.push(fill);
    this.onFill?.(acct.user, [fill]);
  }
}

function round(x: number, dp: number): number {
  return Number(x.toFixed(dp));
}
