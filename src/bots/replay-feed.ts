/**
 * Replays a BarSeries (loaded from a file or a storage tier by the caller's `load`) as a live
 * bar feed, for demos and tests. Speed is in bars per second; 0 replays as fast as the engine
 * can take them, in batches, yielding between batches so the API stays responsive.
 *
 * Pacing uses a schedule anchored at the first emitted bar (bar k is due at t0 + k/speed), so
 * slow batches catch up instead of drifting; a speed change re-anchors the schedule. Waiting
 * is abortable: an aborted `next` resolves with an empty batch and loses nothing.
 *
 * Resume: with a cursor, bars up to and including `cursor.last_ts` are skipped and the
 * `warmupBars` before the resume point are handed back by `open` for strategy warm-up.
 */
import type { Bar } from "../core/index.ts";
import { lowerBound, type BarSeries } from "../engine/index.ts";
import type { BarFeed, FeedCursor } from "./ports.ts";

export interface ReplayOptions {
  readonly barsPerSecond: number;
  /** Open-time bounds, epoch ms: [from, to). */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly cursor: FeedCursor | null;
  /** Largest batch handed to the engine at once (default 1000). */
  readonly batchMax?: number;
  /** Monotonic milliseconds (default performance.now). */
  readonly now?: () => number;
}

export class SeriesReplayFeed implements BarFeed {
  readonly description: string;
  private series: BarSeries | null = null;
  private pos = 0;
  private end = 0;
  private speed: number;
  private anchorTime = 0;
  private anchorPos = 0;
  private anchored = false;
  private readonly batchMax: number;
  private readonly now: () => number;

  constructor(
    private readonly load: (signal: AbortSignal) => Promise<BarSeries>,
    private readonly opts: ReplayOptions,
    description: string,
  ) {
    this.description = description;
    this.speed = opts.barsPerSecond;
    this.batchMax = opts.batchMax ?? 1000;
    this.now = opts.now ?? (() => performance.now());
  }

  get position(): number {
    return this.pos;
  }

  get length(): number {
    return this.end;
  }

  async open(signal: AbortSignal, warmupBars: number): Promise<readonly Bar[]> {
    const s = await this.load(signal);
    this.series = s;
    const start = this.opts.from === undefined ? 0 : lowerBound(s.tsEvent, this.opts.from);
    this.end = this.opts.to === undefined ? s.length : lowerBound(s.tsEvent, this.opts.to);
    const last = this.opts.cursor?.last_ts;
    this.pos = last === null || last === undefined ? start : Math.max(start, lowerBound(s.tsEvent, last + 1));
    const warm: Bar[] = [];
    for (let i = Math.max(start, this.pos - warmupBars); i < this.pos; i++) warm.push(this.bar(i));
    return warm;
  }

  setSpeed(barsPerSecond: number): void {
    this.speed = barsPerSecond;
    this.anchored = false;
  }

  async next(signal: AbortSignal): Promise<readonly Bar[] | null> {
    if (this.series === null) throw new Error("replay feed read before open()");
    if (this.pos >= this.end) return null;
    let n = Math.min(this.batchMax, this.end - this.pos);
    if (this.speed > 0) {
      if (!this.anchored) {
        this.anchorTime = this.now();
        this.anchorPos = this.pos;
        this.anchored = true;
      }
      const emitted = this.pos - this.anchorPos;
      const dueAt = this.anchorTime + (emitted * 1000) / this.speed;
      const wait = dueAt - this.now();
      if (wait > 0) {
        await sleep(wait, signal);
        if (signal.aborted) return [];
      }
      const due = Math.floor(((this.now() - this.anchorTime) * this.speed) / 1000) + 1 - emitted;
      n = Math.max(1, Math.min(n, due));
    }
    const out: Bar[] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = this.bar(this.pos + k);
    this.pos += n;
    return out;
  }

  async close(): Promise<void> {
    this.series = null;
  }

  private bar(i: number): Bar {
    const s = this.series!;
    const ts = s.tsEvent[i]!;
    return {
      instrumentId: 0,
      tsEvent: ts,
      tsInit: ts + s.intervalMs,
      intervalMs: s.intervalMs,
      open: s.open[i]!,
      high: s.high[i]!,
      low: s.low[i]!,
      close: s.close[i]!,
      volume: s.volume[i]!,
      index: i,
    };
  }
}

/** Resolves after `ms` or as soon as `signal` aborts (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
