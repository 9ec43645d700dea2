/**
 * Typed REST client for the daemon (`/api/...`). One method per route; every method resolves to
 * the parsed body or throws an ApiError (the daemon answered with an error: its code and message)
 * or an UnreachableError (no answer: refused, reset, timed out).
 *
 * Design decisions: `fetch` is injectable so tests can point the client at an in-process fake;
 * mutating routes carry `Authorization: Bearer <token>` when a token is set; every request has a
 * timeout so a hung daemon turns into the "unreachable" banner instead of a frozen screen.
 */
import type {
  BotCommandName,
  BotDetail,
  BotEvent,
  BotSpecInput,
  BotSummary,
  EquityPoint,
  HealthResponse,
  Page,
  PositionView,
  TradeView,
  UpdateBotResponse,
} from "./api-types.ts";
import { ApiError, UnreachableError } from "./errors.ts";

export interface HttpClientOptions {
  /** REST base, e.g. http://127.0.0.1:8080 (see parseBaseUrl). */
  readonly baseUrl: string;
  readonly token?: string | undefined;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface ListQuery {
  readonly offset?: number;
  readonly limit?: number;
}

export interface EquityQuery extends ListQuery {
  /** Bar close time ≥ from (epoch ms). */
  readonly from?: number;
  readonly to?: number;
}

export interface EventsQuery extends ListQuery {
  readonly order?: "asc" | "desc";
  readonly after_seq?: number;
}

export class HttpClient {
  readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(opts: HttpClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, "");
    this.token = opts.token && opts.token.length > 0 ? opts.token : undefined;
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.fetchImpl = opts.fetch ?? fetch;
  }

  health(): Promise<HealthResponse> {
    return this.request<HealthResponse>("GET", "/api/health");
  }

  async listBots(): Promise<BotSummary[]> {
    const body = await this.request<unknown>("GET", "/api/bots");
    return itemsOf<BotSummary>(body, "GET /api/bots");
  }

  getBot(id: string): Promise<BotDetail> {
    return this.request<BotDetail>("GET", `/api/bots/${enc(id)}`);
  }

  createBot(spec: BotSpecInput): Promise<BotSummary> {
    return this.request<BotSummary>("POST", "/api/bots", spec);
  }

  /** Merge-patch of a bot's spec (params, risk, feed speed …); the daemon says what needs a restart. */
  updateBot(id: string, patch: Readonly<Record<string, unknown>>): Promise<UpdateBotResponse> {
    return this.request<UpdateBotResponse>("PATCH", `/api/bots/${enc(id)}`, patch);
  }

  deleteBot(id: string): Promise<void> {
    return this.request<void>("DELETE", `/api/bots/${enc(id)}`);
  }

  command(id: string, cmd: BotCommandName): Promise<BotSummary> {
    return this.request<BotSummary>("POST", `/api/bots/${enc(id)}/${cmd}`);
  }

  trades(id: string, q: ListQuery = {}): Promise<Page<TradeView>> {
    return this.request<Page<TradeView>>("GET", `/api/bots/${enc(id)}/trades${query(q)}`);
  }

  async positions(id: string): Promise<PositionView[]> {
    const body = await this.request<unknown>("GET", `/api/bots/${enc(id)}/positions`);
    return itemsOf<PositionView>(body, `GET /api/bots/${id}/positions`);
  }

  equity(id: string, q: EquityQuery = {}): Promise<Page<EquityPoint>> {
    return this.request<Page<EquityPoint>>("GET", `/api/bots/${enc(id)}/equity${query(q)}`);
  }

  events(id: string, q: EventsQuery = {}): Promise<Page<BotEvent>> {
    return this.request<Page<BotEvent>>("GET", `/api/bots/${enc(id)}/events${query(q)}`);
  }

  /** GET any JSON route (used for optional routes such as /api/strategies). */
  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = this.baseUrl + path;
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const why = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${this.timeoutMs} ms` : e instanceof Error ? e.message : String(e);
      throw new UnreachableError(this.baseUrl, `daemon unreachable at ${this.baseUrl}: ${why}`, { cause: e });
    }
    const text = await res.text().catch(() => "");
    if (!res.ok) throw toApiError(res.status, text, `${method} ${path}`);
    if (text === "" || res.status === 204) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(res.status, "BAD_RESPONSE", `${method} ${path}: response is not JSON: ${text.slice(0, 80)}`);
    }
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

function query(q: EventsQuery | EquityQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** GET /api/bots is `{ bots }`, positions `{ items }` (a bare array is accepted too); anything else is a protocol error. */
function itemsOf<T>(body: unknown, what: string): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === "object") {
    const o = body as Record<string, unknown>;
    for (const k of ["items", "bots", "positions"]) if (Array.isArray(o[k])) return o[k] as T[];
  }
  throw new ApiError(200, "BAD_RESPONSE", `${what}: expected a list, got ${JSON.stringify(body)?.slice(0, 80)}`);
}

/** Error bodies are `{ code, message, details }` or `{ error: { … } }`; plain text is kept as the message. */
export function toApiError(status: number, text: string, what: string): ApiError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  let o = parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  if (o && o.error && typeof o.error === "object") o = o.error as Record<string, unknown>;
  const code = typeof o?.code === "string" ? o.code : `HTTP_${status}`;
  const message = typeof o?.message === "string" ? o.message : text.trim() !== "" ? text.trim().slice(0, 200) : `${what} failed with HTTP ${status}`;
  const details = o?.details && typeof o.details === "object" ? (o.details as Record<string, unknown>) : {};
  return new ApiError(status, code, message, details);
}
