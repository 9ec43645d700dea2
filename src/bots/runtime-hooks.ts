/**
 * The runtime's audit callbacks as seen by a bot: each engine record updates the replica
 * (counters, metrics, last bar, heartbeat) and goes into the journal as an event (plus the closed
 * trade or the equity point). Called synchronously from inside a runtime step; nothing here
 * writes to the store — the actor flushes the journal after the step.
 */
import type { Clock } from "../core/index.ts";
import type { BotJournal } from "./bot-journal.ts";
import type { BotReplica } from "./bot-replica.ts";
import { cancelBody, fillBody, ignoredBody, orderBody, signalBody, tradeView } from "./event-map.ts";
import type { RuntimeHooks } from "./ports.ts";

export function runtimeHooks(r: BotReplica, j: BotJournal, clock: Clock, own: Pick<RuntimeHooks, "feedStatus" | "fatal">): RuntimeHooks {
  return {
    signal: (s) => {
      r.counters.signals++;
      j.emit(signalBody(s), s.tsEvent);
    },
    signalIgnored: (s, reason) => void j.emit(ignoredBody(s, reason), s.tsEvent),
    order: (o) => {
      r.counters.orders++;
      j.traded = true;
      j.emit(orderBody(o), o.tsEvent);
    },
    cancel: (c) => {
      j.traded = true;
      j.emit(cancelBody(c), null);
    },
    fill: (f) => {
      r.counters.fills++;
      j.traded = true;
      j.emit(fillBody(f), f.tsEvent);
    },
    trade: (t) => {
      const v = tradeView(t, r.epoch, ++r.tradeSeq);
      r.metrics.onTradeClosed(t.pnl);
      j.trade(v);
      j.emit({ type: "trade", data: v }, t.exitTime);
    },
    equity: (ts, equity, barIndex) => {
      r.counters.bars++;
      r.metrics.onEquity(equity);
      r.lastBarTime = ts;
      r.lastHeartbeat = clock.now();
      j.point({ ts, equity, bar_index: barIndex });
    },
    feedStatus: own.feedStatus,
    notice: (message) => {
      j.emit({ type: "notice", data: { message } }, null);
      j.flush(false);
    },
    heartbeat: () => {
      r.lastHeartbeat = clock.now();
    },
    fatal: own.fatal,
  };
}
