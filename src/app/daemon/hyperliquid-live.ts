/**
 * Hyperliquid parts of a bot: the live bar feed, the instrument grid from `meta`, and — for
 * `mode = "live"` — the live execution venue (signed orders through the exchange client, fills
 * from the account's userFills stream on the feed's own WebSocket, leverage set on the account
 * before the first order). Credentials come only from the environment or the secrets file
 * (hyperliquid.secrets_file); a bot in live mode without them is refused at validation (422).
 * A venue error whose action is "stop" (unknown signer, no margin, …) stops the bot in Error.
 */
import { ConfigError, type Clock, type Instrument } from "../../core/index.ts";
import type { Logger } from "../../lib/logger.ts";
import type { BarFeed, BotSpec, FeedCursor, RuntimeHooks } from "../../bots/index.ts";
import type { ExecutionVenue } from "../../engine/index.ts";
import { HyperliquidExchangeClient, HyperliquidHttp, HyperliquidLiveVenue, loadCredentials, NonceManager, type Credentials } from "../../venues/hyperliquid/index.ts";
import { HyperliquidBarFeed, HyperliquidMeta } from "./hyperliquid-feed.ts";

export interface HyperliquidLiveDeps {
  readonly apiUrl: string;
  readonly wsUrl: string;
  /** Sign for testnet (source "b") — hyperliquid.testnet; never inferred from the URL. */
  readonly testnet: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly secretsFile?: string | undefined;
  readonly clock: Clock;
  readonly log: Logger;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
}

export interface HyperliquidLive {
  feed(spec: BotSpec, cursor: FeedCursor | null, hooks: RuntimeHooks): BarFeed;
  instrument(spec: BotSpec): Promise<Instrument>;
  venue(spec: BotSpec, hooks: RuntimeHooks): Promise<ExecutionVenue>;
  /** Throws a ConfigError naming `mode` when live trading cannot be set up. */
  validateLive(spec: BotSpec): void;
}

export function createHyperliquidLive(d: HyperliquidLiveDeps): HyperliquidLive {
  const http = new HyperliquidHttp({ baseUrl: d.apiUrl, retry: { retries: 2, baseMs: 250, maxMs: 2000 }, timeoutMs: 10_000 });
  const meta = new HyperliquidMeta(http);
  const feeds = new Map<string, HyperliquidBarFeed>();
  const credentials = (): Credentials => loadCredentials({ env: d.env, secretsFile: d.secretsFile });
  return {
    feed(spec, cursor, hooks) {
      const f = new HyperliquidBarFeed(spec, cursor, hooks, meta, {
        apiUrl: d.apiUrl,
        wsUrl: d.wsUrl,
        clock: d.clock,
        log: d.log.child({ bot: spec.id }),
        ...(d.retryBaseMs !== undefined ? { retryBaseMs: d.retryBaseMs } : {}),
        ...(d.retryMaxMs !== undefined ? { retryMaxMs: d.retryMaxMs } : {}),
      });
      feeds.set(spec.id, f);
      return f;
    },
    async instrument(spec) {
      await meta.load();
      return meta.instrument(spec.symbol);
    },
    async venue(spec, hooks) {
      const feed = feeds.get(spec.id);
      const ws = feed?.socket;
      if (!feed || !ws) throw new ConfigError(`bot '${spec.id}': mode: live execution needs the hyperliquid feed`, { field: "mode" });
      const creds = credentials();
      let mid: number | undefined;
      ws.subscribe({ type: "allMids" }, (data) => {
        const m = Number((data as { mids?: Record<string, string> }).mids?.[spec.symbol]);
        if (m > 0) mid = m;
      });
      const client = new HyperliquidExchangeClient({ http, assets: await meta.load(), credentials: creds, nonces: new NonceManager(() => Date.now()), isMainnet: !d.testnet });
      await client.updateLeverage(spec.symbol, spec.risk.leverage, true);
      return new HyperliquidLiveVenue({
        client,
        ws,
        account: creds.account,
        sessionId: Date.now(),
        midOf: () => mid ?? feed.lastClose ?? undefined,
        log: d.log.child({ bot: spec.id }),
        onError: (e) => hooks.fatal(e),
      });
    },
    validateLive(spec) {
      if (spec.feed.kind !== "hyperliquid") throw new ConfigError(`bot '${spec.id}': mode: live mode needs feed.kind = "hyperliquid"`, { field: "mode" });
      try {
        credentials();
      } catch (e) {
        throw new ConfigError(`bot '${spec.id}': mode: ${e instanceof Error ? e.message : String(e)}`, { field: "mode" });
      }
    },
  };
}
