/** Wall-clock implementation of core's Clock, for paper and live modes (never used by backtests). */
import type { Clock } from "../core/index.ts";

export class LiveClock implements Clock {
  now(): number {
    return Date.now();
  }
}
