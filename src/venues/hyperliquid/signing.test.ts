/**
 * Proves our L1 signing against the official vectors: H1 from protocols.md §A.3 (nktkas) and the
 * Python SDK's tests/signing_test.py expectations (dummy uint64 action, orders, cloid, tpsl, vault,
 * scheduleCancel). r/s are compared as integers because the Python SDK prints them unpadded.
 */
import { describe, expect, test } from "bun:test";
import { hashTypedData, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { actionHash, agentDigest, packAction, recoverL1Signer, signL1Action } from "./signing.ts";
import { orderAction, scheduleCancelAction } from "./actions.ts";
import { floatToWire } from "./wire.ts";

const H1_KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff" as Hex;
const H1_ACTION = { type: "order", orders: [{ a: 0, b: true, p: "30000", s: "0.1", r: false, t: { limit: { tif: "Gtc" } } }], grouping: "na" };
const PY_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123" as Hex;

function expectSig(sig: { r: string; s: string; v: number }, r: string, s: string, v: number): void {
  expect({ r: BigInt(sig.r), s: BigInt(sig.s), v: sig.v }).toEqual({ r: BigInt(r), s: BigInt(s), v });
}

describe("vector H1 (protocols.md §A.3)", () => {
  test("msgpack bytes", () => {
    expect(Buffer.from(packAction(H1_ACTION)).toString("hex")).toBe(
      "83a474797065a56f72646572a66f72646572739186a16100a162c3a170a53330303030a173a3302e31a172c2a17481a56c696d697481a3746966a3477463a867726f7570696e67a26e61",
    );
  });
  test("our builder produces the same action bytes", () => {
    const built = orderAction([{ asset: 0, isBuy: true, price: "30000", size: "0.1", tif: "Gtc" }]);
    expect(Buffer.from(packAction(built))).toEqual(Buffer.from(packAction(H1_ACTION)));
  });
  test("hashes with and without vault / expiresAfter", () => {
    const vault = "0x1234567890123456789012345678901234567890";
    expect(actionHash({ action: H1_ACTION, nonce: 1234567890 })).toBe("0x25367e0dba84351148288c2233cd6130ed6cec5967ded0c0b7334f36f957cc90");
    expect(actionHash({ action: H1_ACTION, nonce: 1234567890, vaultAddress: vault })).toBe("0x214e2ea3270981b6fd18174216691e69f56872663139d396b10ded319cb4bb1e");
    expect(actionHash({ action: H1_ACTION, nonce: 1234567890, expiresAfter: 1234567890 })).toBe("0xc30b002ba3775e4c31c43c1dfd3291dfc85c6ae06c6b9f393991de86cad5fac7");
    expect(actionHash({ action: H1_ACTION, nonce: 1234567890, vaultAddress: vault, expiresAfter: 1234567890 })).toBe(
      "0x2d62412aa0fc57441b5189841d81554a6a9680bf07204e1454983a9ca44f0744",
    );
  });
  test("signatures mainnet and testnet; signer recovers", async () => {
    const p = { action: H1_ACTION, nonce: 1234567890 };
    const main = await signL1Action(H1_KEY, p, true);
    expectSig(main, "0x61078d8ffa3cb591de045438a1ae2ed299b271891d1943a33901e7cfb3a31ed8", "0x0e91df4f9841641d3322dad8d932874b74d7e082cdb5b533f804964a6963aef9", 28);
    const testnet = await signL1Action(H1_KEY, p, false);
    expectSig(testnet, "0x6b0283a894d87b996ad0182b86251cc80d27d61ef307449a2ed249a508ded1f7", "0x6f884e79f4a0a10af62db831af6f8e03b3f11d899eb49b352f836746ee9226da", 27);
    expect(await recoverL1Signer(p, main, true)).toBe("0xE5cA49Fb3bD9A581F0D1EF9CB5D7177Da08bf901");
    // The wrong source recovers a different address: that is how the venue reports a bad hash.
    expect(await recoverL1Signer(p, main, false)).not.toBe("0xE5cA49Fb3bD9A581F0D1EF9CB5D7177Da08bf901");
  });
  test("our precomputed EIP-712 digest equals viem hashTypedData; and viem signTypedData agrees", async () => {
    const connectionId = actionHash({ action: H1_ACTION, nonce: 1234567890 });
    for (const source of ["a", "b"] as const) {
      const typed = {
        domain: { name: "Exchange", version: "1", chainId: 1337, verifyingContract: "0x0000000000000000000000000000000000000000" as Hex },
        types: { Agent: [{ name: "source", type: "string" }, { name: "connectionId", type: "bytes32" }] },
        primaryType: "Agent" as const,
        message: { source, connectionId },
      };
      expect(agentDigest(connectionId, source === "a")).toBe(hashTypedData(typed));
      const viemSig = await privateKeyToAccount(H1_KEY).signTypedData(typed);
      const ours = await signL1Action(H1_KEY, { action: H1_ACTION, nonce: 1234567890 }, source === "a");
      expect(viemSig.slice(2, 66)).toBe(ours.r.slice(2).padStart(64, "0"));
    }
  });
});

describe("Python SDK signing_test.py vectors", () => {
  test("dummy action with num=1e11 (uint64 rule)", async () => {
    const action = { type: "dummy", num: 100_000_000_000 };
    expect(Buffer.from(packAction(action)).toString("hex")).toContain("cf000000174876e800");
    expectSig(await signL1Action(PY_KEY, { action, nonce: 0 }, true), "0x53749d5b30552aeb2fca34b530185976545bb22d0b3ce6f62e31be961a59298", "0x755c40ba9bf05223521753995abb2f73ab3229be8ec921f350cb447e384d8ed8", 27);
    expectSig(await signL1Action(PY_KEY, { action, nonce: 0 }, false), "0x542af61ef1f429707e3c76c5293c80d01f74ef853e34b76efffcb57e574f9510", "0x17b8b32f086e8cdede991f1e2c529f5dd5297cbe8128500e00cbaf766204a613", 28);
  });
  test("dummy action with vault", async () => {
    const action = { type: "dummy", num: 100_000_000_000 };
    const vaultAddress = "0x1719884eb866cb12b2287399b15f7db5e7d775ea";
    expectSig(await signL1Action(PY_KEY, { action, nonce: 0, vaultAddress }, true), "0x3c548db75e479f8012acf3000ca3a6b05606bc2ec0c29c50c515066a326239", "0x4d402be7396ce74fbba3795769cda45aec00dc3125a984f2a9f23177b190da2c", 28);
    expectSig(await signL1Action(PY_KEY, { action, nonce: 0, vaultAddress }, false), "0xe281d2fb5c6e25ca01601f878e4d69c965bb598b88fac58e475dd1f5e56c362b", "0x7ddad27e9a238d045c035bc606349d075d5c5cd00a6cd1da23ab5c39d4ef0f60", 27);
  });
  test("phantom agent of an Ioc order built with float-to-wire", () => {
    const action = orderAction([{ asset: 4, isBuy: true, price: floatToWire(1670.1), size: floatToWire(0.0147), tif: "Ioc" }]);
    expect(actionHash({ action, nonce: 1677777606040 })).toBe("0x0fcbeda5ae3c4950a548021552a4fea2226858c4453571bf3f24ba017eac2908");
  });
  test("order, order with cloid, tpsl order", async () => {
    const base = { asset: 1, isBuy: true, price: floatToWire(100), size: floatToWire(100), tif: "Gtc" as const };
    const plain = orderAction([base]);
    expectSig(await signL1Action(PY_KEY, { action: plain, nonce: 0 }, true), "0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e", "0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e", 28);
    expectSig(await signL1Action(PY_KEY, { action: plain, nonce: 0 }, false), "0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54", "0x6b53878fc99d26047f4d7e8c90eb98955a109f44209163f52d8dc4278cbbd9f5", 27);
    const withCloid = orderAction([{ ...base, cloid: "0x00000000000000000000000000000001" }]);
    expectSig(await signL1Action(PY_KEY, { action: withCloid, nonce: 0 }, true), "0x41ae18e8239a56cacbc5dad94d45d0b747e5da11ad564077fcac71277a946e3", "0x3c61f667e747404fe7eea8f90ab0e76cc12ce60270438b2058324681a00116da", 27);
    expectSig(await signL1Action(PY_KEY, { action: withCloid, nonce: 0 }, false), "0xeba0664bed2676fc4e5a743bf89e5c7501aa6d870bdb9446e122c9466c5cd16d", "0x7f3e74825c9114bc59086f1eebea2928c190fdfbfde144827cb02b85bbe90988", 28);
    const tpsl = orderAction([{ ...base, trigger: { isMarket: true, triggerPx: floatToWire(103), tpsl: "sl" } }]);
    expectSig(await signL1Action(PY_KEY, { action: tpsl, nonce: 0 }, true), "0x98343f2b5ae8e26bb2587daad3863bc70d8792b09af1841b6fdd530a2065a3f9", "0x6b5bb6bb0633b710aa22b721dd9dee6d083646a5f8e581a20b545be6c1feb405", 27);
  });
  test("scheduleCancel with and without time", async () => {
    expectSig(await signL1Action(PY_KEY, { action: scheduleCancelAction(), nonce: 0 }, true), "0x6cdfb286702f5917e76cd9b3b8bf678fcc49aec194c02a73e6d4f16891195df9", "0x6557ac307fa05d25b8d61f21fb8a938e703b3d9bf575f6717ba21ec61261b2a0", 27);
    expectSig(await signL1Action(PY_KEY, { action: scheduleCancelAction(123456789), nonce: 0 }, true), "0x609cb20c737945d070716dcc696ba030e9976fcf5edad87afa7d877493109d55", "0x16c685d63b5c7a04512d73f183b3d7a00da5406ff1f8aad33f8ae2163bab758b", 28);
  });
});

describe("guards", () => {
  test("floats in an action are refused (they would change the hash)", () => {
    expect(() => packAction({ type: "updateLeverage", asset: 0, isCross: true, leverage: 2.5 })).toThrow(/not a safe integer/);
  });
  test("recover accepts unpadded r/s (Python SDK style)", async () => {
    const p = { action: { type: "dummy", num: 100_000_000_000 }, nonce: 0 };
    const sig = await signL1Action(PY_KEY, p, true);
    const unpadded = { r: "0x" + BigInt(sig.r).toString(16), s: "0x" + BigInt(sig.s).toString(16), v: sig.v };
    expect(await recoverL1Signer(p, unpadded, true)).toBe(privateKeyToAccount(PY_KEY).address);
  });
});
