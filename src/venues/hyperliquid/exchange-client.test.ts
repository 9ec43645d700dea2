/**
 * Live execution client end to end against the fake, which recovers the signer from every
 * signature: orders (Gtc/Ioc/Alo/market), cancel, cancelByCloid, updateLeverage, typed errors,
 * nonce rules, canonical wire strings, and keys that never leak.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { privateKeyToAccount } from "viem/accounts";
import { OrderRejectedError, VenueError } from "../../core/index.ts";
import { startHyperliquidFake, type HyperliquidFake } from "../../testkit/fakes/hyperliquid/index.ts";
import { orderAction } from "./actions.ts";
import { Credentials, loadCredentials } from "./credentials.ts";
import { HyperliquidExchangeClient } from "./exchange-client.ts";
import { HyperliquidHttp } from "./http.ts";
import { AssetTable } from "./meta.ts";
import { NonceManager } from "./nonce.ts";
import { signL1Action } from "./signing.ts";

const API_KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
const ACCOUNT = "0x1111111111111111111111111111111111111111";
let fake: HyperliquidFake;
let client: HyperliquidExchangeClient;
let http: HyperliquidHttp;
let assets: AssetTable;
const creds = new Credentials(API_KEY, ACCOUNT, "test");

beforeAll(async () => {
  fake = startHyperliquidFake();
  fake.addUser(ACCOUNT, 100_000, [creds.signer]);
  http = new HyperliquidHttp({ baseUrl: fake.url, retry: { retries: 2, baseMs: 1, maxMs: 2 } });
  assets = AssetTable.fromMeta(await http.info({ type: "meta" }));
  client = new HyperliquidExchangeClient({ http, assets, credentials: creds, nonces: new NonceManager(() => Date.now()), isMainnet: true });
});
afterAll(() => fake.stop());

const info = <T>(body: Record<string, unknown> & { type: string }) => http.info<T>(body);

describe("orders", () => {
  test("Gtc below the book rests; openOrders shows it; cancel once succeeds, twice fails", async () => {
    const bid = Number(fake.book("BTC").levels[0][0]!.px);
    const r = await client.order({ coin: "BTC", side: "buy", type: "limit", price: bid * 0.9, size: 0.01 });
    expect(r.kind).toBe("resting");
    const oid = (r as { oid: number }).oid;
    const open = await info<{ oid: number; limitPx: string }[]>({ type: "openOrders", user: ACCOUNT });
    expect(open.map((o) => o.oid)).toContain(oid);
    expect(open[0]!.limitPx).toMatch(/^\d+$/); // BTC (szDecimals 5): 1 decimal allowed but 5 sig figs → integer
    expect(await client.cancel("BTC", oid)).toBe(true);
    expect(await client.cancel("BTC", oid)).toBe(false);
  });

  test("cancelByCloid", async () => {
    const cloid = "0x000000000000000000000000000000ab";
    const bid = Number(fake.book("ETH").levels[0][0]!.px);
    const r = await client.order({ coin: "ETH", side: "buy", type: "limit", price: bid * 0.95, size: 0.05, cloid });
    expect(r).toMatchObject({ kind: "resting", cloid });
    expect(await client.cancelByCloid("ETH", cloid)).toBe(true);
    expect(await client.cancelByCloid("ETH", cloid)).toBe(false);
  });

  test("market buy fills at the ask side as an aggressive Ioc; position and fills read back", async () => {
    const ask = Number(fake.book("SOL").levels[1][0]!.px);
    const r = await client.order({ coin: "SOL", side: "buy", type: "market", size: 1.5 });
    expect(r.kind).toBe("filled");
    const f = r as { avgPx: number; totalSz: number };
    expect(f.totalSz).toBe(1.5);
    expect(f.avgPx).toBeGreaterThanOrEqual(ask);
    expect(f.avgPx).toBeLessThan(ask * 1.01);
    const state = await info<{ assetPositions: { position: { coin: string; szi: string } }[] }>({ type: "clearinghouseState", user: ACCOUNT });
    expect(state.assetPositions.find((p) => p.position.coin === "SOL")!.position.szi).toBe("1.5");
    const fills = await info<{ coin: string; side: string; crossed: boolean }[]>({ type: "userFills", user: ACCOUNT });
    expect(fills[0]).toMatchObject({ coin: "SOL", side: "B", crossed: true });
  });

  test("Alo that would cross, Ioc that cannot match and tiny notional are typed rejections", async () => {
    const ask = Number(fake.book("BTC").levels[1][0]!.px);
    const alo = await client.order({ coin: "BTC", side: "buy", type: "limit", tif: "Alo", price: ask * 1.001, size: 0.001 });
    expect(alo.kind).toBe("rejected");
    const e = (alo as { error: OrderRejectedError }).error;
    expect(e).toBeInstanceOf(OrderRejectedError);
    expect(e.details.code).toBe("HL_POST_ONLY");
    const ioc = await client.order({ coin: "BTC", side: "buy", type: "limit", tif: "Ioc", price: ask * 0.9, size: 0.001 });
    expect((ioc as { error: OrderRejectedError }).error.details.code).toBe("HL_IOC_UNFILLED");
    const tiny = await client.order({ coin: "BTC", side: "buy", type: "limit", price: ask * 0.9, size: 0.00001 });
    expect((tiny as { error: OrderRejectedError }).error.details).toMatchObject({ code: "HL_MIN_NOTIONAL", action: "fix-input" });
  });

  test("resting order fills as maker when the book moves through it", async () => {
    const bid = Number(fake.book("ETH").levels[0][0]!.px);
    const r = await client.order({ coin: "ETH", side: "buy", type: "limit", price: bid * 0.99, size: 0.01 });
    expect(r.kind).toBe("resting");
    const px = Number((await info<{ oid: number; limitPx: string }[]>({ type: "openOrders", user: ACCOUNT })).find((o) => o.oid === (r as { oid: number }).oid)!.limitPx);
    fake.setBook("ETH", { coin: "ETH", time: fake.now(), levels: [[{ px: String(px - 2), sz: "5", n: 1 }], [{ px: String(px - 1), sz: "5", n: 1 }]] });
    const fills = await info<{ oid: number; crossed: boolean; px: string }[]>({ type: "userFills", user: ACCOUNT });
    expect(fills[0]).toMatchObject({ oid: (r as { oid: number }).oid, crossed: false, px: String(px) });
    fake.setBook("ETH", null);
  });

  test("updateLeverage: ok within max; above max refused before signing", async () => {
    await client.updateLeverage("BTC", 10, true);
    await expect(client.updateLeverage("BTC", 41)).rejects.toThrow(/exceeds BTC max 40/);
  });

  test("every signature the fake received recovered to our API wallet", () => {
    expect(fake.exchange.log.length).toBeGreaterThan(8);
    expect(new Set(fake.exchange.log.map((l) => l.signer))).toEqual(new Set([creds.signer.toLowerCase()]));
  });
});

describe("signing errors as the venue reports them", () => {
  const raw = async (action: Record<string, unknown>, nonce: number, isMainnet = true, key = API_KEY) => {
    const signature = await signL1Action(key as `0x${string}`, { action, nonce }, isMainnet);
    return http.exchange<{ status: string; response: unknown }>({ action, nonce, signature });
  };
  test("wrong source (testnet) → unknown signer (a different address is recovered)", async () => {
    const testnet = new HyperliquidExchangeClient({ http, assets, credentials: creds, nonces: new NonceManager(() => Date.now()), isMainnet: false });
    const err = await testnet.updateLeverage("BTC", 3).catch((e) => e);
    expect(err).toBeInstanceOf(VenueError);
    expect(err).toMatchObject({ code: "HL_UNKNOWN_SIGNER", action: "stop" });
    expect(err.message).toMatch(/User or API Wallet 0x[0-9a-f]{40} does not exist/);
  });
  test("non-canonical price string \"100.0\" hashes differently at the venue → unknown signer", async () => {
    const action = orderAction([{ asset: 2, isBuy: true, price: "100.0", size: "1", tif: "Gtc" }]);
    const r = await raw(action, Date.now());
    expect(r.status).toBe("err");
    expect(String(r.response)).toContain("does not exist");
  });
  test("nonce reuse and out-of-window nonces are rejected", async () => {
    const action = { type: "scheduleCancel" };
    const n = Date.now() + 5;
    expect((await raw(action, n)).status).toBe("ok");
    expect(String((await raw(action, n)).response)).toContain("duplicate nonce");
    expect(String((await raw(action, Date.now() - 3 * 86_400_000)).response)).toContain("outside the allowed window");
  });
});

describe("credentials", () => {
  test("from env; key never printed", () => {
    const c = loadCredentials({ env: { HYPERLIQUID_API_WALLET_KEY: API_KEY, HYPERLIQUID_ACCOUNT_ADDRESS: ACCOUNT } });
    expect(c.signer).toBe(privateKeyToAccount(API_KEY).address);
    const shown = `${c} ${JSON.stringify(c)} ${Bun.inspect(c)}`;
    expect(shown).not.toContain(API_KEY.slice(2, 20));
    expect(shown).toContain("<redacted>");
  });
  test("from a secrets file; bad values are named without echoing them", async () => {
    const dir = `${process.env.TMPDIR ?? "/tmp"}/hl-creds-${process.pid}`;
    await Bun.write(`${dir}/ok.toml`, `[hyperliquid]\napi_wallet_key = "${API_KEY}"\naccount_address = "${ACCOUNT}"\n`);
    expect(loadCredentials({ env: {}, secretsFile: `${dir}/ok.toml` }).account).toBe(ACCOUNT);
    const bad = "0xdeadbeef-not-a-key";
    await Bun.write(`${dir}/bad.toml`, `api_wallet_key = "${bad}"\naccount_address = "${ACCOUNT}"\n`);
    const e = (() => { try { loadCredentials({ env: {}, secretsFile: `${dir}/bad.toml` }); } catch (x) { return x as Error; } })()!;
    expect(e.message).toContain("bad.toml");
    expect(e.message).not.toContain("deadbeef");
    expect(() => loadCredentials({ env: {} })).toThrow(/HYPERLIQUID_API_WALLET_KEY and HYPERLIQUID_ACCOUNT_ADDRESS/);
    // Broken TOML: the position is given, the secret line is not.
    await Bun.write(`${dir}/broken.toml`, `account_address = "${ACCOUNT}"\napi_wallet_key = "${API_KEY}\n`);
    const t = (() => { try { loadCredentials({ env: {}, secretsFile: `${dir}/broken.toml` }); } catch (x) { return x as Error; } })()!;
    expect(t.message).toMatch(/broken\.toml:2:\d+: not valid TOML \(contents not shown\)$/);
    expect(t.message).not.toContain(API_KEY.slice(2, 20));
  });
});
