import { afterEach, describe, expect, test } from "bun:test";
import { dataFile } from "../../src/testkit/data-path.ts";
import { FakeDaemon } from "../testing/fake-daemon.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { waitFor } from "../testing/wait-for.ts";
import { Backoff } from "./backoff.ts";
import { StreamClient, type ConnectionStatus, type SocketLike } from "./stream-client.ts";
import { decodeStreamMessage, subscriptionMessages } from "./stream-messages.ts";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h", limit: 400 });
const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

function harness(url: string) {
  const statuses: ConnectionStatus[] = [];
  const msgs: unknown[] = [];
  let opens = 0;
  const c = new StreamClient({
    url,
    subscriptions: () => subscriptionMessages(null),
    onMessage: (m) => msgs.push(m),
    onStatus: (s) => statuses.push(s),
    onOpen: () => opens++,
    backoff: new Backoff({ baseMs: 10, maxMs: 40, random: () => 0.5 }),
  });
  cleanup.push(() => c.close());
  return { c, statuses, msgs, opens: () => opens };
}

describe("StreamClient against the fake daemon", () => {
  test("connects, subscribes and receives status frames", async () => {
    const d = FakeDaemon.start(bars);
    cleanup.push(() => d.stop());
    d.addBot("btc-sma");
    const h = harness(`ws://127.0.0.1:${d.port}/ws`);
    h.c.start();
    await waitFor(() => h.msgs.some((m) => decodeStreamMessage(m).kind === "status"), "first status frame");
    expect(h.statuses.map((s) => s.kind).slice(0, 2)).toEqual(["connecting", "open"]);
    expect(d.wsMessages).toEqual([{ op: "subscribe", channels: ["status"], bots: "*" }]);
    expect(decodeStreamMessage(h.msgs[0])).toEqual({ kind: "hello", heartbeatMs: 10_000, protocol: 1 });
  });

  test("a daemon restart: retrying with the reason, then back, resubscribed, onOpen again", async () => {
    const d = FakeDaemon.start(bars);
    cleanup.push(() => d.stop());
    const h = harness(`ws://127.0.0.1:${d.port}/ws`);
    h.c.start();
    await waitFor(() => h.c.current.kind === "open", "open");
    d.stop();
    const retry = await waitFor(() => h.statuses.find((s) => s.kind === "retrying"), "retrying status", { timeoutMs: 15_000, show: () => JSON.stringify(h.statuses) });
    expect(retry).toMatchObject({ kind: "retrying", attempt: 1 });
    expect((retry as { reason: string }).reason).toContain("connection closed");
    // While down, attempts keep failing and the attempt number grows.
    const third = await waitFor(() => h.statuses.find((s) => s.kind === "retrying" && s.attempt >= 3), "several failed attempts", { show: () => JSON.stringify(h.statuses) });
    expect(third).toMatchObject({ reason: "cannot connect (is the daemon running?)" });
    d.restart();
    await waitFor(() => h.c.current.kind === "open", "reconnected", { show: () => JSON.stringify(h.statuses.slice(-3)) });
    expect(h.opens()).toBe(2);
    await waitFor(() => d.wsMessages.length === 2, "resubscription after restart");
    expect(d.wsMessages[1]).toEqual({ op: "subscribe", channels: ["status"], bots: "*" });
  });

  test("close() stops reconnecting and reports closed once", async () => {
    const d = FakeDaemon.start(bars);
    const h = harness(`ws://127.0.0.1:${d.port}/ws`);
    h.c.start();
    await waitFor(() => h.c.current.kind === "open", "open");
    d.stop();
    await waitFor(() => h.c.current.kind === "retrying", "retrying");
    h.c.close();
    const n = h.statuses.length;
    expect(h.statuses[n - 1]).toEqual({ kind: "closed" });
    expect(h.c.send({ op: "ping" })).toBe(false);
    // Nothing more happens after close: a restarted daemon sees no client.
    d.restart();
    cleanup.push(() => d.stop());
    // A negative check needs a window: 100 ms is more than twice the largest retry delay (40 ms).
    await Bun.sleep(100);
    expect(d.wsClients).toBe(0);
    expect(h.statuses.length).toBe(n);
  });

  test("a silent link is declared stale and replaced", async () => {
    const sockets: FakeSocket[] = [];
    class FakeSocket implements SocketLike {
      onopen: SocketLike["onopen"] = null;
      onmessage: SocketLike["onmessage"] = null;
      onclose: SocketLike["onclose"] = null;
      onerror: SocketLike["onerror"] = null;
      sent: string[] = [];
      closed = false;
      send(d: string) {
        this.sent.push(d);
      }
      close() {
        this.closed = true;
      }
    }
    const statuses: ConnectionStatus[] = [];
    const c = new StreamClient({
      url: "ws://x/ws",
      subscriptions: () => [],
      onMessage: () => {},
      onStatus: (s) => statuses.push(s),
      staleAfterMs: 30,
      backoff: new Backoff({ baseMs: 5, maxMs: 5, random: () => 0 }),
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        queueMicrotask(() => s.onopen?.({}));
        return s;
      },
    });
    cleanup.push(() => c.close());
    c.start();
    const stale = await waitFor(() => statuses.find((s) => s.kind === "retrying"), "stale detection");
    expect((stale as { reason: string }).reason).toBe("no message from the daemon for 30 ms");
    expect(sockets[0]!.closed).toBe(true);
    await waitFor(() => sockets.length >= 2, "a new socket");
  });
});
