/**
 * Live-trading credentials: the API-wallet private key and the account (master) address, read
 * ONLY from the environment (HYPERLIQUID_API_WALLET_KEY, HYPERLIQUID_ACCOUNT_ADDRESS) or from a
 * secrets file (TOML: `api_wallet_key`, `account_address`, top level or under [hyperliquid]).
 *
 * Invariants: the key lives in a private field; toString/toJSON/inspect print a redacted form;
 * error messages name the variable or file and field, never the value. Nothing here writes the
 * key anywhere.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { privateKeyToAccount } from "viem/accounts";
import type { Hex } from "viem";
import { tomlErrorAt } from "../../lib/toml-error-at.ts";
import { ConfigError } from "../../core/index.ts";

const KEY_RE = /^0x[0-9a-fA-F]{64}$/;
const ADDR_RE = /^0x[0-9a-fA-F]{40}$/;

export class Credentials {
  readonly #key: Hex;
  /** Address of the API wallet derived from the key (the signer the venue recovers). */
  readonly signer: string;
  /** The trading account (master) address; queries such as clearinghouseState use it. */
  readonly account: string;

  constructor(key: string, account: string, source: string) {
    if (!KEY_RE.test(key)) throw new ConfigError(`${source}: API wallet key must be 0x followed by 64 hex characters (value not shown)`, { source });
    if (!ADDR_RE.test(account)) throw new ConfigError(`${source}: account address must be 0x followed by 40 hex characters`, { source });
    this.#key = key as Hex;
    this.signer = privateKeyToAccount(this.#key).address;
    this.account = account.toLowerCase();
  }

  /** The private key, for the signer only. Never log or persist the result. */
  privateKey(): Hex {
    return this.#key;
  }

  toString(): string {
    return `Credentials(signer=${this.signer}, account=${this.account}, key=<redacted>)`;
  }

  toJSON(): Record<string, string> {
    return { signer: this.signer, account: this.account, key: "<redacted>" };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

export interface CredentialSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Secrets file path (config hyperliquid.secrets_file / env HYPERLIQUID_SECRETS_FILE). */
  readonly secretsFile?: string | undefined;
}

/** Env wins over the file when both are set. Throws ConfigError when nothing usable is found. */
export function loadCredentials(s: CredentialSources): Credentials {
  const key = s.env.HYPERLIQUID_API_WALLET_KEY;
  const account = s.env.HYPERLIQUID_ACCOUNT_ADDRESS;
  if (key && account) return new Credentials(key, account, "env HYPERLIQUID_API_WALLET_KEY/HYPERLIQUID_ACCOUNT_ADDRESS");
  if (s.secretsFile) {
    const f = s.secretsFile;
    if (!existsSync(f)) throw new ConfigError(`secrets file not found: ${f}`, { file: f });
    let raw: Record<string, unknown>;
    const text = readFileSync(f, "utf8");
    try {
      raw = Bun.TOML.parse(text) as Record<string, unknown>;
    } catch {
      // Only the position is reported: the parser's own message would quote the secret lines.
      const at = tomlErrorAt(text);
      throw new ConfigError(`${f}${at ? `:${at.line}:${at.column}` : ""}: not valid TOML (contents not shown)`, { file: f });
    }
    const sec = (typeof raw.hyperliquid === "object" && raw.hyperliquid !== null ? raw.hyperliquid : raw) as Record<string, unknown>;
    const k = sec.api_wallet_key;
    const a = sec.account_address;
    if (typeof k !== "string") throw new ConfigError(`${f}: missing api_wallet_key`, { file: f, key: "api_wallet_key" });
    if (typeof a !== "string") throw new ConfigError(`${f}: missing account_address`, { file: f, key: "account_address" });
    return new Credentials(k, a, f);
  }
  const missing = [!key && "HYPERLIQUID_API_WALLET_KEY", !account && "HYPERLIQUID_ACCOUNT_ADDRESS"].filter(Boolean).join(" and ");
  throw new ConfigError(`live trading needs ${missing} in the environment, or a secrets file (hyperliquid.secrets_file / HYPERLIQUID_SECRETS_FILE)`, {});
}

/** True when a secrets file is readable by group or others (callers warn). */
export function secretsFileTooOpen(path: string): boolean {
  try {
    return (statSync(path).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}
