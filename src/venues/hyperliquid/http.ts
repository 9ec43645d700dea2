/**
 * REST transport for Hyperliquid: POST /info (reads) and POST /exchange (signed actions).
 *
 * /info calls reserve IP weight, retry with jittered backoff on 429, 5xx and network errors, and
 * fail fast on 4xx (our request is wrong). /exchange is not idempotent, so it is retried only when
 * the request certainly did not execute: HTTP 429 or a refused connection. Any other failure is
 * surfaced as a typed VenueError whose `action` tells the caller what to do.
 */
import type { VenueError } from "../../core/index.ts";
import { httpError, networkError } from "./errors.ts";
import { backoffDelay, DEFAULT_RETRY, infoExtraWeight, infoWeight, realSleep, WeightLimiter, type RetryPolicy, type Sleep } from "./retry.ts";

export interface HttpOptions {
  readonly baseUrl: string;
  readonly retry?: RetryPolicy;
  readonly timeoutMs?: number;
  readonly limiter?: WeightLimiter;
  readonly sleep?: Sleep;
  readonly random?: () => number;
  readonly fetch?: typeof fetch;
  /** Called before each retry wait (for progress output and logs). */
  readonly onRetry?: (e: VenueError, attempt: number, delayMs: number) => void;
}

export class HyperliquidHttp {
  readonly baseUrl: string;
  readonly limiter: WeightLimiter;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly doFetch: typeof fetch;
  private readonly onRetry: HttpOptions["onRetry"];
  /** Requests sent, including retries. */
  requests = 0;
  retries = 0;

  constructor(o: HttpOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, "");
    this.retry = o.retry ?? DEFAULT_RETRY;
    this.timeoutMs = o.timeoutMs ?? 15_000;
    this.sleep = o.sleep ?? realSleep;
    this.limiter = o.limiter ?? new WeightLimiter({ sleep: this.sleep });
    this.random = o.random ?? Math.random;
    this.doFetch = o.fetch ?? fetch;
    this.onRetry = o.onRetry;
  }

  /** POST /info with `{type, …}`; returns the parsed JSON reply. */
  async info<T = unknown>(body: { type: string } & Record<string, unknown>): Promise<T> {
    const what = `info ${body.type}`;
    const text = JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      await this.limiter.acquire(infoWeight(body.type));
      try {
        const reply = await this.post("/info", text, what);
        this.limiter.debit(infoExtraWeight(body.type, Array.isArray(reply) ? reply.length : 0));
        return reply as T;
      } catch (e) {
        const err = e as VenueError & { retryAfterMs?: number };
        if (!err.retryable || attempt >= this.retry.retries) throw err;
        await this.wait(err, attempt);
      }
    }
  }

  /** POST /exchange with a signed envelope; retried only when it certainly did not execute. */
  async exchange<T = unknown>(envelope: Record<string, unknown>, what = "exchange"): Promise<T> {
    const text = JSON.stringify(envelope);
    for (let attempt = 0; ; attempt++) {
      await this.limiter.acquire(1);
      try {
        return (await this.post("/exchange", text, what)) as T;
      } catch (e) {
        const err = e as VenueError & { refused?: boolean };
        const safe = err.status === 429 || err.refused === true;
        if (!safe || attempt >= this.retry.retries) throw err;
        await this.wait(err, attempt);
      }
    }
  }

  private async wait(err: VenueError & { retryAfterMs?: number }, attempt: number): Promise<void> {
    const delay = backoffDelay(this.retry, attempt, this.random, err.retryAfterMs);
    this.retries++;
    this.onRetry?.(err, attempt + 1, delay);
    await this.sleep(delay);
  }

  private async post(path: string, body: string, what: string): Promise<unknown> {
    this.requests++;
    let res: Response;
    try {
      res = await this.doFetch(this.baseUrl + path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const err = networkError(what, e);
      const code = (e as { code?: string }).code;
      if (code === "ConnectionRefused" || code === "ECONNREFUSED") (err as { refused?: boolean }).refused = true;
      throw err;
    }
    const text = await res.text();
    if (!res.ok) {
      const err = httpError(res.status, text, what);
      const ra = res.headers.get("retry-after");
      if (ra && /^\d+$/.test(ra)) (err as { retryAfterMs?: number }).retryAfterMs = Number(ra) * 1000;
      throw err;
    }
    const ct = res.headers.get("content-type") ?? "";
    if (!ct.includes("application/json")) throw httpError(502, `reply is not JSON (content-type "${ct}"): ${text}`, what);
    try {
      return JSON.parse(text);
    } catch (e) {
      throw httpError(502, `invalid JSON: ${(e as Error).message}`, what);
    }
  }
}
