import { afterEach, describe, expect, test } from "bun:test";
import { dataFile } from "../../src/testkit/data-path.ts";
import { Backoff } from "../client/backoff.ts";
import { HttpClient } from "../client/http-client.ts";
import { initialState, reducer } from "../state/reducer.ts";
import type { Action, UIState } from "../state/types.ts";
import { FakeDaemon } from "../testing/fake-daemon.ts";
import { HL_CANDLES, loadBars } from "../testing/real-bars.ts";
import { waitFor } from "../testing/wait-for.ts";
import { DaemonController } from "./daemon-controller.ts";

const bars = loadBars(dataFile(HL_CANDLES), { coin: "BTC", interval: "1h" });
const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

function setup(token?: string) {
  const d = FakeDaemon.start(bars, token ? { token } : {});
  cleanup.push(() => d.stop());
  const actions: Action[] = [];
  let state: UIState = initialState(d.url);
  const c = new DaemonController({
    http: new HttpClient({ baseUrl: d.url, token }),
    wsUrl: `ws://127.0.0.1:${d.port}/ws`,
    token,
    dispatch: (a) => {
      actions.push(a);
      state = reducer(state, a);
    },
    stream: { backoff: new Backoff({ baseMs: 10, maxMs: 30, random: () => 0.5 }) },
    batchMs: 5,
  });
  cleanup.push(() => c.dispose());
  return { d, c, actions, state: () => state };
}

describe("DaemonController against the fake daemon", () => {
  test("connects, loads the list, and follows status changes over the stream", async () => {
    const { d, c, state } = setup("tok");
    d.addBot("btc");
    c.start();
    await waitFor(() => state().loaded && state().bots.length === 1, "snapshot");
    expect(state().connection).toEqual({ kind: "open" });
    await c.command(state().bots[0]!, "start");
    expect(state().notice).toMatchObject({ kind: "ok", text: "started btc (now running)" });
    expect(state().busy).toBeNull();
    d.step("btc", 300);
    await waitFor(() => state().bots[0]!.bars === 300, "streamed status");
    expect(state().bots[0]!.trades).toBe(d.bot("btc").trades);
    await c.pauseResume(state().bots[0]!);
    expect(state().bots[0]!.state).toBe("paused");
    await c.pauseResume(state().bots[0]!);
    expect(state().bots[0]!.state).toBe("running");
  });

  test("refusals show the daemon's message", async () => {
    const { d, c, state } = setup("tok");
    d.addBot("idle");
    c.start();
    await waitFor(() => state().bots.length === 1, "snapshot");
    await c.command(state().bots[0]!, "stop");
    expect(state().notice).toMatchObject({ kind: "error", text: "stop idle: bot 'idle' is stopped: cannot stop (allowed from starting, running, paused, error) [CONFLICT 409]" });
    const noToken = setup();
    noToken.d.addBot("x");
    noToken.c.start();
    await waitFor(() => noToken.state().bots.length === 1, "snapshot 2");
    expect(await noToken.c.create({ id: "y", symbol: "BTC", interval: "1h", strategy: "s", feed: { kind: "replay", file: "/f" } })).toBe(true);
    expect(noToken.state().bots.map((b) => b.id)).toEqual(["x", "y"]);
    expect(noToken.state().selectedId).toBe("y");
  });

  test("detail: loads history, follows the bot's events, tails the equity curve", async () => {
    const { d, c, state } = setup();
    d.addBot("btc");
    c.start();
    await waitFor(() => state().bots.length === 1, "snapshot");
    await c.command(state().bots[0]!, "start");
    d.step("btc", 400);
    await waitFor(() => state().bots[0]!.bars === 400, "status");
    c.openDetail("btc");
    await waitFor(() => state().detail && !state().detail!.loading, "detail loaded");
    expect(d.wsMessages).toContainEqual({ op: "subscribe", channels: ["events"], bots: ["btc"] });
    expect(state().detail!.trades.length).toBe(d.bot("btc").trades);
    expect(state().detail!.equity.length).toBe(400);
    const before = d.bot("btc").trades;
    // Run until at least two more trades close; they arrive as WS events.
    let steps = 0;
    while (d.bot("btc").trades < before + 2 && steps < 600) {
      d.step("btc", 10);
      steps += 10;
    }
    expect(d.bot("btc").trades).toBeGreaterThanOrEqual(before + 2);
    await waitFor(() => state().detail!.trades.length === d.bot("btc").trades, "trades via events");
    // Status frames carry only the latest mark; the gap is filled over REST within about a second.
    await waitFor(() => state().detail!.equity.length === 400 + steps, "equity tail", { timeoutMs: 15_000 });
    expect(d.requests.some((r) => r.startsWith("GET /api/bots/btc/equity?from="))).toBe(true);
    c.closeDetail();
    await waitFor(() => JSON.stringify(d.wsMessages[d.wsMessages.length - 1]) === JSON.stringify({ op: "unsubscribe", channels: ["events"], bots: ["btc"] }), "unsubscribe frame");
  });

  test("a daemon restart: retrying shown, then the list is reloaded; deleted meanwhile disappears", async () => {
    const { d, c, state } = setup();
    d.addBot("a");
    d.addBot("b");
    c.start();
    await waitFor(() => state().bots.length === 2, "snapshot");
    const listCalls = () => d.requests.filter((r) => r === "GET /api/bots").length;
    const before = listCalls();
    d.stop();
    await waitFor(() => state().connection.kind === "retrying", "retrying");
    d.restart();
    await waitFor(() => state().connection.kind === "open", "open again");
    await waitFor(() => listCalls() === before + 1, "reload after reconnect");
    await c.remove("a");
    expect(state().bots.map((b) => b.id)).toEqual(["b"]);
    expect(state().notice).toMatchObject({ kind: "ok", text: "deleted a" });
  });

  test("r: reloads now when connected; when down, retries at once from attempt 1", async () => {
    const { d, c, state } = setup();
    d.addBot("a");
    c.start();
    await waitFor(() => state().bots.length === 1, "snapshot");
    c.refresh();
    await waitFor(() => state().notice?.text === "reloaded 1 bot", "reload notice");
    d.stop();
    await waitFor(() => state().connection.kind === "retrying" && (state().connection as { attempt: number }).attempt >= 3, "a few failed attempts");
    d.restart();
    c.refresh();
    expect(state().connection).toEqual({ kind: "connecting", attempt: 1 });
    await waitFor(() => state().connection.kind === "open", "reconnected by r");
  });

  test("update reports what the daemon changed; nothing dispatched after dispose", async () => {
    const { d, c, state, actions } = setup();
    d.addBot("btc");
    c.start();
    await waitFor(() => state().bots.length === 1, "snapshot");
    expect(await c.update("btc", { params: { fast: 7 } })).toBe(true);
    expect(state().notice?.text).toBe("updated btc: params; live at next bar: params");
    expect(state().bots[0]!.params).toEqual({ fast: 7, slow: 20 });
    expect(await c.update("btc", {})).toBe(true);
    expect(state().notice?.text).toBe("nothing changed");
    c.dispose();
    const n = actions.length;
    d.step("btc", 5);
    d.addBot("late");
    await Bun.sleep(50);
    expect(actions.length).toBe(n);
  });
});
