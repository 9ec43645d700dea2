/**
 * Test support: an in-process stand-in for the daemon's REST + WebSocket API (routes, status
 * codes, error bodies and WS frames as in src/api), driven by real candles. Each bot runs a tiny
 * long-only SMA(5/20) crossover over the bars when a test calls `step`, producing real-looking
 * equity, trades and events. Used by the TUI's client, controller and screen tests; the
 * end-to-end test uses the real daemon instead.
 */
import type { Server, ServerWebSocket } from "bun";
import type { BotEvent, BotState, BotSummary } from "../client/api-types.ts";
import type { RealBar } from "./real-bars.ts";
import { SimBot } from "./sim-bot.ts";

interface WsData {
  status: "*" | Set<string> | null;
  events: Set<string>;
}

const ALLOWED: Record<string, readonly BotState[]> = { start: ["stopped", "error"], stop: ["starting", "running", "paused", "error"], pause: ["running"], resume: ["paused"] };
const NEXT: Record<string, BotState> = { start: "running", stop: "stopped", pause: "paused", resume: "running" };

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const err = (status: number, code: string, message: string, details: Record<string, unknown> = {}) => json(status, { code, message, details });

export class FakeDaemon {
  private server: Server<WsData> | null = null;
  private readonly bots = new Map<string, SimBot>();
  private readonly sockets = new Set<ServerWebSocket<WsData>>();
  port = 0;
  readonly requests: string[] = [];
  readonly wsMessages: unknown[] = [];
  /** Respond to /api/strategies (null = 404, like the current daemon). */
  strategies: unknown = null;

  private constructor(
    private readonly bars: readonly RealBar[],
    private readonly token: string | null,
  ) {}

  static start(bars: readonly RealBar[], opts: { token?: string; port?: number } = {}): FakeDaemon {
    const d = new FakeDaemon(bars, opts.token ?? null);
    d.listen(opts.port ?? 0);
    return d;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsClients(): number {
    return this.sockets.size;
  }

  addBot(id: string, over: Partial<BotSummary> = {}): BotSummary {
    const sim = new SimBot(id, this.bars, over, (e) => this.onEvent(e));
    this.bots.set(id, sim);
    this.pushStatus(id);
    return sim.summary;
  }

  bot(id: string): BotSummary {
    return this.sim(id).summary;
  }

  /** Puts a bot into the error state with `message` (as a failed feed would). */
  fail(id: string, message: string): void {
    this.sim(id).transition("error", message);
    this.pushStatus(id);
  }

  /** Advances a running bot by `n` real bars. */
  step(id: string, n = 1): void {
    const s = this.sim(id);
    for (let k = 0; k < n && s.summary.state === "running" && !s.done; k++) s.step();
    this.pushStatus(id);
  }

  stop(): void {
    for (const ws of this.sockets) ws.close(1001, "server shutting down");
    this.sockets.clear();
    this.server?.stop(true);
    this.server = null;
  }

  /** Comes back on the same port (a daemon restart). */
  restart(): void {
    this.listen(this.port);
  }

  private listen(port: number): void {
    this.server = Bun.serve<WsData>({
      port,
      hostname: "127.0.0.1",
      fetch: (req, server) => {
        const url = new URL(req.url);
        if (url.pathname === "/ws") {
          return server.upgrade(req, { data: { status: null, events: new Set() } }) ? undefined : err(400, "BAD_REQUEST", "not a websocket");
        }
        this.requests.push(`${req.method} ${url.pathname}${url.search}`);
        return this.route(req, url);
      },
      websocket: {
        open: (ws) => {
          this.sockets.add(ws);
          ws.send(JSON.stringify({ type: "hello", protocol: 1, server_time: 1_764_000_000_000, heartbeat_ms: 10_000, channels: ["status", "events", "fills"] }));
        },
        message: (ws, raw) => this.onWs(ws, String(raw)),
        close: (ws) => {
          this.sockets.delete(ws);
        },
      },
    });
    this.port = this.server.port ?? port;
  }

  private sim(id: string): SimBot {
    const s = this.bots.get(id);
    if (!s) throw new Error(`fake daemon: no bot ${id}`);
    return s;
  }

  private async route(req: Request, url: URL): Promise<Response> {
    const m = req.method;
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (m !== "GET" && this.token !== null && req.headers.get("authorization") !== `Bearer ${this.token}`) return err(401, "UNAUTHORIZED", "missing or invalid bearer token");
    if (url.pathname === "/api/health") return json(200, { status: "ok", version: "fake", uptime_s: 1, bots: {}, components: {} });
    if (url.pathname === "/api/strategies") return this.strategies === null ? err(404, "NOT_FOUND", `no route GET ${url.pathname}`) : json(200, this.strategies);
    if (parts[0] !== "api" || parts[1] !== "bots") return err(404, "NOT_FOUND", `no route ${m} ${url.pathname}`);
    if (parts.length === 2 && m === "GET") return json(200, { bots: [...this.bots.values()].map((s) => s.summary).sort((a, b) => a.id.localeCompare(b.id)) });
    if (parts.length === 2 && m === "POST") return this.create(await req.json().catch(() => null));
    const id = parts[2]!;
    const s = this.bots.get(id);
    if (!s) return err(404, "NOT_FOUND", `bot '${id}' not found`, { id });
    const sub = parts[3];
    const page = <T>(items: readonly T[]) => {
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 100);
      return json(200, { items: items.slice(offset, offset + limit), total: items.length, offset, limit });
    };
    if (!sub && m === "GET") return json(200, { ...s.summary, recent_events: s.events.slice(-50), epoch: 1 });
    if (!sub && m === "DELETE") {
      this.bots.delete(id);
      this.broadcast({ type: "removed", bot_id: id }, () => true);
      return new Response(null, { status: 204 });
    }
    if (!sub && m === "PATCH") {
      const patch = (await req.json()) as Record<string, unknown>;
      const changed = Object.keys(patch);
      s.summary = { ...s.summary, ...(patch.params ? { params: { ...s.summary.params, ...(patch.params as object) } } : {}), version: s.summary.version + 1 };
      this.pushStatus(id);
      return json(200, { bot: s.summary, changed, applied_at_next_bar: changed, restart_required: [] });
    }
    if (sub && m === "POST" && sub in ALLOWED) {
      const from = s.summary.state;
      if (!ALLOWED[sub]!.includes(from)) return err(409, "CONFLICT", `bot '${id}' is ${from}: cannot ${sub} (allowed from ${ALLOWED[sub]!.join(", ")})`, { bot_id: id, state: from });
      s.transition(NEXT[sub]!);
      this.pushStatus(id);
      return json(200, s.summary);
    }
    if (sub === "trades") return page(s.trades);
    if (sub === "equity") return page(s.equity);
    if (sub === "positions") return json(200, { items: s.summary.open_positions });
    if (sub === "events") {
      const desc = url.searchParams.get("order") === "desc";
      return page(desc ? [...s.events].reverse() : s.events);
    }
    return err(404, "NOT_FOUND", `no route ${m} ${url.pathname}`);
  }

  private create(body: unknown): Response {
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof b.id !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(b.id)) return err(422, "VALIDATION", "body.id: must be 1–64 characters", { in: "body", field: "id", issues: [] });
    if (this.bots.has(b.id)) return err(409, "CONFLICT", `bot '${b.id}' already exists`, { id: b.id });
    const s = this.addBot(b.id, {
      symbol: String(b.symbol ?? "BTC"), interval: String(b.interval ?? "1h"), strategy: String(b.strategy ?? "sma_cross"),
      params: (b.params as Record<string, unknown>) ?? {}, mode: b.mode === "live" ? "live" : "paper",
    });
    return json(201, s);
  }

  private onWs(ws: ServerWebSocket<WsData>, raw: string): void {
    let m: { op?: string; channels?: string[]; bots?: string[] | "*" };
    try {
      m = JSON.parse(raw);
    } catch {
      ws.send(JSON.stringify({ type: "error", code: "BAD_MESSAGE", message: "message is not JSON" }));
      return;
    }
    this.wsMessages.push(m);
    const bots = m.bots ?? "*";
    for (const ch of m.channels ?? []) {
      if (ch === "status") ws.data.status = m.op === "unsubscribe" ? null : bots === "*" ? "*" : new Set(bots);
      if (ch === "events" && Array.isArray(bots)) for (const b of bots) m.op === "unsubscribe" ? ws.data.events.delete(b) : ws.data.events.add(b);
    }
    ws.send(JSON.stringify({ type: "subscribed", channels: m.channels ?? [], bots }));
    if (m.op === "subscribe" && m.channels?.includes("status")) {
      for (const s of this.bots.values()) if (bots === "*" || bots.includes(s.summary.id)) ws.send(JSON.stringify({ type: "status", bot: s.summary }));
    }
  }

  private broadcast(msg: unknown, to: (d: WsData) => boolean): void {
    const text = JSON.stringify(msg);
    for (const ws of this.sockets) if (to(ws.data)) ws.send(text);
  }

  private pushStatus(id: string): void {
    const s = this.bots.get(id);
    if (!s) return;
    this.broadcast({ type: "status", bot: s.summary }, (d) => d.status === "*" || (d.status instanceof Set && d.status.has(id)));
  }

  private onEvent(e: BotEvent): void {
    this.broadcast({ type: "event", bot_id: e.bot_id, event: e }, (d) => d.events.has(e.bot_id));
  }
}
