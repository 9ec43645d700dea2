/**
 * POST /exchange of the fake: checks the envelope, canonicalises the order strings it parsed (so a
 * client that sent "100.0" fails signature recovery exactly as it would live), recovers the signer
 * from the L1 signature (msgpack + uint64 rule, vault/expiry suffix, phantom agent, source "a" or
 * "b" as configured), applies the nonce rules per signer (100 highest kept, no reuse, must exceed
 * the smallest kept, within (now − 2 d, now + 1 d)) and dispatches order / cancel / cancelByCloid
 * / updateLeverage / scheduleCancel against the accounts.
 */
import { recoverL1Signer } from "../../../venues/hyperliquid/signing.ts";
import { canonicalDecimal, checkPriceWire, checkSizeWire } from "../../../venues/hyperliquid/wire.ts";
import type { OrderWire } from "../../../venues/hyperliquid/actions.ts";
import type { WireOrderStatus } from "../../../venues/hyperliquid/types.ts";
import type { Accounts, MarketView } from "./accounts.ts";

const DAY = 86_400_000;

export interface ExchangeLogEntry {
  readonly actionType: string;
  readonly signer: string;
  readonly nonce: number;
  readonly reply: unknown;
}

export class FakeExchange {
  /** API wallet (agent) address → account address; an account may also sign for itself. */
  readonly agents = new Map<string, string>();
  private readonly nonces = new Map<string, number[]>();
  readonly log: ExchangeLogEntry[] = [];

  constructor(
    private readonly accounts: Accounts,
    private readonly market: MarketView,
    private readonly opts: { isMainnet: boolean; wallNow: () => number },
  ) {}

  async handle(body: unknown): Promise<{ status: number; json?: unknown; text?: string }> {
    const b = body as { action?: unknown; nonce?: unknown; signature?: { r?: unknown; s?: unknown; v?: unknown }; vaultAddress?: unknown; expiresAfter?: unknown };
    const bad = (why: string) => ({ status: 422, text: `Failed to deserialize the JSON body into the target type: ${why}` });
    if (!b || typeof b !== "object") return bad("expected an object");
    if (!b.action || typeof b.action !== "object" || typeof (b.action as { type?: unknown }).type !== "string") return bad("action: missing field `type`");
    if (typeof b.nonce !== "number" || !Number.isSafeInteger(b.nonce)) return bad("nonce: invalid type");
    const sig = b.signature;
    if (!sig || typeof sig.r !== "string" || typeof sig.s !== "string" || (sig.v !== 27 && sig.v !== 28)) return bad("signature: expected {r, s, v}");
    if (b.vaultAddress !== undefined && b.vaultAddress !== null && typeof b.vaultAddress !== "string") return bad("vaultAddress: invalid type");
    if (b.expiresAfter !== undefined && b.expiresAfter !== null && typeof b.expiresAfter !== "number") return bad("expiresAfter: invalid type");

    const action = canonicalise(b.action as Record<string, unknown>);
    let signer: string;
    try {
      signer = (
        await recoverL1Signer(
          { action, nonce: b.nonce, vaultAddress: (b.vaultAddress as string | null) ?? null, expiresAfter: (b.expiresAfter as number | null) ?? null },
          { r: sig.r, s: sig.s, v: sig.v as number },
          this.opts.isMainnet,
        )
      ).toLowerCase();
    } catch (e) {
      return bad(`signature: ${(e as Error).message}`);
    }
    const reply = this.dispatch(action, signer, b.nonce, (b.expiresAfter as number | null) ?? null);
    this.log.push({ actionType: String(action.type), signer, nonce: b.nonce, reply });
    return { status: 200, json: reply };
  }

  private dispatch(action: Record<string, unknown>, signer: string, nonce: number, expiresAfter: number | null): unknown {
    const user = this.agents.get(signer) ?? (this.accounts.get(signer) ? signer : undefined);
    if (!user) return err(`User or API Wallet ${signer} does not exist.`);
    const acct = this.accounts.get(user);
    if (!acct) return err(`Must deposit before performing actions. User: ${user}`);
    const now = this.opts.wallNow();
    if (expiresAfter !== null && expiresAfter < now) return err(`Action expired: expiresAfter ${expiresAfter} is before block time ${now}`);
    const nonceErr = this.useNonce(signer, nonce, now);
    if (nonceErr) return err(nonceErr);

    switch (action.type) {
      case "order": {
        const orders = action.orders as OrderWire[];
        if (!Array.isArray(orders) || orders.length === 0) return err("Order batch is empty.");
        const statuses: WireOrderStatus[] = [];
        for (const w of orders) {
          const info = this.market.coinOf(w.a);
          const pre = !info ? "Order has invalid asset." : checkPriceWire(w.p, info.szDecimals) ?? checkSizeWire(w.s, info.szDecimals);
          statuses.push(pre ? { error: pre } : this.accounts.placeOrder(acct, w));
        }
        return { status: "ok", response: { type: "order", data: { statuses } } };
      }
      case "cancel": {
        const cancels = action.cancels as { a: number; o: number }[];
        const statuses = cancels.map((c) => (this.accounts.cancel(acct, c.a, (o) => o.oid === c.o) ? "success" : { error: "Order was never placed, already canceled, or filled." }));
        return { status: "ok", response: { type: "cancel", data: { statuses } } };
      }
      case "cancelByCloid": {
        const cancels = action.cancels as { asset: number; cloid: string }[];
        const statuses = cancels.map((c) => (this.accounts.cancel(acct, c.asset, (o) => o.cloid === c.cloid) ? "success" : { error: "Order was never placed, already canceled, or filled." }));
        return { status: "ok", response: { type: "cancel", data: { statuses } } };
      }
      case "updateLeverage": {
        const info = this.market.coinOf(action.asset as number);
        const lev = action.leverage as number;
        if (!info) return err("Invalid asset.");
        if (!Number.isInteger(lev) || lev < 1 || lev > info.maxLeverage) return err(`Invalid leverage value ${lev} (max ${info.maxLeverage}).`);
        acct.leverage.set(action.asset as number, { isCross: action.isCross === true, value: lev });
        const pos = acct.positions.get(info.name);
        if (pos) pos.leverage = { type: action.isCross === true ? "cross" : "isolated", value: lev };
        return { status: "ok", response: { type: "default" } };
      }
      case "scheduleCancel":
        acct.scheduledCancel = typeof action.time === "number" ? action.time : null;
        return { status: "ok", response: { type: "default" } };
      default:
        return err(`Unsupported action type ${String(action.type)} in the fake.`);
    }
  }

  private useNonce(signer: string, nonce: number, now: number): string | null {
    if (nonce <= now - 2 * DAY || nonce >= now + DAY) return `Invalid nonce: ${nonce} is outside the allowed window around block time ${now}`;
    const set = this.nonces.get(signer) ?? [];
    if (set.includes(nonce)) return `Invalid nonce: duplicate nonce ${nonce}`;
    if (set.length >= 100 && nonce <= set[0]!) return `Invalid nonce: ${nonce} is not larger than the smallest of the 100 highest nonces (${set[0]})`;
    set.push(nonce);
    set.sort((a, b) => a - b);
    if (set.length > 100) set.shift();
    this.nonces.set(signer, set);
    return null;
  }
}

function err(response: string): { status: "err"; response: string } {
  return { status: "err", response };
}

/** The action as the venue parsed it: order prices/sizes/trigger prices in canonical form. */
function canonicalise(action: Record<string, unknown>): Record<string, unknown> {
  if (action.type !== "order" || !Array.isArray(action.orders)) return action;
  const orders = (action.orders as Record<string, unknown>[]).map((o) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if ((k === "p" || k === "s") && typeof v === "string") out[k] = safeCanon(v);
      else if (k === "t" && v && typeof v === "object" && "trigger" in v) {
        const t = (v as { trigger: Record<string, unknown> }).trigger;
        out[k] = { trigger: { ...t, triggerPx: typeof t.triggerPx === "string" ? safeCanon(t.triggerPx) : t.triggerPx } };
      } else out[k] = v;
    }
    return out;
  });
  return { ...action, orders };
}

function safeCanon(s: string): string {
  try {
    return canonicalDecimal(s);
  } catch {
    return s;
  }
}
