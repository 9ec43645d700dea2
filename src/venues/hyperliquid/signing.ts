/**
 * Hyperliquid L1 action signing (orders, cancels, leverage): our own implementation on viem's
 * keccak/secp256k1 and @msgpack/msgpack, proven against the official vector H1 (protocols.md §A.3).
 *
 * connectionId = keccak256(msgpack(action) ‖ nonce u64BE ‖ vaultFlag[‖ vault20] [‖ 0x00 ‖ expiresAfter u64BE])
 * signature    = EIP-712 sign of Agent{source:"a"|"b", connectionId} in domain
 *                {name:"Exchange", version:"1", chainId:1337, verifyingContract:0x0}.
 *
 * Invariants: actions carry only strings, booleans, safe integers, arrays and plain objects (key
 * order = insertion order, absent optional keys omitted). Integers ≥ 2^32 are encoded as uint64
 * (0xcf), never float64; a float anywhere in an action is a programming error and throws, because
 * it would silently change the hash and the venue would recover a different signer.
 */
import { Encoder } from "@msgpack/msgpack";
import { keccak256, recoverAddress, type Hex } from "viem";
import { sign } from "viem/accounts";

export interface Signature {
  readonly r: Hex;
  readonly s: Hex;
  readonly v: number;
}

export interface L1SignParams {
  readonly action: Record<string, unknown>;
  readonly nonce: number;
  /** Lower-case 0x address when trading for a vault/sub-account. */
  readonly vaultAddress?: string | null | undefined;
  readonly expiresAfter?: number | null | undefined;
}

// One reused encoder: encode() copies its output, so reuse is safe and avoids re-allocating buffers.
const encoder = new Encoder({ ignoreUndefined: true, initialBufferSize: 512 });

/** Throws when a value cannot be hashed exactly the way the venue hashes it. */
export function assertWireSafe(v: unknown, path = "action"): void {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new TypeError(`${path}: ${v} is not a safe integer (prices and sizes must be strings)`);
    return;
  }
  if (v === null || typeof v === "string" || typeof v === "boolean" || v === undefined) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) assertWireSafe(v[i], `${path}[${i}]`);
    return;
  }
  if (typeof v === "object") {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) assertWireSafe(x, `${path}.${k}`);
    return;
  }
  throw new TypeError(`${path}: unsupported ${typeof v} in an action`);
}

/** msgpack bytes of an action exactly as the venue hashes them. */
export function packAction(action: Record<string, unknown>): Uint8Array {
  assertWireSafe(action);
  return encoder.encode(action);
}

/** keccak256 of msgpack(action) ‖ nonce ‖ vault ‖ expiresAfter: the phantom agent's connectionId. */
export function actionHash(p: L1SignParams): Hex {
  const packed = packAction(p.action);
  const vault = p.vaultAddress ? hexToBytes(p.vaultAddress, 20, "vaultAddress") : null;
  const hasExpiry = p.expiresAfter !== undefined && p.expiresAfter !== null;
  const buf = new Uint8Array(packed.length + 8 + 1 + (vault ? 20 : 0) + (hasExpiry ? 9 : 0));
  buf.set(packed, 0);
  let o = packed.length;
  const dv = new DataView(buf.buffer);
  dv.setBigUint64(o, u64(p.nonce, "nonce"));
  o += 8;
  if (vault) {
    buf[o++] = 1;
    buf.set(vault, o);
    o += 20;
  } else {
    buf[o++] = 0;
  }
  if (hasExpiry) {
    buf[o++] = 0;
    dv.setBigUint64(o, u64(p.expiresAfter as number, "expiresAfter"));
  }
  return keccak256(buf);
}

const enc = new TextEncoder();
const kec = (b: Uint8Array): Uint8Array => keccak256(b, "bytes");
const DOMAIN_TYPE_HASH = kec(enc.encode("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"));
const AGENT_TYPE_HASH = kec(enc.encode("Agent(string source,bytes32 connectionId)"));
const DOMAIN_SEPARATOR = kec(
  concat([DOMAIN_TYPE_HASH, kec(enc.encode("Exchange")), kec(enc.encode("1")), uint256(1337n), new Uint8Array(32)]),
);
const SOURCE_HASH = { a: kec(enc.encode("a")), b: kec(enc.encode("b")) } as const;

/** EIP-712 digest of the phantom agent; equal to viem's hashTypedData for the same typed data. */
export function agentDigest(connectionId: Hex, isMainnet: boolean): Hex {
  const struct = kec(concat([AGENT_TYPE_HASH, isMainnet ? SOURCE_HASH.a : SOURCE_HASH.b, hexToBytes(connectionId, 32, "connectionId")]));
  const msg = new Uint8Array(66);
  msg[0] = 0x19;
  msg[1] = 0x01;
  msg.set(DOMAIN_SEPARATOR, 2);
  msg.set(struct, 34);
  return keccak256(msg);
}

/** Signs an L1 action with the API-wallet key. `isMainnet` picks source "a" (true) or "b". */
export async function signL1Action(privateKey: Hex, p: L1SignParams, isMainnet: boolean): Promise<Signature> {
  const digest = agentDigest(actionHash(p), isMainnet);
  const sig = await sign({ hash: digest, privateKey });
  return { r: sig.r, s: sig.s, v: Number(sig.v ?? 27n + BigInt(sig.yParity ?? 0)) };
}

/**
 * Recovers the signer address (checksummed) of an L1 action. r/s are parsed as integers, so
 * unpadded hex (as the Python SDK sends) is accepted.
 */
export async function recoverL1Signer(p: L1SignParams, sig: { r: string; s: string; v: number }, isMainnet: boolean): Promise<string> {
  const digest = agentDigest(actionHash(p), isMainnet);
  const r = BigInt(sig.r);
  const s = BigInt(sig.s);
  if (sig.v !== 27 && sig.v !== 28) throw new RangeError(`signature.v must be 27 or 28, got ${sig.v}`);
  const hex = (`0x${r.toString(16).padStart(64, "0")}${s.toString(16).padStart(64, "0")}${sig.v === 27 ? "1b" : "1c"}`) as Hex;
  return recoverAddress({ hash: digest, signature: hex });
}

function u64(n: number, what: string): bigint {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${n}`);
  return BigInt(n);
}

function uint256(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  new DataView(out.buffer).setBigUint64(24, n);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function hexToBytes(h: string, len: number, what: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]*$/.test(h) || h.length !== 2 + len * 2) throw new RangeError(`${what} must be 0x + ${len * 2} hex chars`);
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = parseInt(h.slice(2 + i * 2, 4 + i * 2), 16);
  return out;
}
