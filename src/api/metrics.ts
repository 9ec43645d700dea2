/**
 * Prometheus metrics of the daemon (text exposition format 0.0.4): API request counts and a
 * latency histogram per route template, bot events and fills (counters plus a 10-second rate
 * gauge), bots by state, and WebSocket clients/drops. Recording is O(1) and allocation-free on
 * the hot path (route keys are interned strings; histograms are fixed Float64Arrays).
 */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

class Histogram {
  readonly counts = new Float64Array(BUCKETS.length + 1);
  sum = 0;
  n = 0;
  observe(v: number): void {
    let i = 0;
    while (i < BUCKETS.length && v > BUCKETS[i]!) i++;
    this.counts[i]!++;
    this.sum += v;
    this.n++;
  }
}

/** Events per second over the last `span` whole seconds (1-second buckets). */
export class RateMeter {
  private readonly buckets: Float64Array;
  private readonly stamps: Float64Array;
  total = 0;
  constructor(
    private readonly now: () => number,
    private readonly span = 10,
  ) {
    this.buckets = new Float64Array(span);
    this.stamps = new Float64Array(span).fill(-1);
  }
  add(n = 1): void {
    const sec = Math.floor(this.now() / 1000);
    const i = sec % this.span;
    if (this.stamps[i] !== sec) {
      this.stamps[i] = sec;
      this.buckets[i] = 0;
    }
    this.buckets[i]! += n;
    this.total += n;
  }
  /** Mean rate over the last `span` completed seconds. */
  rate(): number {
    const sec = Math.floor(this.now() / 1000);
    let sum = 0;
    for (let k = 1; k <= this.span; k++) {
      const s = sec - k;
      const i = ((s % this.span) + this.span) % this.span;
      if (this.stamps[i] === s) sum += this.buckets[i]!;
    }
    return sum / this.span;
  }
}

export class ApiMetrics {
  private readonly requests = new Map<string, { method: string; route: string; status: number; n: number }>();
  private readonly latency = new Map<string, Histogram>();
  readonly events: RateMeter;
  readonly fills: RateMeter;
  wsClients = 0;
  wsDropped = 0;
  wsMessages = 0;
  wsBytes = 0;

  constructor(now: () => number) {
    this.events = new RateMeter(now);
    this.fills = new RateMeter(now);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    const r = this.requests.get(key);
    if (r) r.n++;
    else this.requests.set(key, { method, route, status, n: 1 });
    const hk = `${method} ${route}`;
    let h = this.latency.get(hk);
    if (!h) {
      h = new Histogram();
      this.latency.set(hk, h);
    }
    h.observe(seconds);
  }

  render(botsByState: Record<string, number>): string {
    const out: string[] = [];
    out.push("# HELP algo_bots Bots by state.", "# TYPE algo_bots gauge");
    for (const [state, n] of Object.entries(botsByState)) out.push(`algo_bots{state="${state}"} ${n}`);
    out.push("# HELP algo_bot_events_total Bot events emitted (signals, orders, fills, trades, state changes).", "# TYPE algo_bot_events_total counter");
    out.push(`algo_bot_events_total ${this.events.total}`);
    out.push("# HELP algo_bot_events_per_second Bot events per second over the last 10 s.", "# TYPE algo_bot_events_per_second gauge");
    out.push(`algo_bot_events_per_second ${this.events.rate()}`);
    out.push("# HELP algo_bot_fills_total Fills booked by all bots.", "# TYPE algo_bot_fills_total counter");
    out.push(`algo_bot_fills_total ${this.fills.total}`);
    out.push("# HELP algo_ws_clients Connected WebSocket clients.", "# TYPE algo_ws_clients gauge", `algo_ws_clients ${this.wsClients}`);
    out.push("# HELP algo_ws_dropped_clients_total WebSocket clients dropped for being too slow.", "# TYPE algo_ws_dropped_clients_total counter");
    out.push(`algo_ws_dropped_clients_total ${this.wsDropped}`);
    out.push("# HELP algo_ws_messages_total WebSocket messages published.", "# TYPE algo_ws_messages_total counter", `algo_ws_messages_total ${this.wsMessages}`);
    out.push("# HELP algo_ws_bytes_total WebSocket payload bytes published (× subscribers).", "# TYPE algo_ws_bytes_total counter", `algo_ws_bytes_total ${this.wsBytes}`);
    out.push("# HELP algo_api_requests_total API requests by route template and status.", "# TYPE algo_api_requests_total counter");
    for (const r of this.requests.values()) out.push(`algo_api_requests_total{method="${r.method}",route="${esc(r.route)}",status="${r.status}"} ${r.n}`);
    out.push("# HELP algo_api_request_duration_seconds API latency by route template.", "# TYPE algo_api_request_duration_seconds histogram");
    for (const [key, h] of this.latency) {
      const sp = key.indexOf(" ");
      const labels = `method="${key.slice(0, sp)}",route="${esc(key.slice(sp + 1))}"`;
      let cum = 0;
      for (let i = 0; i < BUCKETS.length; i++) {
        cum += h.counts[i]!;
        out.push(`algo_api_request_duration_seconds_bucket{${labels},le="${BUCKETS[i]}"} ${cum}`);
      }
      out.push(`algo_api_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.n}`);
      out.push(`algo_api_request_duration_seconds_sum{${labels}} ${h.sum}`);
      out.push(`algo_api_request_duration_seconds_count{${labels}} ${h.n}`);
    }
    return out.join("\n") + "\n";
  }
}

function esc(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}
