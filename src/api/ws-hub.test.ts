/**
 * WebSocket /ws on a real server: hello, subscribe (all bots or some), status snapshots and
 * pushes, events and fills of a running replay bot, heartbeat, ping/pong, bad messages, token
 * in the query when reads are protected, and a client that never reads is dropped while the
 * bot keeps running at full speed.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { dataFile } from "../testkit/data-path.ts";
import { HL_CANDLES, replaySpec, until } from "../testkit/daemon/bot-fixtures.ts";
import { startApi, TEST_TOKEN, type ApiFixture } from "../testkit/daemon/api-fixture.ts";
import type { WsServerMessage } from "./types.ts";
import { checkClientMessage } from "./ws-hub.ts";

const BINANCE_1H = "binance_spot_BTCUSDT_1h_2017-08_2026-05.csv.gz";
const fixtures: ApiFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.close();
});

async function start(over: Parameters<typeof startApi>[0] = {}): Promise<ApiFixture> {
  const f = await startApi(over);
  fixtures.push(f);
  return f;
}

class Client {
  readonly messages: WsServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  readonly ws: WebSocket;
  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.onmessage = (e) => this.messages.push(JSON.parse(String(e.data)) as WsServerMessage);
    this.ws.onclose = (e) => (this.closed = { code: e.code, reason: e.reason });
  }
  async opened(): Promise<void> {
    await until(() => this.messages.some((m) => m.type === "hello") || this.closed !== null, 30_000, "hello");
  }
  send(m: unknown): void {
    this.ws.send(typeof m === "string" ? m : JSON.stringify(m));
  }
  of<T extends WsServerMessage["type"]>(t: T): Extract<WsServerMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<WsServerMessage, { type: T }> => m.type === t);
  }
}

describe("WebSocket hub", () => {
  test("status, events and fills of a running bot reach subscribers; per-bot filters hold", async () => {
    const f = await start();
    await f.registry.create(replaySpec("a", {}, { bars_per_second: 2000 }));
    await f.registry.create(replaySpec("b"));
    const all = new Client(f.wsUrl);
    const onlyB = new Client(`${f.wsUrl}?subscribe=status,events&bots=b`);
    const batched = new Client(f.wsUrl);
    await all.opened();
    await onlyB.opened();
    await batched.opened();
    batched.send({ op: "subscribe", channels: ["events", "fills"], bots: ["a"], batch: true });
    await until(() => batched.of("subscribed").length === 1);
    expect(batched.of("subscribed")[0]).toEqual({ type: "subscribed", channels: ["events", "fills"], bots: ["a"], batch: true });
    expect(all.messages[0]).toMatchObject({ type: "hello", protocol: 1, heartbeat_ms: 200, channels: ["status", "events", "fills"] });
    all.send({ op: "subscribe", channels: ["status", "events", "fills"] });
    await until(() => all.of("subscribed").length === 1);
    // Subscribing sends the current status of every matching bot at once.
    await until(() => all.of("status").length >= 2);
    expect(all.of("status").map((m) => m.bot.id).sort()).toEqual(["a", "b"]);
    await f.registry.command("a", "start");
    await until(() => f.registry.get("a").feed_status.state === "ended", 20_000);
    await until(() => all.of("status").some((m) => m.bot.id === "a" && m.bot.state === "stopped"), 30_000, "final status");
    const stored = f.registry.events("a", { offset: 0, limit: 100_000 });
    // The final status can overtake the last event frames; wait until the stream has caught up.
    await until(() => all.of("event").filter((m) => m.bot_id === "a").length >= stored.items.length, 30_000, "all events delivered");
    const events = all.of("event").filter((m) => m.bot_id === "a");
    expect(events.map((m) => m.event.seq)).toEqual(stored.items.map((e) => e.seq));
    expect(all.of("fill").map((m) => m.event.seq)).toEqual(stored.items.filter((e) => e.type === "fill").map((e) => e.seq));
    expect(all.of("fill").length).toBeGreaterThan(5);
    expect(onlyB.of("event")).toEqual([]);
    // Batched delivery: the same events, fewer frames, no per-event frames.
    await until(() => batched.of("events").flatMap((m) => m.events).length === stored.total, 30_000, "batched events");
    expect(batched.of("events").flatMap((m) => m.events.map((e) => e.seq))).toEqual(stored.items.map((e) => e.seq));
    expect(batched.of("fills").flatMap((m) => m.events.map((e) => e.seq))).toEqual(stored.items.filter((e) => e.type === "fill").map((e) => e.seq));
    expect(batched.of("events").length).toBeLessThan(stored.total / 2);
    expect(batched.of("event")).toEqual([]);
    batched.ws.close();
    expect(onlyB.of("status").every((m) => m.bot.id === "b")).toBe(true);
    await until(() => all.of("heartbeat").length >= 1, 30_000, "heartbeat");
    all.send({ op: "ping", id: 7 });
    all.send("not json");
    all.send({ op: "subscribe", channels: ["nope"] });
    await until(() => all.of("pong").length === 1 && all.of("error").length === 2);
    expect(all.of("pong")[0]!.id).toBe(7);
    expect(all.of("error").map((e) => e.message)).toEqual(["message is not JSON", "channels: must be a list of status, events, fills"]);
    await f.registry.delete("b");
    await until(() => onlyB.of("removed").length === 1);
    all.ws.close();
    onlyB.ws.close();
  });

  test("a client that never reads is dropped and the bot is not slowed", async () => {
    const f = await start({ ws: { heartbeatMs: 50, maxBufferedBytes: 16 * 1024, statusThrottleMs: 0 } });
    // A bot at full speed over 8 years of hourly candles publishes ~10 MB of events and statuses,
    // more than the kernel's socket buffers can absorb for a reader that has stopped.
    const ids = ["f1"];
    for (const id of ids) await f.registry.create(replaySpec(id, { symbol: "BTCUSDT" }, { file: dataFile(BINANCE_1H) }));
    // A raw TCP client: completes the WebSocket handshake, subscribes, then never reads again.
    const port = Number(new URL(f.url).port);
    let handshake = "";
    const sock = await Bun.connect({
      hostname: "127.0.0.1",
      port,
      socket: {
        data(s, d) {
          if (!handshake.includes("\r\n\r\n")) {
            handshake += d.toString("latin1");
            if (handshake.includes("\r\n\r\n")) s.pause();
          }
        },
      },
    });
    sock.write(
      `GET /ws?subscribe=status,events,fills HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await until(() => handshake.includes("101"), 30_000, "handshake");
    await until(() => f.api.hub.clientCount === 1);
    for (const id of ids) await f.registry.command(id, "start");
    await until(() => ids.every((id) => f.registry.get(id).feed_status.state === "ended"), 30_000, "bots to finish");
    await until(() => f.api.metrics.wsDropped === 1, 10_000, "slow client dropped");
    expect(f.api.hub.clientCount).toBe(0);
    for (const id of ids) expect(f.registry.get(id).bars).toBe(76_724);
    sock.end();
  }, 40_000);

  test("with protected reads /ws needs the token (header or ?token=)", async () => {
    const f = await start({ auth: { token: TEST_TOKEN, protectReads: true } });
    const denied = new Client(f.wsUrl);
    await until(() => denied.closed !== null, 30_000, "refused");
    expect(denied.messages).toEqual([]);
    const ok = new Client(`${f.wsUrl}?token=${TEST_TOKEN}`);
    await ok.opened();
    expect(ok.messages[0]!.type).toBe("hello");
    ok.ws.close();
    expect((await f.call("GET", "/api/bots", undefined, { auth: false })).status).toBe(401);
    expect((await f.call("GET", "/api/bots")).status).toBe(200);
  });

  test("client message checks", () => {
    expect(checkClientMessage({ op: "subscribe", channels: ["status"], bots: ["a"] })).toBeNull();
    expect(checkClientMessage({ op: "subscribe" })).toMatch(/channels: required/);
    expect(checkClientMessage({ op: "subscribe", channels: ["status"], bots: [1] })).toMatch(/bots:/);
    expect(checkClientMessage({ op: "dance" })).toMatch(/op: must be/);
    expect(checkClientMessage(null)).toMatch(/JSON object/);
    expect(dataFile(HL_CANDLES)).toContain("hyperliquid");
  });
});
