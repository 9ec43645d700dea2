/**
 * Builders for the L1 actions we send to POST /exchange. Key order here IS the hash: it follows
 * the official Python SDK dicts exactly (protocols.md §A.3). Optional keys are omitted, never
 * null; flags that the venue rejects when false (`f`) are only added when true.
 */
export type Tif = "Gtc" | "Ioc" | "Alo";

export interface OrderWire {
  readonly a: number;
  readonly b: boolean;
  readonly p: string;
  readonly s: string;
  readonly r: boolean;
  readonly t: { limit: { tif: Tif } } | { trigger: { isMarket: boolean; triggerPx: string; tpsl: "tp" | "sl" } };
  readonly c?: string;
}

export interface OrderSpec {
  readonly asset: number;
  readonly isBuy: boolean;
  /** Wire price string (already on the grid: see wire.ts formatPrice). */
  readonly price: string;
  /** Wire size string (see wire.ts formatSize). */
  readonly size: string;
  readonly reduceOnly?: boolean;
  readonly tif?: Tif;
  readonly trigger?: { isMarket: boolean; triggerPx: string; tpsl: "tp" | "sl" };
  /** 0x + 32 hex chars. */
  readonly cloid?: string;
}

const CLOID_RE = /^0x[0-9a-f]{32}$/;

export function orderWire(o: OrderSpec): OrderWire {
  const t: OrderWire["t"] = o.trigger
    ? { trigger: { isMarket: o.trigger.isMarket, triggerPx: o.trigger.triggerPx, tpsl: o.trigger.tpsl } }
    : { limit: { tif: o.tif ?? "Gtc" } };
  const w: { a: number; b: boolean; p: string; s: string; r: boolean; t: OrderWire["t"]; c?: string } = {
    a: o.asset,
    b: o.isBuy,
    p: o.price,
    s: o.size,
    r: o.reduceOnly ?? false,
    t,
  };
  if (o.cloid !== undefined) {
    const c = o.cloid.toLowerCase();
    if (!CLOID_RE.test(c)) throw new RangeError(`cloid must be 0x + 32 hex chars, got "${o.cloid}"`);
    w.c = c;
  }
  return w;
}

export function orderAction(orders: readonly OrderSpec[], grouping: "na" | "normalTpsl" | "positionTpsl" = "na"): Record<string, unknown> {
  return { type: "order", orders: orders.map(orderWire), grouping };
}

export function cancelAction(cancels: readonly { asset: number; oid: number }[]): Record<string, unknown> {
  return { type: "cancel", cancels: cancels.map((c) => ({ a: c.asset, o: c.oid })) };
}

export function cancelByCloidAction(cancels: readonly { asset: number; cloid: string }[]): Record<string, unknown> {
  return { type: "cancelByCloid", cancels: cancels.map((c) => ({ asset: c.asset, cloid: c.cloid.toLowerCase() })) };
}

export function updateLeverageAction(asset: number, isCross: boolean, leverage: number): Record<string, unknown> {
  if (!Number.isInteger(leverage) || leverage < 1) throw new RangeError(`leverage must be an integer ≥ 1, got ${leverage}`);
  return { type: "updateLeverage", asset, isCross, leverage };
}

/** Dead-man switch; omit `time` to clear it. */
export function scheduleCancelAction(time?: number): Record<string, unknown> {
  return time === undefined ? { type: "scheduleCancel" } : { type: "scheduleCancel", time };
}
