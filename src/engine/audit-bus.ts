/**
 * Republishes the engine's audit stream on an EventBus so bots, the API and UIs can subscribe
 * without touching engine internals. Topics (under `prefix`, default "engine"):
 *   <prefix>.signal, <prefix>.signal-ignored, <prefix>.order, <prefix>.cancel, <prefix>.fill,
 *   <prefix>.trade, and <prefix>.equity (per bar; only with `equity: true`, it is high-rate).
 * Payloads are the engine's immutable event objects ({signal, reason} for signal-ignored,
 * {tsEvent, equity, barIndex} for equity).
 *
 * Back-pressure: when the bus rejects a message (ring full), the bridge dispatches the queued
 * messages first (the engine loop is the bus's single consumer) and retries once; a message that
 * still does not fit is counted in `dropped`.
 */
import type { EventBus } from "../bus/index.ts";
import type { EngineListener } from "./ports.ts";

export interface BusBridge extends EngineListener {
  /** Messages that could not be published even after draining. */
  readonly dropped: number;
}

export function busListener(bus: EventBus, opts: { prefix?: string; equity?: boolean } = {}): BusBridge {
  const p = opts.prefix ?? "engine";
  let dropped = 0;
  const pub = (kind: string, payload: unknown): void => {
    const t = `${p}.${kind}`;
    if (bus.publish(t, payload)) return;
    bus.dispatch();
    if (!bus.publish(t, payload)) dropped++;
  };
  const bridge: BusBridge = {
    get dropped() {
      return dropped;
    },
    onSignal: (s) => pub("signal", s),
    onSignalIgnored: (signal, reason) => pub("signal-ignored", { signal, reason }),
    onOrder: (o) => pub("order", o),
    onOrderCancelled: (c) => pub("cancel", c),
    onFill: (f) => pub("fill", f),
    onTradeClosed: (t) => pub("trade", t),
  };
  if (opts.equity) bridge.onEquity = (tsEvent, equity, barIndex) => pub("equity", { tsEvent, equity, barIndex });
  return bridge;
}

/** Calls every listener's callbacks in order (e.g. a result collector plus a bus bridge). */
export function teeListeners(...ls: EngineListener[]): EngineListener {
  const out: EngineListener = {};
  const keys = ["onSignal", "onSignalIgnored", "onOrder", "onOrderCancelled", "onFill", "onTradeClosed", "onEquity"] as const;
  for (const k of keys) {
    const with_ = ls.filter((l) => l[k] !== undefined);
    if (with_.length === 0) continue;
    if (with_.length === 1) {
      const l = with_[0]!;
      (out as Record<string, unknown>)[k] = (l[k] as (...a: unknown[]) => void).bind(l);
      continue;
    }
    (out as Record<string, unknown>)[k] = (...a: unknown[]): void => {
      for (const l of with_) (l[k] as (...x: unknown[]) => void).apply(l, a);
    };
  }
  return out;
}
