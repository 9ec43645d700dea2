/**
 * Retry policy and the IP weight budget for Hyperliquid REST.
 *
 * Backoff is "full jitter": delay = rand × min(maxMs, baseMs × 2^attempt), so many clients that
 * failed together do not retry together. The weight limiter is a sliding window of 1200 weight per
 * minute (protocols.md §A.3 "Rate limits"): a request first reserves its base weight; the extra
 * weight that depends on the reply size (candleSnapshot: +1 per 60 items) is debited afterwards,
 * which may overfill the window so the NEXT request waits.
 *
 * Time and sleeping are injected so tests run without real waits.
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 6, baseMs: 250, maxMs: 15_000 };

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => (ms <= 0 ? Promise.resolve() : new Promise((r) => setTimeout(r, ms)));

/** Full-jitter delay for `attempt` (0-based), honouring a server Retry-After (ms) as a floor. */
export function backoffDelay(p: RetryPolicy, attempt: number, random: () => number, retryAfterMs?: number): number {
  const cap = Math.min(p.maxMs, p.baseMs * 2 ** attempt);
  const d = Math.floor(random() * cap);
  return retryAfterMs !== undefined && retryAfterMs > d ? retryAfterMs : d;
}

export interface WeightLimiterOptions {
  /** Weight per window (venue: 1200 per minute per IP). */
  readonly capacity?: number;
  readonly windowMs?: number;
  readonly now?: () => number;
  readonly sleep?: Sleep;
}

/**
 * Sliding-window weight budget: at no instant does the weight spent in the trailing window exceed
 * `capacity`. This is safe against a venue that meters by token bucket, fixed or sliding window.
 */
export class WeightLimiter {
  private readonly log: { t: number; w: number }[] = [];
  private used = 0;
  private readonly capacity: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  /** Total weight spent (for reports and tests). */
  spent = 0;
  /** Total ms spent waiting for budget. */
  waitedMs = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(o: WeightLimiterOptions = {}) {
    this.capacity = o.capacity ?? 1200;
    this.windowMs = o.windowMs ?? 60_000;
    this.now = o.now ?? (() => performance.now());
    this.sleep = o.sleep ?? realSleep;
  }

  private expire(t: number): void {
    while (this.log.length > 0 && this.log[0]!.t <= t - this.windowMs) this.used -= this.log.shift()!.w;
  }

  /** Waits until `weight` fits in the trailing window, then spends it. Calls are served in order. */
  acquire(weight: number): Promise<void> {
    const run = async (): Promise<void> => {
      const need = Math.min(weight, this.capacity);
      for (;;) {
        const t = this.now();
        this.expire(t);
        if (this.used + need <= this.capacity) break;
        // Wait until enough of the oldest entries leave the window.
        let freed = 0;
        let until = t;
        for (const e of this.log) {
          freed += e.w;
          until = e.t + this.windowMs;
          if (this.used - freed + need <= this.capacity) break;
        }
        const wait = Math.max(1, Math.ceil(until - t) + 1);
        this.waitedMs += wait;
        await this.sleep(wait);
      }
      this.record(weight);
    };
    const p = this.queue.then(run);
    this.queue = p.catch(() => {});
    return p;
  }

  /** Spends weight after the fact (may exceed the budget: the next acquire waits for it). */
  debit(weight: number): void {
    if (weight > 0) this.record(weight);
  }

  available(): number {
    this.expire(this.now());
    return this.capacity - this.used;
  }

  private record(w: number): void {
    this.log.push({ t: this.now(), w });
    this.used += w;
    this.spent += w;
  }
}

/** Info request weights per protocols.md §A.3. */
export function infoWeight(type: string): number {
  switch (type) {
    case "l2Book":
    case "allMids":
    case "clearinghouseState":
    case "orderStatus":
    case "spotClearinghouseState":
    case "exchangeStatus":
      return 2;
    case "userRole":
      return 60;
    default:
      return 20;
  }
}

/** Extra weight charged per reply size. */
export function infoExtraWeight(type: string, items: number): number {
  if (type === "candleSnapshot") return Math.floor(items / 60);
  if (["recentTrades", "userFills", "userFillsByTime", "fundingHistory", "userFunding"].includes(type)) return Math.floor(items / 20);
  return 0;
}
