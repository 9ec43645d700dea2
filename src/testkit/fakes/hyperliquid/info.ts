/**
 * POST /info handlers of the fake: dispatch on `type` with the venue's reply shapes (string
 * numbers, ms integer times). A body the venue could not deserialise (bad JSON, missing/ill-typed
 * fields, unknown type) is answered with HTTP 422 and a plain-text message, as the real server does.
 */
import { isInterval } from "../../../venues/hyperliquid/intervals.ts";
import type { WireAsset } from "../../../venues/hyperliquid/types.ts";
import type { Accounts } from "./accounts.ts";
import type { CandleStore } from "./candle-store.ts";
import type { WireL2Book } from "../../../venues/hyperliquid/types.ts";

export interface InfoContext {
  readonly universe: readonly WireAsset[];
  readonly store: CandleStore;
  readonly accounts: Accounts;
  now(): number;
  book(coin: string): WireL2Book;
  mid(coin: string): string | null;
  recentTrades(coin: string): unknown[];
}

export type InfoReply = { status: 200; json: unknown } | { status: 422; text: string };

const ok = (json: unknown): InfoReply => ({ status: 200, json });
const bad = (why: string): InfoReply => ({ status: 422, text: `Failed to deserialize the JSON body into the target type: ${why}` });

export function handleInfo(ctx: InfoContext, body: unknown): InfoReply {
  if (!body || typeof body !== "object" || Array.isArray(body)) return bad("expected an object");
  const b = body as Record<string, unknown>;
  const known = (c: unknown): c is string => typeof c === "string" && ctx.universe.some((u) => u.name === c);
  switch (b.type) {
    case "meta":
      return ok({ universe: ctx.universe, marginTables: [], collateralToken: 0 });
    case "spotMeta":
      return ok({ universe: [], tokens: [] });
    case "metaAndAssetCtxs":
      return ok([
        { universe: ctx.universe, marginTables: [], collateralToken: 0 },
        ctx.universe.map((u) => {
          const mid = ctx.mid(u.name);
          return { dayNtlVlm: "0.0", funding: "0.0000125", impactPxs: null, markPx: mid ?? "0.0", midPx: mid, openInterest: "0.0", oraclePx: mid ?? "0.0", premium: null, prevDayPx: mid ?? "0.0", dayBaseVlm: "0.0" };
        }),
      ]);
    case "allMids": {
      const out: Record<string, string> = {};
      for (const u of ctx.universe) {
        const m = ctx.mid(u.name);
        if (m !== null) out[u.name] = m;
      }
      return ok(out);
    }
    case "l2Book":
      if (typeof b.coin !== "string") return bad("missing field `coin`");
      return ok(known(b.coin) ? ctx.book(b.coin) : null);
    case "recentTrades":
      if (typeof b.coin !== "string") return bad("missing field `coin`");
      return ok(ctx.recentTrades(b.coin));
    case "candleSnapshot": {
      const req = b.req as Record<string, unknown> | undefined;
      if (!req || typeof req !== "object") return bad("missing field `req`");
      if (typeof req.coin !== "string") return bad("req.coin: missing field `coin`");
      if (typeof req.interval !== "string" || !isInterval(req.interval)) return bad(`req.interval: unknown variant \`${String(req.interval)}\``);
      if (typeof req.startTime !== "number" || !Number.isSafeInteger(req.startTime)) return bad("req.startTime: invalid type");
      if (req.endTime !== undefined && req.endTime !== null && (typeof req.endTime !== "number" || !Number.isSafeInteger(req.endTime))) return bad("req.endTime: invalid type");
      return ok(ctx.store.snapshot(req.coin, req.interval, req.startTime, (req.endTime as number | null | undefined) ?? null, ctx.now()));
    }
    case "fundingHistory":
      if (typeof b.coin !== "string" || typeof b.startTime !== "number") return bad("missing field `coin` or `startTime`");
      return ok([]);
    case "openOrders":
    case "frontendOpenOrders": {
      const acct = typeof b.user === "string" ? ctx.accounts.get(b.user) : undefined;
      if (typeof b.user !== "string") return bad("missing field `user`");
      return ok(
        acct
          ? [...acct.orders.values()].map((o) => ({ coin: o.coin, limitPx: o.limitPx, oid: o.oid, side: o.side, sz: String(o.sz), timestamp: o.timestamp, origSz: String(o.origSz), ...(o.cloid ? { cloid: o.cloid } : {}), ...(o.reduceOnly ? { reduceOnly: true } : {}) }))
          : [],
      );
    }
    case "userFills":
    case "userFillsByTime": {
      if (typeof b.user !== "string") return bad("missing field `user`");
      const acct = ctx.accounts.get(b.user);
      let fills = acct ? [...acct.fills] : [];
      if (b.type === "userFillsByTime") {
        if (typeof b.startTime !== "number") return bad("missing field `startTime`");
        const end = typeof b.endTime === "number" ? b.endTime : Infinity;
        fills = fills.filter((f) => f.time >= (b.startTime as number) && f.time <= end);
      }
      return ok(fills.slice(-2000).reverse());
    }
    case "clearinghouseState": {
      if (typeof b.user !== "string") return bad("missing field `user`");
      const acct = ctx.accounts.get(b.user);
      const value = acct ? ctx.accounts.accountValue(acct) : 0;
      const used = acct ? ctx.accounts.marginUsed(acct) : 0;
      const positions = acct
        ? [...acct.positions.entries()].filter(([, p]) => p.szi !== 0).map(([coin, p]) => {
            const mark = ctx.accounts.mark(coin);
            return {
              type: "oneWay",
              position: {
                coin, szi: String(p.szi), entryPx: String(p.entryPx), positionValue: (Math.abs(p.szi) * mark).toFixed(6),
                unrealizedPnl: (p.szi * (mark - p.entryPx)).toFixed(6), returnOnEquity: "0.0", liquidationPx: null,
                marginUsed: ((Math.abs(p.szi) * mark) / p.leverage.value).toFixed(6), maxLeverage: 50, leverage: p.leverage,
                cumFunding: { allTime: "0.0", sinceOpen: "0.0", sinceChange: "0.0" },
              },
            };
          })
        : [];
      const summary = { accountValue: value.toFixed(6), totalMarginUsed: used.toFixed(6), totalNtlPos: "0.0", totalRawUsd: (acct?.usdc ?? 0).toFixed(6) };
      return ok({ assetPositions: positions, crossMaintenanceMarginUsed: "0.0", crossMarginSummary: summary, marginSummary: summary, time: ctx.now(), withdrawable: Math.max(0, value - used).toFixed(6) });
    }
    default:
      return bad(`unknown variant \`${String(b.type)}\``);
  }
}
