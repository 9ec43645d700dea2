/**
 * Wire shapes of Hyperliquid payloads exactly as the venue sends them (protocols.md §A.1–A.3):
 * prices, sizes and volumes are decimal STRINGS, times are integer ms numbers. Parsed domain
 * values live in parse.ts; nothing outside this venue folder should see these types.
 */
export interface WireCandle {
  /** Open time, ms. */
  t: number;
  /** Close time = t + interval − 1, ms. */
  T: number;
  s: string;
  i: string;
  o: string;
  c: string;
  h: string;
  l: string;
  v: string;
  n: number;
}

export interface WireLevel {
  px: string;
  sz: string;
  n: number;
}

export interface WireL2Book {
  coin: string;
  time: number;
  levels: [WireLevel[], WireLevel[]];
}

export interface WireTrade {
  coin: string;
  /** "B" = buyer was the aggressor, "A" = seller. */
  side: "B" | "A";
  px: string;
  sz: string;
  time: number;
  hash: string;
  tid: number;
  users: [string, string];
}

export interface WireAsset {
  name: string;
  szDecimals: number;
  maxLeverage: number;
  onlyIsolated?: boolean;
  isDelisted?: boolean;
  marginTableId?: number;
}

export interface WireMeta {
  universe: WireAsset[];
  marginTables?: unknown[];
  collateralToken?: number;
}

export type WireOrderStatus =
  | { resting: { oid: number; cloid?: string } }
  | { filled: { totalSz: string; avgPx: string; oid: number; cloid?: string } }
  | { error: string }
  | "waitingForFill"
  | "waitingForTrigger";

export type WireExchangeResponse =
  | { status: "ok"; response: { type: "order"; data: { statuses: WireOrderStatus[] } } }
  | { status: "ok"; response: { type: "cancel" | "cancelByCloid"; data: { statuses: ("success" | { error: string })[] } } }
  | { status: "ok"; response: { type: "default" } }
  | { status: "err"; response: string };

export interface WireSignature {
  r: string;
  s: string;
  v: number;
}

export interface ExchangeRequest {
  action: Record<string, unknown>;
  nonce: number;
  signature: WireSignature;
  vaultAddress?: string | null;
  expiresAfter?: number | null;
}
