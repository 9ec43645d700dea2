/**
 * Loopback TCP proxy for outage tests: clients connect to `port`, bytes are piped to the
 * upstream. `cut()` closes the listener and destroys every open connection (clients then get
 * ECONNRESET on open sockets and ECONNREFUSED on new ones, exactly like a database that went
 * away); `restore()` listens again on the same port. Test/bench use only.
 */
import { createServer, connect, type Server, type Socket } from "node:net";

export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private _port = 0;
  /** Connections accepted since creation. */
  accepted = 0;

  private constructor(
    readonly upstreamHost: string,
    readonly upstreamPort: number,
  ) {}

  /** Starts a proxy on 127.0.0.1 (port 0 = pick a free one). */
  static async start(upstreamHost: string, upstreamPort: number, port = 0): Promise<TcpProxy> {
    const p = new TcpProxy(upstreamHost, upstreamPort);
    await p.listen(port);
    return p;
  }

  get port(): number {
    return this._port;
  }

  get up(): boolean {
    return this.server !== null;
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  private listen(port: number): Promise<void> {
    const server = createServer((client) => this.pipe(client));
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        this._port = (server.address() as { port: number }).port;
        this.server = server;
        resolve();
      });
    });
  }

  private pipe(client: Socket): void {
    this.accepted++;
    const upstream = connect(this.upstreamPort, this.upstreamHost);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Simulates the server going away: no new connections, open ones reset. */
  async cut(): Promise<void> {
    const s = this.server;
    this.server = null;
    for (const sock of this.sockets) sock.destroy();
    this.sockets.clear();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }

  /** Accepts connections again on the same port. */
  async restore(): Promise<void> {
    if (this.server) return;
    await this.listen(this._port);
  }

  async close(): Promise<void> {
    await this.cut();
  }
}
